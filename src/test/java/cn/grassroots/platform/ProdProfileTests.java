package cn.grassroots.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.grassroots.GrassrootsApplication;

/** The prod profile: no demo data, one admin, and it refuses to start when a secret is missing. */
class ProdProfileTests {

	/** Arguments, because they outrank application.yml (and the environment CI sets for PostgreSQL). */
	private static ConfigurableApplicationContext start(String profile, String db, String... settings) {
		java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--server.port=0",
				"--spring.datasource.url=jdbc:h2:mem:" + db
						+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
				"--spring.datasource.username=sa", "--spring.datasource.password="));
		for (String s : settings) {
			args.add("--" + s);
		}
		return new SpringApplicationBuilder(GrassrootsApplication.class).profiles(profile).run(args.toArray(String[]::new));
	}

	private static ConfigurableApplicationContext prod(String db, String... settings) {
		return start("prod", db, settings);
	}

	@Test
	void prodLoadsTheDivisionsAndOneAdminButNoDemoData() {
		String db = "prod" + UUID.randomUUID().toString().replace("-", "");
		try (ConfigurableApplicationContext app = prod(db, "grassroots.admin.password=Prod-Admin-1",
				"grassroots.crypto.key=cHJvZC10ZXN0LWtleS1ub3QtZm9yLXJlYWwtdXNlLTEyMzQ=")) {
			JdbcClient jdbc = app.getBean(JdbcClient.class);
			assertThat(jdbc.sql("SELECT COUNT(*) FROM region").query(Long.class).single()).isEqualTo(22_099L);
			assertThat(jdbc.sql("SELECT COUNT(*) FROM person").query(Long.class).single()).isZero();
			assertThat(jdbc.sql("SELECT username FROM account").query(String.class).list()).containsExactly("admin");
			assertThat(jdbc.sql("SELECT role FROM role_grant ORDER BY role").query(String.class).list())
				.containsExactly("SECURITY_ADMIN", "SYSTEM_ADMIN");
		}
	}

	@Test
	void prodRefusesToStartWithoutTheAdminPassword() {
		assertThatThrownBy(() -> prod("p" + UUID.randomUUID().toString().replace("-", ""), "grassroots.admin.password=",
				"grassroots.crypto.key=cHJvZC10ZXN0LWtleS1ub3QtZm9yLXJlYWwtdXNlLTEyMzQ="))
			.hasStackTraceContaining("GRASSROOTS_ADMIN_PASSWORD");
	}

	@Test
	void prodRefusesToStartWithoutTheEncryptionKey() {
		assertThatThrownBy(() -> prod("p" + UUID.randomUUID().toString().replace("-", ""),
				"grassroots.admin.password=Prod-Admin-1", "grassroots.crypto.key="))
			.hasStackTraceContaining("GRASSROOTS_ENCRYPTION_KEY");
	}

	@Test
	void prodRefusesADatabaseWithDemoAccounts() {
		String db = "demo" + UUID.randomUUID().toString().replace("-", "");
		try (ConfigurableApplicationContext demo = start("demo", db)) {
			assertThatThrownBy(() -> prod(db, "grassroots.admin.password=Prod-Admin-1",
					"grassroots.crypto.key=cHJvZC10ZXN0LWtleS1ub3QtZm9yLXJlYWwtdXNlLTEyMzQ="))
				.hasStackTraceContaining("demo accounts");
		}
	}
}
