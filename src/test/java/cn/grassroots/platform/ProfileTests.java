package cn.grassroots.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;
import cn.grassroots.platform.security.AccountStore;
import cn.grassroots.platform.security.Grant;
import cn.grassroots.platform.security.Role;

/** 个人中心: who am I, changing one's own password, personal API tokens. */
@IntegrationTest
class ProfileTests {

	private static final String PASSWORD = "Profile-Passw0rd";

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountStore accounts;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	JdbcClient jdbc;

	private String newAccount() {
		String username = "me-" + UUID.randomUUID().toString().substring(0, 8);
		long id = accounts.create(username, encoder.encode(PASSWORD), "个人测试", null, 230100000000L, false);
		accounts.addGrant(id, Grant.region(Role.ORG_ADMIN, 230100000000L), "test");
		return username;
	}

	private static RequestPostProcessor basic(String username) {
		return httpBasic(username, PASSWORD);
	}

	private static RequestPostProcessor bearer(String token) {
		return request -> {
			request.addHeader("Authorization", "Bearer " + token);
			return request;
		};
	}

	private String createToken(String username) throws Exception {
		String body = mvc.perform(post("/api/v1/me/tokens").with(basic(username)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"脚本\",\"validityDays\":30}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.token").value(startsWith("gr_")))
			.andReturn().getResponse().getContentAsString();
		return JsonPath.read(body, "$.token");
	}

