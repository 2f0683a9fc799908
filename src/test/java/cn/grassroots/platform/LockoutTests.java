package cn.grassroots.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

import cn.grassroots.IntegrationTest;
import cn.grassroots.platform.security.AccountStore;
import cn.grassroots.platform.security.ApiTokens;
import cn.grassroots.platform.security.Grant;
import cn.grassroots.platform.security.Role;

@IntegrationTest
class LockoutTests {

	private static final String PASSWORD = "Lock-Test-99";

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountStore accounts;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcClient jdbc;

	private String newAccount() {
		String username = "lock-" + UUID.randomUUID().toString().substring(0, 8);
		long id = accounts.create(username, encoder.encode(PASSWORD), "锁定测试", null, false);
		accounts.addGrant(id, Grant.region(Role.ORG_ADMIN, 230100000000L), "test");
		return username;
	}

	@Test
	void fiveBadBasicLoginsLockTheFormLoginToo() throws Exception {
		String username = newAccount();
		mvc.perform(get("/api/v1/regions/23").with(httpBasic(username, PASSWORD))).andExpect(status().isOk());
		for (int i = 0; i < 5; i++) {
			mvc.perform(get("/api/v1/regions/23").with(httpBasic(username, "wrong-" + i))).andExpect(status().isUnauthorized());
		}
		mvc.perform(get("/api/v1/regions/23").with(httpBasic(username, PASSWORD))).andExpect(status().isUnauthorized());
		mvc.perform(formLogin("/login").user(username).password(PASSWORD)).andExpect(redirectedUrl("/login?error"));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'LOCKOUT' AND actor = :u")
			.param("u", username).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void failuresAcrossFormLoginAndBasicAddUp() throws Exception {
		String username = newAccount();
		for (int i = 0; i < 3; i++) {
			mvc.perform(formLogin("/login").user(username).password("bad-" + i)).andExpect(redirectedUrl("/login?error"));
		}
		for (int i = 0; i < 2; i++) {
			mvc.perform(get("/api/v1/regions/23").with(httpBasic(username, "bad-" + i))).andExpect(status().isUnauthorized());
		}
		mvc.perform(formLogin("/login").user(username).password(PASSWORD)).andExpect(redirectedUrl("/login?error"));
	}

	@Test
	void aGoodLoginClearsTheCount() throws Exception {
		String username = newAccount();
		for (int i = 0; i < 4; i++) {
			mvc.perform(get("/api/v1/regions/23").with(httpBasic(username, "bad-" + i))).andExpect(status().isUnauthorized());
		}
		mvc.perform(get("/api/v1/regions/23").with(httpBasic(username, PASSWORD))).andExpect(status().isOk());
		mvc.perform(get("/api/v1/regions/23").with(httpBasic(username, "bad"))).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/v1/regions/23").with(httpBasic(username, PASSWORD))).andExpect(status().isOk());
	}

	@Test
	void badTokensCountTowardsTheLockout() throws Exception {
		String username = newAccount();
		long id = accounts.findByUsername(username).orElseThrow().id();
		String token = tokens.create(id, "test", Duration.ofDays(1));
		mvc.perform(get("/api/v1/regions/23").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
		String forged = token.substring(0, token.length() - 4) + "AAAA";
		for (int i = 0; i < 5; i++) {
			mvc.perform(get("/api/v1/regions/23").header("Authorization", "Bearer " + forged)).andExpect(status().isUnauthorized());
		}
		mvc.perform(get("/api/v1/regions/23").header("Authorization", "Bearer " + token)).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/v1/regions/23").with(httpBasic(username, PASSWORD))).andExpect(status().isUnauthorized());
	}

	@Test
	void garbageTokensAreUnauthorizedNotErrors() throws Exception {
		for (String t : new String[] { "x", "gr_", "gr_abc_def", "gr_99999999_zzz", "gr_1" }) {
			mvc.perform(get("/api/v1/regions/23").header("Authorization", "Bearer " + t)).andExpect(status().isUnauthorized());
		}
	}
}
