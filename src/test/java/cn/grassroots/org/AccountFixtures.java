package cn.grassroots.org;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.grassroots.platform.RegionCode;
import cn.grassroots.platform.security.AccountPrincipal;
import cn.grassroots.platform.security.AccountStore;
import cn.grassroots.platform.security.AccountStore.AccountRow;
import cn.grassroots.platform.security.Grant;

/** Accounts made for one test each (unique usernames), on the demo roster's people. */
final class AccountFixtures {

	static final String PASSWORD = "Fixture-Passw0rd";
	static final long HLJ = 230000000000L;
	static final long HARBIN = 230100000000L;
	static final long DAOLI = 230102000000L;
	static final long SHENGBAOSHE = 230102001001L;
	static final long NX = 640000000000L;

	private final AccountStore accounts;
	private final PasswordEncoder encoder;
	private final JdbcClient jdbc;

	AccountFixtures(AccountStore accounts, PasswordEncoder encoder, JdbcClient jdbc) {
		this.accounts = accounts;
		this.encoder = encoder;
		this.jdbc = jdbc;
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** Some person at or below the region. */
	long personIn(long region) {
		return jdbc.sql("SELECT MIN(id) FROM person WHERE region_code BETWEEN :f AND :t")
			.param("f", region)
			.param("t", new RegionCode(region).subtreeEnd())
			.query(Long.class)
			.single();
	}

	long regionOf(long personId) {
		return jdbc.sql("SELECT region_code FROM person WHERE id = :id").param("id", personId).query(Long.class).single();
	}

	/** A new account for a person at or below the region, holding the grants. */
	long account(String prefix, long personRegion, Grant... grants) {
		long person = personIn(personRegion);
		long id = accounts.create(unique(prefix), encoder.encode(PASSWORD), "测试账号", person, regionOf(person), false);
		for (Grant g : grants) {
			accounts.addGrant(id, g, "test");
		}
		return id;
	}

	String username(long accountId) {
		return accounts.findById(accountId).orElseThrow().username();
	}

	/** Acts as the account without a password check (fast; the password itself is tested elsewhere). */
	RequestPostProcessor as(long accountId) {
		AccountRow a = accounts.findById(accountId).orElseThrow();
		AccountPrincipal p = new AccountPrincipal(a.id(), a.username(), null, a.displayName(), a.personId(), a.enabled(),
				a.lockedUntil());
		return authentication(UsernamePasswordAuthenticationToken.authenticated(p, null, p.getAuthorities()));
	}

	long grantCount(long accountId) {
		return jdbc.sql("SELECT COUNT(*) FROM role_grant WHERE account_id = :a").param("a", accountId).query(Long.class).single();
	}

	long gridIn(long region) {
		return jdbc.sql("SELECT MIN(id) FROM grid WHERE region_code BETWEEN :f AND :t AND parent_id IS NULL")
			.param("f", region)
			.param("t", new RegionCode(region).subtreeEnd())
			.query(Long.class)
			.single();
	}

	long unit(String name) {
		return jdbc.sql("SELECT MIN(id) FROM unit WHERE name = :n").param("n", name).query(Long.class).single();
	}

	long accountId(String username) {
		return accounts.findByUsername(username).orElseThrow().id();
	}

	long audits(String action, long accountId, String outcome) {
		return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = :a AND target_type = 'account' AND target_id = :t AND outcome = :o")
			.param("a", action)
			.param("t", Long.toString(accountId))
			.param("o", outcome)
			.query(Long.class)
			.single();
	}
}