	@Test
	void meShowsTheAccountAndItsGrantsInChinese() throws Exception {
		String username = newAccount();
		mvc.perform(get("/api/v1/me").with(basic(username)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.username").value(username))
			.andExpect(jsonPath("$.displayName").value("个人测试"))
			.andExpect(jsonPath("$.grants[0].role").value("ORG_ADMIN"))
			.andExpect(jsonPath("$.grants[0].roleName").value("组织部门管理员"))
			.andExpect(jsonPath("$.grants[0].scopeKindName").value("本区域及以下"))
			.andExpect(jsonPath("$.grants[0].reach").value(containsString("哈尔滨市")));
		mvc.perform(get("/api/v1/me").with(httpBasic("hlj-grid", cn.grassroots.Api.PASSWORD)))
			.andExpect(jsonPath("$.personId").isNumber())
			.andExpect(jsonPath("$.grants[0].gridId").isNumber());
		mvc.perform(get("/api/v1/me")).andExpect(status().isUnauthorized());
	}

	@Test
	void aWrongCurrentPasswordChangesNothingAndCountsAsAFailedLogin() throws Exception {
		String username = newAccount();
		mvc.perform(post("/api/v1/me/password").with(basic(username)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"currentPassword\":\"Not-The-Passw0rd\",\"newPassword\":\"Changed-Passw0rd\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.errors[0].field").value("currentPassword"))
			.andExpect(jsonPath("$.errors[0].message").value("当前密码不正确"));
		assertThat(accounts.findByUsername(username).orElseThrow().failedAttempts()).isEqualTo(1);
		mvc.perform(get("/api/v1/me").with(httpBasic(username, "Changed-Passw0rd"))).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/v1/me").with(basic(username))).andExpect(status().isOk());
	}

	@Test
	void weakNewPasswordsAreRefusedWithFieldErrors() throws Exception {
		String username = newAccount();
		record Case(String newPassword, String message) {
		}
		for (Case c : List.of(new Case("Ab1!", "密码至少8位"), new Case("alllowercase", "密码须包含大写字母、小写字母、数字、符号中的至少三类"),
				new Case("Xx1-" + username, "密码不得包含用户名"), new Case(PASSWORD, "新密码不能与当前密码相同"))) {
			mvc.perform(post("/api/v1/me/password").with(basic(username)).contentType(MediaType.APPLICATION_JSON)
				.content("{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"" + c.newPassword() + "\"}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("newPassword"))
				.andExpect(jsonPath("$.errors[0].message").value(c.message()));
		}
		mvc.perform(post("/api/v1/me/password").with(basic(username)).contentType(MediaType.APPLICATION_JSON).content("{"))
			.andExpect(status().isBadRequest());
		mvc.perform(post("/api/v1/me/password").with(basic(username)).contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.length()").value(2));
		mvc.perform(get("/api/v1/me").with(basic(username))).andExpect(status().isOk());
	}

	@Test
	void aPasswordChangeIsAuditedWithoutThePassword() throws Exception {
		String username = newAccount();
		mvc.perform(post("/api/v1/me/password").with(basic(username)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"Changed-Passw0rd\"}"))
			.andExpect(status().isNoContent());
		mvc.perform(get("/api/v1/me").with(basic(username))).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/v1/me").with(httpBasic(username, "Changed-Passw0rd"))).andExpect(status().isOk());
		String audit = jdbc.sql("SELECT before_value || ' ' || after_value FROM audit_event WHERE action = 'PASSWORD_CHANGE' AND actor = :u")
			.param("u", username).query(String.class).single();
		assertThat(audit).contains("passwordChangedAt").doesNotContain("Changed-Passw0rd").doesNotContain(PASSWORD);
	}

	@Test
	void aCreatedTokenAuthenticatesUntilItIsRevoked() throws Exception {
		String username = newAccount();
		String token = createToken(username);
		mvc.perform(get("/api/v1/me").with(bearer(token)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.username").value(username));
		String list = mvc.perform(get("/api/v1/me/tokens").with(basic(username)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].name").value("脚本"))
			.andExpect(jsonPath("$[0].revoked").value(false))
			.andExpect(jsonPath("$[0].lastUsedAt").isNotEmpty())
			.andReturn().getResponse().getContentAsString();
		assertThat(list).doesNotContain(token.split("_", 3)[2]);
		long id = ((Number) JsonPath.read(list, "$[0].id")).longValue();

		mvc.perform(delete("/api/v1/me/tokens/" + id).with(bearer(token))).andExpect(status().isNoContent());
		mvc.perform(get("/api/v1/me").with(bearer(token))).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/v1/me/tokens").with(basic(username))).andExpect(jsonPath("$[0].revoked").value(true));
		// revoking twice is harmless
		mvc.perform(delete("/api/v1/me/tokens/" + id).with(basic(username))).andExpect(status().isNoContent());
	}

	@Test
	void aUserCannotRevokeAnotherUsersToken() throws Exception {
		String owner = newAccount();
		String other = newAccount();
		String token = createToken(owner);
		long id = Long.parseLong(token.split("_")[1]);
		mvc.perform(delete("/api/v1/me/tokens/" + id).with(basic(other))).andExpect(status().isNotFound());
		mvc.perform(post("/profile/tokens/" + id + "/revoke").with(basic(other)).with(csrf())).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/me").with(bearer(token))).andExpect(status().isOk())
			.andExpect(jsonPath("$.username").value(owner));
		mvc.perform(get("/api/v1/me/tokens").with(basic(other))).andExpect(jsonPath("$.length()").value(0));
	}

	@Test
	void aTokenCannotMintTokensNorChangeThePassword() throws Exception {
		String username = newAccount();
		String token = createToken(username);
		mvc.perform(post("/api/v1/me/tokens").with(bearer(token)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"x\",\"validityDays\":366}")).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/me/password").with(bearer(token)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"Changed-Passw0rd\"}"))
			.andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/me/tokens").with(basic(username))).andExpect(jsonPath("$.length()").value(1));
	}

	@Test
	void badTokenRequestsGetFieldErrors() throws Exception {
		String username = newAccount();
		record Case(String json, String field) {
		}
		for (Case c : List.of(new Case("{\"name\":\"x\",\"validityDays\":0}", "validityDays"),
				new Case("{\"name\":\"x\",\"validityDays\":367}", "validityDays"),
				new Case("{\"name\":\"x\"}", "validityDays"),
				new Case("{\"name\":\" \",\"validityDays\":7}", "name"),
				new Case("{\"name\":\"" + "x".repeat(101) + "\",\"validityDays\":7}", "name"))) {
			mvc.perform(post("/api/v1/me/tokens").with(basic(username)).contentType(MediaType.APPLICATION_JSON).content(c.json()))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value(c.field()));
		}
		for (String garbage : List.of("{", "null", "{\"validityDays\":\"many\"}", "{\"validityDays\":99999999999}")) {
			mvc.perform(post("/api/v1/me/tokens").with(basic(username)).contentType(MediaType.APPLICATION_JSON).content(garbage))
				.andExpect(status().isBadRequest());
		}
		mvc.perform(delete("/api/v1/me/tokens/abc").with(basic(username))).andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/me/tokens").with(basic(username))).andExpect(jsonPath("$.length()").value(0));
	}

	@Test
	void theProfilePageShowsTheAccountAndANewTokenOnce() throws Exception {
		String username = newAccount();
		mvc.perform(get("/profile").with(basic(username)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("个人中心")))
			.andExpect(content().string(containsString(username)))
			.andExpect(content().string(containsString("组织部门管理员")));
		MvcResult created = mvc.perform(post("/profile/tokens").with(basic(username)).with(csrf())
			.param("name", "页面令牌").param("validityDays", "7"))
			.andExpect(redirectedUrl("/profile"))
			.andExpect(flash().attributeExists("newToken"))
			.andReturn();
		String shown = mvc.perform(get("/profile").with(basic(username)).flashAttrs(created.getFlashMap()))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		String token = shown.replaceAll("(?s).*(gr_\\d+_[A-Za-z0-9_-]+).*", "$1");
		assertThat(token).startsWith("gr_");
		mvc.perform(get("/api/v1/me").with(bearer(token))).andExpect(status().isOk());
		mvc.perform(get("/profile").with(basic(username)))
			.andExpect(content().string(containsString("页面令牌")))
			.andExpect(content().string(not(containsString(token))));

		mvc.perform(post("/profile/tokens").with(basic(username)).with(csrf()).param("name", "x").param("validityDays", "abc"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("有效天数应为1至366之间的整数")));
	}

	@Test
	void theProfilePageChangesThePassword() throws Exception {
		String username = newAccount();
		mvc.perform(post("/profile/password").with(basic(username)).with(csrf()).param("currentPassword", "wrong")
			.param("newPassword", "Changed-Passw0rd").param("newPasswordConfirm", "Changed-Passw0rd"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("当前密码不正确")));
		mvc.perform(post("/profile/password").with(basic(username)).with(csrf()).param("currentPassword", PASSWORD)
			.param("newPassword", "Changed-Passw0rd").param("newPasswordConfirm", "Changed-Passw0rd"))
			.andExpect(redirectedUrl("/profile"))
			.andExpect(flash().attribute("flash", "profile.flash.passwordChanged"));
		mvc.perform(get("/api/v1/me").with(httpBasic(username, "Changed-Passw0rd"))).andExpect(status().isOk());
	}
}
