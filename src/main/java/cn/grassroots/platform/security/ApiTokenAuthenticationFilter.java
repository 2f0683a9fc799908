package cn.grassroots.platform.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates {@code Authorization: Bearer …} personal tokens on the API. */
class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

	private final ApiTokens tokens;
	private final LoginAttempts attempts;
	private final AuthenticationEntryPoint entryPoint;

	ApiTokenAuthenticationFilter(ApiTokens tokens, LoginAttempts attempts, AuthenticationEntryPoint entryPoint) {
		this.tokens = tokens;
		this.attempts = attempts;
		this.entryPoint = entryPoint;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			chain.doFilter(request, response);
			return;
		}
		ApiTokens.Check check = tokens.check(header.substring(7).trim());
		if (check instanceof ApiTokens.Valid valid) {
			AccountPrincipal principal = valid.principal();
			if (!principal.isAccountNonLocked()) {
				entryPoint.commence(request, response, new LockedException("account locked"));
				return;
			}
			if (!principal.isEnabled()) {
				entryPoint.commence(request, response, new BadCredentialsException("account disabled"));
				return;
			}
			var auth = UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities());
			var context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(auth);
			SecurityContextHolder.setContext(context);
			try {
				chain.doFilter(request, response);
			}
			finally {
				SecurityContextHolder.clearContext();
			}
			return;
		}
		if (check instanceof ApiTokens.Rejected rejected) {
			attempts.failed(rejected.username(), rejected.reason());
		}
		entryPoint.commence(request, response, new BadCredentialsException("invalid token"));
	}
}
