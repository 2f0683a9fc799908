package cn.grassroots.org;

import static cn.grassroots.org.AccountFixtures.HARBIN;
import static cn.grassroots.org.AccountFixtures.NX;
import static cn.grassroots.org.AccountFixtures.SHENGBAOSHE;
import static cn.grassroots.org.AccountFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

import cn.grassroots.IntegrationTest;
import cn.grassroots.platform.security.AccountStore;
import cn.grassroots.platform.security.Grant;
import cn.grassroots.platform.security.Role;

/** The 账号与授权 pages: list with htmx paging, detail, forms; the same rules as the API. */
@IntegrationTest
class AccountPagesTests {

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

	@Test
	void theListShowsAccountsInScopeAndServesItsResultsToHtmx() throws Exception {
		long admin = harbinSecurityAdmin();
		mvc.perform(get("/accounts").param("username", "harbin").with(f.as(admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("账号与授权")))
			.andExpect(content().string(containsString("harbin-admin")))
			.andExpect(content().string(containsString("组织部门管理员 · 本区域及以下")));
		mvc.perform(get("/accounts").param("username", "nx-admin").with(f.as(admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("nx-admin</a>"))));
		mvc.perform(get("/accounts").param("size", "10").header("HX-Request", "true").with(f.as(admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"account-results\"")))
			.andExpect(content().string(not(containsString("<html"))))
			.andExpect(content().string(containsString("gr-pager")));
		mvc.perform(get("/accounts").param("locked", "maybe").with(f.as(admin))).andExpect(status().isBadRequest());
	}

	@Test
	void theDetailShowsGrantsInChineseAndTheActionsAllowed() throws Exception {
		long admin = harbinSecurityAdmin();
		long target = f.account("t", SHENGBAOSHE, Grant.region(Role.COMMUNITY_SECRETARY, SHENGBAOSHE));
		accounts.lock(target, Instant.now().plus(15, ChronoUnit.MINUTES));
		mvc.perform(get("/accounts/" + target).with(f.as(admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("社区书记")))
			.andExpect(content().string(containsString("省报社社区居委会")))
			.andExpect(content().string(containsString("已锁定")))
			.andExpect(content().string(containsString("/accounts/" + target + "/unlock")))
			.andExpect(content().string(containsString("/accounts/" + target + "/password")));

		mvc.perform(post("/accounts/" + target + "/unlock").with(f.as(admin)).with(csrf()))
			.andExpect(redirectedUrl("/accounts/" + target))
			.andExpect(flash().attribute("flash", "account.flash.unlocked"));
		assertThat(accounts.findById(target).orElseThrow().locked()).isFalse();
		assertThat(f.audits("ACCOUNT_UNLOCK", target, "SUCCESS")).isEqualTo(1);

		// own account: no grant or password buttons
		mvc.perform(get("/accounts/" + admin).with(f.as(admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("/accounts/" + admin + "/grants/new"))))
			.andExpect(content().string(not(containsString("/accounts/" + admin + "/password"))));
		mvc.perform(get("/accounts/" + admin + "/grants/new").with(f.as(admin))).andExpect(status().isForbidden());
	}

	@Test
	void theGrantFormRefusesWhatLiesBeyondTheScopeAndReportsBadInput() throws Exception {
		long admin = harbinSecurityAdmin();
		long target = f.account("t", SHENGBAOSHE);
		mvc.perform(get("/accounts/" + target + "/grants/new").with(f.as(admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("安全管理员")))
			.andExpect(content().string(not(containsString("value=\"SYSTEM_ADMIN\""))))
			.andExpect(content().string(not(containsString("value=\"ALL\""))));
		mvc.perform(post("/accounts/" + target + "/grants").with(f.as(admin)).with(csrf())
			.param("role", "SYSTEM_ADMIN").param("scopeKind", "REGION_AND_BELOW").param("regionCode", "2301"))
			.andExpect(status().isForbidden());
		mvc.perform(post("/accounts/" + target + "/grants").with(f.as(admin)).with(csrf())
			.param("role", "ORG_ADMIN").param("scopeKind", "REGION_AND_BELOW").param("regionCode", "64"))
			.andExpect(status().isForbidden());
		mvc.perform(post("/accounts/" + target + "/grants").with(f.as(admin)).with(csrf())
			.param("role", "ORG_ADMIN").param("scopeKind", "REGION_AND_BELOW").param("regionCode", "12345"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("区划代码应为2、4、6、9或12位数字")));
		mvc.perform(post("/accounts/" + target + "/grants").with(f.as(admin)).with(csrf())
			.param("role", "UNIT_OFFICER").param("scopeKind", "OWN_UNIT").param("unitId", "abc"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("应为正整数编号")));
		assertThat(f.grantCount(target)).isZero();
		mvc.perform(post("/accounts/" + target + "/grants").with(f.as(admin)).with(csrf())
			.param("role", "ORG_ADMIN").param("scopeKind", "CUSTOM").param("customRegionCodes", "230102, 230103"))
			.andExpect(redirectedUrl("/accounts/" + target));
		assertThat(accounts.grantsOf(target)).singleElement()
			.satisfies(g -> assertThat(g.customRegions()).containsExactlyInAnyOrder(230102000000L, 230103000000L));
		long grantId = accounts.grantsOf(target).get(0).id();
		mvc.perform(post("/accounts/" + target + "/grants/" + grantId + "/delete").with(f.as(admin)).with(csrf()))
			.andExpect(redirectedUrl("/accounts/" + target));
		assertThat(f.grantCount(target)).isZero();
	}

	@Test
	void theNewAccountFormChecksItsFieldsAndTheScope() throws Exception {
		long admin = harbinSecurityAdmin();
		long person = f.personIn(SHENGBAOSHE);
		mvc.perform(get("/accounts/new").with(f.as(admin))).andExpect(status().isOk())
			.andExpect(content().string(containsString("新增账号")));
		String username = unique("pg");
		mvc.perform(post("/accounts/new").with(f.as(admin)).with(csrf()).param("username", username)
			.param("personId", Long.toString(person)).param("password", "Good-Passw0rd").param("passwordConfirm", "Other-Passw0rd"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("两次输入的密码不一致")))
			.andExpect(content().string(not(containsString("Good-Passw0rd"))));
		mvc.perform(post("/accounts/new").with(f.as(admin)).with(csrf()).param("username", username)
			.param("personId", Long.toString(person)).param("password", "weak").param("passwordConfirm", "weak"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("密码至少8位")));
		mvc.perform(post("/accounts/new").with(f.as(admin)).with(csrf()).param("username", username)
			.param("personId", Long.toString(f.personIn(NX))).param("password", "Good-Passw0rd").param("passwordConfirm", "Good-Passw0rd"))
			.andExpect(status().isForbidden());
		assertThat(accounts.exists(username)).isFalse();
		mvc.perform(post("/accounts/new").with(f.as(admin)).with(csrf()).param("username", username)
			.param("personId", Long.toString(person)).param("password", "Good-Passw0rd").param("passwordConfirm", "Good-Passw0rd"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/accounts/" + f.accountId(username)));
	}

	@Test
	void thePasswordFormResetsAPasswordOnlyWhenItMatchesThePolicy() throws Exception {
		long admin = harbinSecurityAdmin();
		long target = f.account("t", SHENGBAOSHE, Grant.region(Role.COMMUNITY_SECRETARY, SHENGBAOSHE));
		String hash = accounts.findById(target).orElseThrow().passwordHash();
		mvc.perform(get("/accounts/" + target + "/password").with(f.as(admin))).andExpect(status().isOk())
			.andExpect(content().string(containsString("重置密码")));
		mvc.perform(post("/accounts/" + target + "/password").with(f.as(admin)).with(csrf())
			.param("password", "Reset-Passw0rd").param("passwordConfirm", "Reset-Passw0rd!"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("两次输入的密码不一致")));
		mvc.perform(post("/accounts/" + target + "/password").with(f.as(admin)).with(csrf())
			.param("password", "resetpassw0rd").param("passwordConfirm", "resetpassw0rd"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("密码须包含大写字母、小写字母、数字、符号中的至少三类")));
		assertThat(accounts.findById(target).orElseThrow().passwordHash()).isEqualTo(hash);
		mvc.perform(post("/accounts/" + target + "/password").with(f.as(admin)).with(csrf())
			.param("password", "Reset-Passw0rd").param("passwordConfirm", "Reset-Passw0rd"))
			.andExpect(redirectedUrl("/accounts/" + target))
			.andExpect(flash().attribute("flash", "account.flash.passwordReset"));
		assertThat(encoder.matches("Reset-Passw0rd", accounts.findById(target).orElseThrow().passwordHash())).isTrue();
		assertThat(f.audits("PASSWORD_RESET", target, "SUCCESS")).isEqualTo(1);

		long beyond = f.account("t", SHENGBAOSHE, Grant.region(Role.ORG_ADMIN, AccountFixtures.HLJ));
		mvc.perform(get("/accounts/" + beyond + "/password").with(f.as(admin))).andExpect(status().isForbidden());
	}

	@Test
	void othersGetTheForbiddenPage() throws Exception {
		long target = f.account("t", SHENGBAOSHE);
		for (String who : new String[] { "auditor", "harbin-admin" }) {
			mvc.perform(get("/accounts").with(f.as(f.accountId(who)))).andExpect(status().isForbidden())
				.andExpect(content().string(containsString("error-403")));
			mvc.perform(get("/accounts/" + target).with(f.as(f.accountId(who)))).andExpect(status().isForbidden());
			mvc.perform(post("/accounts/" + target + "/disable").with(f.as(f.accountId(who))).with(csrf()))
				.andExpect(status().isForbidden());
		}
		assertThat(accounts.findById(target).orElseThrow().enabled()).isTrue();
	}
}
