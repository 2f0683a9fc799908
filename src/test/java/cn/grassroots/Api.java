package cn.grassroots;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Shared test helpers: the demo accounts' password comes from src/test/resources/config/application.yml. */
public final class Api {

	public static final String PASSWORD = "Test-Passw0rd";

	private Api() {
	}

	public static RequestPostProcessor as(String username) {
		return httpBasic(username, PASSWORD);
	}
}
