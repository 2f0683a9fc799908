package cn.grassroots.org;

import static cn.grassroots.org.AccountFixtures.DAOLI;
import static cn.grassroots.org.AccountFixtures.HARBIN;
import static cn.grassroots.org.AccountFixtures.HLJ;
import static cn.grassroots.org.AccountFixtures.NX;
import static cn.grassroots.org.AccountFixtures.SHENGBAOSHE;
import static cn.grassroots.org.AccountFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.Api;
import cn.grassroots.IntegrationTest;
import cn.grassroots.platform.security.AccountStore;
import cn.grassroots.platform.security.Grant;
import cn.grassroots.platform.security.Role;

/** Account administration over the API: scope, separation of duties, validation, audit. */
@IntegrationTest
class AccountAdministrationApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountStore accounts;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	JdbcClient jdbc;

	AccountFixtures f;

	@BeforeEach
	void fixtures() {
		f = new AccountFixtures(accounts, encoder, jdbc);
	}

	private long harbinSecurityAdmin() {
		return f.account("sec", HARBIN, Grant.region(Role.SECURITY_ADMIN, HARBIN));
	}

	private ResultActions grant(RequestPostProcessor who, long accountId, String json) throws Exception {
		return mvc.perform(post("/api/v1/accounts/" + accountId + "/grants").with(who)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json));
	}

	@Test
	void aRegionalSecurityAdminCannotGrantBeyondTheirScopeNorSystemAdmin() throws Exception {
		long admin = harbinSecurityAdmin();
		long target = f.account("t", SHENGBAOSHE);
		long before = f.grantCount(target);
		long ningxiaGrid = f.gridIn(NX);
		long ningxiaUnit = f.unit("自治区民政厅");
		long provinceUnit = f.unit("黑龙江省委组织部");
		for (String body : List.of(
				"{\"role\":\"ORG_ADMIN\",\"scopeKind\":\"REGION_AND_BELOW\",\"regionCode\":\"64\"}",
				"{\"role\":\"ORG_ADMIN\",\"scopeKind\":\"REGION_AND_BELOW\",\"regionCode\":\"23\"}",
				"{\"role\":\"AUDITOR\",\"scopeKind\":\"ALL\"}",
				"{\"role\":\"GRID_WORKER\",\"scopeKind\":\"REGION_AND_BELOW\",\"gridId\":" + ningxiaGrid + "}",
				"{\"role\":\"UNIT_OFFICER\",\"scopeKind\":\"OWN_UNIT\",\"unitId\":" + ningxiaUnit + "}",
				"{\"role\":\"UNIT_OFFICER\",\"scopeKind\":\"UNIT_AND_BELOW\",\"unitId\":" + provinceUnit + "}",
				"{\"role\":\"ORG_ADMIN\",\"scopeKind\":\"CUSTOM\",\"customRegionCodes\":[\"230102\",\"2302\"]}")) {
			grant(f.as(admin), target, body).andExpect(status().isForbidden())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		}
		grant(f.as(admin), target, "{\"role\":\"SYSTEM_ADMIN\",\"scopeKind\":\"REGION_AND_BELOW\",\"regionCode\":\"2301\"}")
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.detail").value(containsString("系统管理员")));
		assertThat(f.grantCount(target)).isEqualTo(before);
		assertThat(f.audits("GRANT_ADD", target, "FAILURE")).isEqualTo(8);
		assertThat(f.audits("GRANT_ADD", target, "SUCCESS")).isZero();
	}

	@Test
	void aRegionalSecurityAdminGrantsInsideTheirScope() throws Exception {
		long admin = harbinSecurityAdmin();
		long target = f.account("t", SHENGBAOSHE);
		long grid = f.gridIn(SHENGBAOSHE);
		long cityUnit = f.unit("哈尔滨市委组织部");
		grant(f.as(admin), target, "{\"role\":\"ORG_ADMIN\",\"scopeKind\":\"REGION_AND_BELOW\",\"regionCode\":\"230102\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.roleName").value("组织部门管理员"))
			.andExpect(jsonPath("$.scopeKindName").value("本区域及以下"))
			.andExpect(jsonPath("$.regionCode").value("230102000000"))
			.andExpect(jsonPath("$.reach").value(containsString("道里区")));
		grant(f.as(admin), target, "{\"role\":\"GRID_WORKER\",\"scopeKind\":\"REGION_AND_BELOW\",\"gridId\":" + grid + "}")
			.andExpect(status().isCreated());
		grant(f.as(admin), target, "{\"role\":\"UNIT_OFFICER\",\"scopeKind\":\"UNIT_AND_BELOW\",\"unitId\":" + cityUnit + "}")
			.andExpect(status().isCreated());
		grant(f.as(admin), target, "{\"role\":\"STREET_ADMIN\",\"scopeKind\":\"CUSTOM\",\"customRegionCodes\":[\"230102\",\"230103\"]}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.customRegionCodes.length()").value(2));
		grant(f.as(admin), target, "{\"role\":\"ORG_ADMIN\",\"scopeKind\":\"SELF\"}").andExpect(status().isCreated());
		assertThat(f.grantCount(target)).isEqualTo(5);
		assertThat(f.audits("GRANT_ADD", target, "SUCCESS")).isEqualTo(5);
		String after = jdbc.sql("SELECT after_value FROM audit_event WHERE action = 'GRANT_ADD' AND target_id = :t ORDER BY id DESC LIMIT 1")
			.param("t", Long.toString(target)).query(String.class).single();
		assertThat(after).contains("\"SELF\"").contains("230102000000");

		// the same grant twice is refused as input, not stored twice
		grant(f.as(admin), target, "{\"role\":\"ORG_ADMIN\",\"scopeKind\":\"SELF\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("role"));
		assertThat(f.grantCount(target)).isEqualTo(5);
	}

	@Test
	void aDistrictAdminCannotGrantAUnitWhoseSubtreeLeavesTheDistrict() throws Exception {
		long admin = f.account("sec", DAOLI, Grant.region(Role.SECURITY_ADMIN, DAOLI));
		long target = f.account("t", SHENGBAOSHE);
		long cityUnit = f.unit("哈尔滨市委组织部");
		long districtUnit = f.unit("道里区委组织部");
		grant(f.as(admin), target, "{\"role\":\"UNIT_OFFICER\",\"scopeKind\":\"OWN_UNIT\",\"unitId\":" + cityUnit + "}")
			.andExpect(status().isForbidden());
		grant(f.as(admin), target, "{\"role\":\"UNIT_OFFICER\",\"scopeKind\":\"UNIT_AND_BELOW\",\"unitId\":" + districtUnit + "}")
			.andExpect(status().isCreated());
		assertThat(f.grantCount(target)).isEqualTo(1);
	}

	@Test
	void onlyAnAllScopeAdminGrantsAllAndNobodyGrantsSystemAdmin() throws Exception {
		long target = f.account("t", SHENGBAOSHE);
		grant(Api.as("sys-admin"), target, "{\"role\":\"AUDITOR\",\"scopeKind\":\"ALL\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.scopeKind").value("ALL"));
		grant(Api.as("sys-admin"), target, "{\"role\":\"SYSTEM_ADMIN\",\"scopeKind\":\"ALL\"}").andExpect(status().isForbidden());
		// an auditor may not also be a security admin (三员分立)
		grant(Api.as("sys-admin"), target, "{\"role\":\"SECURITY_ADMIN\",\"scopeKind\":\"ALL\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("role"));
		assertThat(f.grantCount(target)).isEqualTo(1);
	}

	@Test
	void theListHoldsOnlyAccountsInsideTheScope() throws Exception {
		long admin = harbinSecurityAdmin();
		String body = mvc.perform(get("/api/v1/accounts").param("size", "100").with(f.as(admin)))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		List<String> homes = JsonPath.read(body, "$.content[*].homeRegionCode");
		assertThat(homes).isNotEmpty().allMatch(c -> c.startsWith("2301"));
		Integer total = JsonPath.read(body, "$.page.totalElements");
		long inHarbin = jdbc.sql("SELECT COUNT(*) FROM account WHERE home_region_code BETWEEN 230100000000 AND 230199999999")
			.query(Long.class).single();
		assertThat(total.longValue()).isEqualTo(inHarbin);

		mvc.perform(get("/api/v1/accounts").param("username", "harbin-admin").with(f.as(admin)))
			.andExpect(jsonPath("$.page.totalElements").value(1))
			.andExpect(jsonPath("$.content[0].roles[0]").value("ORG_ADMIN"));
		for (String outside : List.of("nx-admin", "hlj-admin", "sys-admin", "auditor")) {
			mvc.perform(get("/api/v1/accounts").param("username", outside).with(f.as(admin)))
				.andExpect(jsonPath("$.page.totalElements").value(0));
			mvc.perform(get("/api/v1/accounts/" + f.accountId(outside)).with(f.as(admin))).andExpect(status().isForbidden());
		}
		mvc.perform(get("/api/v1/accounts/" + f.accountId("zhaolin-street")).with(f.as(admin)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.grants[0].roleName").value("街道管理员"))
			.andExpect(jsonPath("$.person.name").value("赵春梅"));

		String byRole = mvc.perform(get("/api/v1/accounts").param("role", "GRID_WORKER").param("size", "100").with(f.as(admin)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<List<String>> roles = JsonPath.read(byRole, "$.content[*].roles");
		assertThat(roles).isNotEmpty().allMatch(r -> r.contains("GRID_WORKER"));

		// the ALL-scope admin sees every account, person-less ones included
		mvc.perform(get("/api/v1/accounts").param("username", "nx-admin").with(Api.as("sys-admin")))
			.andExpect(jsonPath("$.page.totalElements").value(1));
	}

	@Test
	void malformedListRequestsAreBadRequests() throws Exception {
		long admin = harbinSecurityAdmin();
		mvc.perform(get("/api/v1/accounts").param("role", "KING").with(f.as(admin))).andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/accounts").param("locked", "maybe").with(f.as(admin))).andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/accounts").param("size", "1000").with(f.as(admin))).andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/accounts").param("username", "x".repeat(65)).with(f.as(admin))).andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/accounts/abc").with(f.as(admin))).andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/accounts/99999999999999999999").with(f.as(admin))).andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/accounts/999999999").with(f.as(admin))).andExpect(status().isNotFound());
	}

	@Test
	void anAccountIsCreatedForAPersonInsideTheScopeOnly() throws Exception {
		long admin = harbinSecurityAdmin();
		long harbinPerson = f.personIn(SHENGBAOSHE);
		long ningxiaPerson = f.personIn(NX);
		String username = unique("new");
		mvc.perform(post("/api/v1/accounts").with(f.as(admin)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"" + username + "\",\"personId\":" + harbinPerson + ",\"password\":\"Good-Passw0rd\"}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.username").value(username))
			.andExpect(jsonPath("$.person.id").value(harbinPerson))
			.andExpect(jsonPath("$.homeRegionCode").value(Long.toString(SHENGBAOSHE)))
			.andExpect(jsonPath("$.grants.length()").value(0));
		long id = f.accountId(username);
		String audit = jdbc.sql("SELECT after_value FROM audit_event WHERE action = 'ACCOUNT_CREATE' AND target_id = :t")
			.param("t", Long.toString(id)).query(String.class).single();
		assertThat(audit).contains(username).doesNotContain("Good-Passw0rd");
		mvc.perform(get("/api/v1/me").with(httpBasic(username, "Good-Passw0rd"))).andExpect(status().isOk());

		String outsider = unique("new");
		mvc.perform(post("/api/v1/accounts").with(f.as(admin)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"" + outsider + "\",\"personId\":" + ningxiaPerson + ",\"password\":\"Good-Passw0rd\"}"))
			.andExpect(status().isForbidden());
		assertThat(accounts.exists(outsider)).isFalse();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'ACCOUNT_CREATE' AND outcome = 'FAILURE' AND actor = :a")
			.param("a", f.username(admin)).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void badNewAccountsGetFieldErrorsAndCreateNothing() throws Exception {
		long admin = harbinSecurityAdmin();
		long person = f.personIn(SHENGBAOSHE);
		long count = jdbc.sql("SELECT COUNT(*) FROM account").query(Long.class).single();
		String taken = f.username(admin);
		record Case(String json, String field) {
		}
		for (Case c : List.of(
				new Case("{\"username\":\"AB\",\"personId\":" + person + ",\"password\":\"Good-Passw0rd\"}", "username"),
				new Case("{\"username\":\"has space\",\"personId\":" + person + ",\"password\":\"Good-Passw0rd\"}", "username"),
				new Case("{\"username\":\"" + "a".repeat(65) + "\",\"personId\":" + person + ",\"password\":\"Good-Passw0rd\"}", "username"),
				new Case("{\"username\":\"" + taken + "\",\"personId\":" + person + ",\"password\":\"Good-Passw0rd\"}", "username"),
				new Case("{\"username\":\"" + unique("n") + "\",\"personId\":" + person + ",\"password\":\"weak\"}", "password"),
				new Case("{\"username\":\"" + unique("n") + "\",\"personId\":" + person + ",\"password\":\"alllowercase1\"}", "password"),
				new Case("{\"username\":\"" + unique("n") + "\",\"personId\":" + person + "}", "password"),
				new Case("{\"username\":\"" + unique("n") + "\",\"password\":\"Good-Passw0rd\"}", "personId"),
				new Case("{\"username\":\"" + unique("n") + "\",\"personId\":999999999,\"password\":\"Good-Passw0rd\"}", "personId"))) {
			mvc.perform(post("/api/v1/accounts").with(f.as(admin)).contentType(MediaType.APPLICATION_JSON).content(c.json()))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
				.andExpect(jsonPath("$.errors[?(@.field == '" + c.field() + "')]").exists());
		}
		String name = "pw-" + unique("x").substring(2);
		mvc.perform(post("/api/v1/accounts").with(f.as(admin)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"" + name + "\",\"personId\":" + person + ",\"password\":\"Xx-" + name + "\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].message").value("密码不得包含用户名"));
		for (String garbage : List.of("{not json", "null", "[]", "{\"personId\":\"abc\"}", "{\"personId\":1.5e300}")) {
			mvc.perform(post("/api/v1/accounts").with(f.as(admin)).contentType(MediaType.APPLICATION_JSON).content(garbage))
				.andExpect(status().isBadRequest());
		}
		assertThat(jdbc.sql("SELECT COUNT(*) FROM account").query(Long.class).single()).isEqualTo(count);
	}

	@Test
	void badGrantsGetFieldErrorsAndStoreNothing() throws Exception {
		long admin = harbinSecurityAdmin();
		long target = f.account("t", SHENGBAOSHE);
		long grid = f.gridIn(SHENGBAOSHE);
		record Case(String json, String field) {
		}
		for (Case c : List.of(
				new Case("{\"scopeKind\":\"SELF\"}", "role"),
				new Case("{\"role\":\"KING\",\"scopeKind\":\"SELF\"}", "role"),
				new Case("{\"role\":\"ORG_ADMIN\"}", "scopeKind"),
				new Case("{\"role\":\"ORG_ADMIN\",\"scopeKind\":\"EVERYWHERE\"}", "scopeKind"),
				new Case("{\"role\":\"ORG_ADMIN\",\"scopeKind\":\"REGION_AND_BELOW\"}", "regionCode"),
				new Case("{\"role\":\"ORG_ADMIN\",\"scopeKind\":\"REGION_AND_BELOW\",\"regionCode\":\"2301\",\"gridId\":" + grid + "}", "regionCode"),
				new Case("{\"role\":\"ORG_ADMIN\",\"scopeKind\":\"REGION_AND_BELOW\",\"regionCode\":\"12345\"}", "regionCode"),
				new Case("{\"role\":\"ORG_ADMIN\",\"scopeKind\":\"REGION_AND_BELOW\",\"regionCode\":\"230199\"}", "regionCode"),
				new Case("{\"role\":\"ORG_ADMIN\",\"scopeKind\":\"REGION_AND_BELOW\",\"gridId\":999999999}", "gridId"),
				new Case("{\"role\":\"ORG_ADMIN\",\"scopeKind\":\"CUSTOM\",\"customRegionCodes\":[]}", "customRegionCodes"),
				new Case("{\"role\":\"ORG_ADMIN\",\"scopeKind\":\"CUSTOM\",\"customRegionCodes\":[\"2301\",\"x\"]}", "customRegionCodes"),
				new Case("{\"role\":\"UNIT_OFFICER\",\"scopeKind\":\"OWN_UNIT\"}", "unitId"),
				new Case("{\"role\":\"UNIT_OFFICER\",\"scopeKind\":\"OWN_UNIT\",\"unitId\":999999999}", "unitId"))) {
			grant(f.as(admin), target, c.json())
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[?(@.field == '" + c.field() + "')]").exists());
		}
		for (String garbage : List.of("{not json", "{\"gridId\":\"abc\"}", "{\"customRegionCodes\":\"2301\"}")) {
			grant(f.as(admin), target, garbage).andExpect(status().isBadRequest());
		}
		assertThat(f.grantCount(target)).isZero();
		mvc.perform(post("/api/v1/accounts/999999999/grants").with(f.as(admin)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"role\":\"ORG_ADMIN\",\"scopeKind\":\"SELF\"}")).andExpect(status().isNotFound());
		mvc.perform(delete("/api/v1/accounts/" + target + "/grants/999999999").with(f.as(admin))).andExpect(status().isNotFound());
	}

	@Test
	void unlockingLiftsTheLockoutAndIsAudited() throws Exception {
		long admin = harbinSecurityAdmin();
		long target = f.account("t", SHENGBAOSHE, Grant.region(Role.ORG_ADMIN, HLJ));
		accounts.lock(target, Instant.now().plus(15, ChronoUnit.MINUTES));
		String username = f.username(target);
		mvc.perform(get("/api/v1/accounts").param("username", username).param("locked", "true").with(f.as(admin)))
			.andExpect(jsonPath("$.page.totalElements").value(1))
			.andExpect(jsonPath("$.content[0].locked").value(true));
		mvc.perform(get("/api/v1/me").with(httpBasic(username, AccountFixtures.PASSWORD))).andExpect(status().isUnauthorized());

		// holding a grant beyond the admin's scope does not stop an unlock: it changes no one's rights
		mvc.perform(post("/api/v1/accounts/" + target + "/unlock").with(f.as(admin)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.locked").value(false))
			.andExpect(jsonPath("$.lockedUntil").value(org.hamcrest.Matchers.nullValue()));
		assertThat(accounts.findById(target).orElseThrow().lockedUntil()).isNull();
		assertThat(f.audits("ACCOUNT_UNLOCK", target, "SUCCESS")).isEqualTo(1);
		String before = jdbc.sql("SELECT before_value FROM audit_event WHERE action = 'ACCOUNT_UNLOCK' AND target_id = :t")
			.param("t", Long.toString(target)).query(String.class).single();
		assertThat(before).contains("lockedUntil");
		mvc.perform(get("/api/v1/me").with(httpBasic(username, AccountFixtures.PASSWORD))).andExpect(status().isOk());

		long ningxian = f.account("t", NX);
		accounts.lock(ningxian, Instant.now().plus(15, ChronoUnit.MINUTES));
		mvc.perform(post("/api/v1/accounts/" + ningxian + "/unlock").with(f.as(admin))).andExpect(status().isForbidden());
		assertThat(accounts.findById(ningxian).orElseThrow().locked()).isTrue();
	}

	@Test
	void auditorsAndOrgAdminsCannotAdministerAccounts() throws Exception {
		long target = f.account("t", SHENGBAOSHE);
		accounts.lock(target, Instant.now().plus(15, ChronoUnit.MINUTES));
		long person = f.personIn(SHENGBAOSHE);
		for (String who : List.of("auditor", "harbin-admin", "hlj-secretary")) {
			RequestPostProcessor as = f.as(f.accountId(who));
			mvc.perform(get("/api/v1/accounts").with(as)).andExpect(status().isForbidden())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
			mvc.perform(get("/api/v1/accounts/" + target).with(as)).andExpect(status().isForbidden());
			mvc.perform(post("/api/v1/accounts").with(as).contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"" + unique("x") + "\",\"personId\":" + person + ",\"password\":\"Good-Passw0rd\"}"))
				.andExpect(status().isForbidden());
			grant(as, target, "{\"role\":\"ORG_ADMIN\",\"scopeKind\":\"SELF\"}").andExpect(status().isForbidden());
			mvc.perform(post("/api/v1/accounts/" + target + "/unlock").with(as)).andExpect(status().isForbidden());
			mvc.perform(post("/api/v1/accounts/" + target + "/password").with(as).contentType(MediaType.APPLICATION_JSON)
				.content("{\"password\":\"Other-Passw0rd\"}")).andExpect(status().isForbidden());
		}
		// through HTTP Basic too
		mvc.perform(get("/api/v1/accounts").with(Api.as("auditor"))).andExpect(status().isForbidden());
		assertThat(f.grantCount(target)).isZero();
		assertThat(accounts.findById(target).orElseThrow().locked()).isTrue();
	}

	@Test
	void aSecurityAdminCannotChangeTheirOwnAccount() throws Exception {
		long admin = harbinSecurityAdmin();
		long grantId = accounts.grantsOf(admin).get(0).id();
		grant(f.as(admin), admin, "{\"role\":\"ORG_ADMIN\",\"scopeKind\":\"REGION_AND_BELOW\",\"regionCode\":\"2301\"}")
			.andExpect(status().isForbidden());
		mvc.perform(delete("/api/v1/accounts/" + admin + "/grants/" + grantId).with(f.as(admin))).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/accounts/" + admin + "/password").with(f.as(admin)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"password\":\"Other-Passw0rd\"}")).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/accounts/" + admin + "/disable").with(f.as(admin))).andExpect(status().isForbidden());
		assertThat(f.grantCount(admin)).isEqualTo(1);
		assertThat(accounts.findById(admin).orElseThrow().enabled()).isTrue();
		mvc.perform(get("/api/v1/accounts/" + admin).with(f.as(admin)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.canEditGrants").value(false))
			.andExpect(jsonPath("$.canManage").value(false));
	}

	@Test
	void aSystemAdministratorsAccountIsOutOfEverySecurityAdminsReach() throws Exception {
		long allScope = f.account("sec", HLJ, Grant.all(Role.SECURITY_ADMIN));
		long sysAdmin = f.accountId("sys-admin");
		String hash = accounts.findById(sysAdmin).orElseThrow().passwordHash();
		long securityGrant = accounts.grantsOf(sysAdmin).stream().filter(g -> g.role() == Role.SECURITY_ADMIN).findFirst()
			.orElseThrow().id();
		mvc.perform(post("/api/v1/accounts/" + sysAdmin + "/password").with(f.as(allScope)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"password\":\"Takeover-Passw0rd\"}")).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/accounts/" + sysAdmin + "/disable").with(f.as(allScope))).andExpect(status().isForbidden());
		mvc.perform(delete("/api/v1/accounts/" + sysAdmin + "/grants/" + securityGrant).with(f.as(allScope)))
			.andExpect(status().isForbidden());
		grant(f.as(allScope), sysAdmin, "{\"role\":\"ORG_ADMIN\",\"scopeKind\":\"ALL\"}").andExpect(status().isForbidden());
		assertThat(accounts.findById(sysAdmin).orElseThrow().passwordHash()).isEqualTo(hash);
		assertThat(f.grantCount(sysAdmin)).isEqualTo(2);
	}

	@Test
	void removeDisableEnableAndResetStayInsideTheScopeAndAreAudited() throws Exception {
		long admin = harbinSecurityAdmin();
		long mixed = f.account("t", SHENGBAOSHE, Grant.region(Role.ORG_ADMIN, DAOLI), Grant.region(Role.ORG_ADMIN, HLJ));
		List<Grant> grants = accounts.grantsOf(mixed);
		long inside = grants.get(0).id();
		long beyond = grants.get(1).id();
		// a grant beyond the admin's scope is not theirs to take, nor the account's password or status
		mvc.perform(delete("/api/v1/accounts/" + mixed + "/grants/" + beyond).with(f.as(admin))).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/accounts/" + mixed + "/password").with(f.as(admin)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"password\":\"Other-Passw0rd\"}")).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/accounts/" + mixed + "/disable").with(f.as(admin))).andExpect(status().isForbidden());
		mvc.perform(delete("/api/v1/accounts/" + mixed + "/grants/" + inside).with(f.as(admin))).andExpect(status().isNoContent());
		assertThat(accounts.grantsOf(mixed)).extracting(Grant::id).containsExactly(beyond);
		assertThat(f.audits("GRANT_REMOVE", mixed, "SUCCESS")).isEqualTo(1);
		assertThat(f.audits("GRANT_REMOVE", mixed, "FAILURE")).isEqualTo(1);

		long target = f.account("t", SHENGBAOSHE, Grant.region(Role.COMMUNITY_SECRETARY, SHENGBAOSHE));
		String username = f.username(target);
		RequestPostProcessor openSession = f.as(target);
		mvc.perform(get("/api/v1/people").param("region", "230102001001").with(openSession))
			.andExpect(jsonPath("$.page.totalElements").value(org.hamcrest.Matchers.greaterThan(1)));
		mvc.perform(post("/api/v1/accounts/" + target + "/disable").with(f.as(admin)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.enabled").value(false));
		assertThat(f.audits("ACCOUNT_DISABLE", target, "SUCCESS")).isEqualTo(1);
		mvc.perform(get("/api/v1/me").with(httpBasic(username, AccountFixtures.PASSWORD))).andExpect(status().isUnauthorized());
		// a session opened before the account was disabled keeps none of its grants: only the person's own record
		mvc.perform(get("/api/v1/people").param("region", "230102001001").with(openSession))
			.andExpect(jsonPath("$.page.totalElements").value(1));
		mvc.perform(post("/api/v1/accounts/" + target + "/enable").with(f.as(admin)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.enabled").value(true));
		assertThat(f.audits("ACCOUNT_ENABLE", target, "SUCCESS")).isEqualTo(1);

		mvc.perform(post("/api/v1/accounts/" + target + "/password").with(f.as(admin)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"password\":\"short\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("password"))
			.andExpect(jsonPath("$.errors[0].message").value("密码至少8位"));
		mvc.perform(post("/api/v1/accounts/" + target + "/password").with(f.as(admin)).contentType(MediaType.APPLICATION_JSON)
			.content("{}")).andExpect(status().isBadRequest());
		mvc.perform(post("/api/v1/accounts/" + target + "/password").with(f.as(admin)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"password\":\"Reset-Passw0rd\"}")).andExpect(status().isNoContent());
		String audit = jdbc.sql("SELECT before_value || ' ' || after_value FROM audit_event WHERE action = 'PASSWORD_RESET' AND target_id = :t")
			.param("t", Long.toString(target)).query(String.class).single();
		assertThat(audit).contains("passwordChangedAt").doesNotContain("Reset-Passw0rd");
		mvc.perform(get("/api/v1/me").with(httpBasic(username, "Reset-Passw0rd"))).andExpect(status().isOk());
	}

	@Test
	void theEndpointsAreDescribedInTheOpenApiDocument() throws Exception {
		mvc.perform(get("/v3/api-docs").with(f.as(f.accountId("sys-admin"))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("/api/v1/accounts/{id}/grants/{grantId}")))
			.andExpect(content().string(containsString("/api/v1/me/tokens")));
	}

	@Test
	void aPersonWhoMovesTakesTheirAccountsWithThem() throws Exception {
		long admin = harbinSecurityAdmin();
		// a person of their own, so no other test's account moves with them
		String created = mvc.perform(post("/api/v1/people").with(Api.as("hlj-admin")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"搬迁测试\",\"regionCode\":\"230102001001\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		long person = ((Number) JsonPath.read(created, "$.id")).longValue();
		String username = unique("mv");
		mvc.perform(post("/api/v1/accounts").with(f.as(admin)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"" + username + "\",\"personId\":" + person + ",\"password\":\"Good-Passw0rd\"}"))
			.andExpect(status().isCreated());
		long id = f.accountId(username);
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/people/" + person)
			.with(Api.as("hlj-admin")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"搬迁测试\",\"regionCode\":\"230200000000\"}"))
			.andExpect(status().isOk());
		assertThat(accounts.findById(id).orElseThrow().homeRegionCode()).isEqualTo(230200000000L);
		mvc.perform(get("/api/v1/accounts/" + id).with(f.as(admin))).andExpect(status().isForbidden());
	}
}
