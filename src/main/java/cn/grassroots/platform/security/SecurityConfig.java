package cn.grassroots.platform.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Two chains: the stateless JSON API (HTTP Basic or personal token, problem+json errors) and the
 * pages (form login, session with idle timeout, CSRF). Both count failed logins towards lockout.
 */
@Configuration
class SecurityConfig {

	private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
			+ "script-src 'self' 'unsafe-inline' 'unsafe-eval'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	AuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher publisher) {
		return new DefaultAuthenticationEventPublisher(publisher);
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiChain(HttpSecurity http, ApiTokens tokens, LoginAttempts attempts) throws Exception {
		AuthenticationEntryPoint entryPoint = SecurityConfig::unauthorized;
		http.securityMatcher("/api/**")
			.authorizeHttpRequests(a -> a
				// training module: anyone may verify a certificate code
				.requestMatchers(org.springframework.http.HttpMethod.GET, "/api/v1/certificates/*").permitAll()
				// surveys module: respondents answer by token or open link, without an account
				.requestMatchers("/api/v1/answer/**").permitAll()
				.anyRequest().authenticated())
			.httpBasic(b -> b.authenticationEntryPoint(entryPoint))
			.csrf(c -> c.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(forbidden()))
			.headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'")))
			.addFilterBefore(new ApiTokenAuthenticationFilter(tokens, attempts, entryPoint), BasicAuthenticationFilter.class);
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain webChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(a -> a
				.requestMatchers("/actuator/health", "/actuator/health/**", "/login", "/webjars/**", "/css/**", "/js/**",
						"/images/**", "/favicon.ico", "/error",
						// training module: the public certificate verification page
						"/certificates/*",
						// surveys module: the public answering pages (the token is the credential)
						"/a/**")
				.permitAll()
				.anyRequest()
				.authenticated())
			.formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
			.httpBasic(b -> {
			})
			.logout(l -> l.logoutSuccessUrl("/login?logout").deleteCookies("JSESSIONID"))
			.sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
			.headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
				.frameOptions(f -> f.deny())
				.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
			.exceptionHandling(e -> e.accessDeniedPage("/forbidden"));
		return http.build();
	}

	private static void unauthorized(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response,
			org.springframework.security.core.AuthenticationException ex) throws IOException {
		String detail = ex instanceof LockedException ? "account locked" : "authentication required";
		response.setHeader("WWW-Authenticate", "Basic realm=\"grassroots\", Bearer");
		writeProblem(response, 401, "Unauthorized", detail);
	}

	private static AccessDeniedHandler forbidden() {
		return (request, response, ex) -> writeProblem(response, 403, "Forbidden", ex.getMessage());
	}

	static void writeProblem(HttpServletResponse response, int status, String title, String detail) throws IOException {
		response.setStatus(status);
		response.setContentType("application/problem+json;charset=UTF-8");
		String body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
				+ detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
		response.getWriter().write(body);
	}
}
