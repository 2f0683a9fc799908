package cn.grassroots.org.internal;

import java.security.SecureRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

import cn.grassroots.platform.security.PasswordPolicy;

/** First start: the divisions always; the demo data under the demo profile, into an empty roster. */
@Component
@Order(10)
class OrgStartup implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(OrgStartup.class);

	private final DivisionPreload divisions;
	private final DemoData demo;
	private final Environment environment;
	private final String demoPassword;

	OrgStartup(DivisionPreload divisions, DemoData demo, Environment environment,
			@Value("${grassroots.demo.password:}") String demoPassword) {
		this.divisions = divisions;
		this.demo = demo;
		this.environment = environment;
		this.demoPassword = demoPassword;
	}

	@Override
	public void run(ApplicationArguments args) {
		divisions.await();
		if (environment.acceptsProfiles(Profiles.of("demo")) && !environment.acceptsProfiles(Profiles.of("prod"))) {
			boolean given = demoPassword != null && !demoPassword.isBlank();
			String password = given ? demoPassword : randomPassword();
			if (PasswordPolicy.violation(password).isPresent()) {
				throw new IllegalStateException("GRASSROOTS_DEMO_PASSWORD must have 8+ characters from 3 of 4 classes");
			}
			if (demo.loadIfEmpty(password) && !given) {
				log.warn("Demo accounts created. Their password (shown once): {}", password);
			}
		}
	}

	static String randomPassword() {
		String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
		SecureRandom random = new SecureRandom();
		StringBuilder sb = new StringBuilder("Gr-");
		for (int i = 0; i < 12; i++) {
			sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return sb.append('7').toString();
	}
}
