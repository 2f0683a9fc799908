package cn.grassroots.platform.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Under prod: refuses to run with demo accounts or without the admin password, and creates the
 * one {@code admin} account (SYSTEM_ADMIN + SECURITY_ADMIN, scope ALL) on first start.
 * (The encryption key is checked when the field cipher starts.)
 */
@Component
@Profile("prod")
@Order(0)
class ProdBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(ProdBootstrap.class);

	private final AccountStore accounts;
	private final PasswordEncoder encoder;
	private final String adminPassword;

	ProdBootstrap(AccountStore accounts, PasswordEncoder encoder, @Value("${grassroots.admin.password:}") String adminPassword) {
		this.accounts = accounts;
		this.encoder = encoder;
		this.adminPassword = adminPassword;
		if (adminPassword == null || adminPassword.isBlank()) {
			throw new IllegalStateException("GRASSROOTS_ADMIN_PASSWORD is required under the prod profile");
		}
		if (PasswordPolicy.violation(adminPassword).isPresent()) {
			throw new IllegalStateException("GRASSROOTS_ADMIN_PASSWORD must have 8+ characters from 3 of 4 classes");
		}
	}

	@Override
	public void run(ApplicationArguments args) {
		if (accounts.anyDemoAccount()) {
			throw new IllegalStateException("demo accounts exist in this database: prod refuses to start on it");
		}
		if (!accounts.exists("admin")) {
			long id = accounts.create("admin", encoder.encode(adminPassword), "系统管理员", null, false);
			accounts.addGrant(id, Grant.all(Role.SYSTEM_ADMIN), "system");
			accounts.addGrant(id, Grant.all(Role.SECURITY_ADMIN), "system");
			log.info("Created the admin account");
		}
	}
}
