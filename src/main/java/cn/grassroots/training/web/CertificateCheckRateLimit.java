package cn.grassroots.training.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The public certificate check ({@code GET /api/v1/certificates/{code}} and {@code /certificates/{code}})
 * needs no login, so guessing codes is limited per client address: a token bucket holding
 * {@code grassroots.training.certificate-checks-per-minute} checks (30 by default), refilled at that
 * rate. Beyond it the answer is 429 with Retry-After (problem+json on the API). Buckets that have
 * filled up again are dropped, so the map holds only the addresses checking right now.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class CertificateCheckRateLimit extends OncePerRequestFilter {

	private static final int MAX_ADDRESSES = 50_000;

	private final int perMinute;
	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	CertificateCheckRateLimit(@Value("${grassroots.training.certificate-checks-per-minute:30}") int perMinute) {
		this.perMinute = Math.max(1, perMinute);
	}

	/** Tokens left and when they were last counted. */
	private static final class Bucket {

		double tokens;
		long at;

		Bucket(double tokens, long at) {
			this.tokens = tokens;
			this.at = at;
		}
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if (!"GET".equals(request.getMethod())) {
			return true;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !(path.startsWith("/api/v1/certificates/") || path.startsWith("/certificates/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (take(request.getRemoteAddr(), System.nanoTime())) {
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(429);
		response.setHeader("Retry-After", Integer.toString(Math.max(1, 60 / perMinute)));
		boolean api = request.getRequestURI().substring(request.getContextPath().length()).startsWith("/api/");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		if (api) {
			response.setContentType("application/problem+json");
			response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,"
					+ "\"detail\":\"too many certificate checks from this address; try again later\"}");
		}
		else {
			response.setContentType("text/plain");
			response.getWriter().write("429 Too Many Requests / 查询过于频繁，请稍后再试");
		}
	}

	/** Takes one token from the address's bucket; false when it is empty. */
	boolean take(String address, long nanos) {
		if (buckets.size() > MAX_ADDRESSES) {
			prune(nanos);
		}
		double ratePerNano = perMinute / 60e9;
		Bucket b = buckets.computeIfAbsent(address == null ? "?" : address, a -> new Bucket(perMinute, nanos));
		synchronized (b) {
			b.tokens = Math.min(perMinute, b.tokens + (nanos - b.at) * ratePerNano);
			b.at = nanos;
			if (b.tokens < 1) {
				return false;
			}
			b.tokens -= 1;
			return true;
		}
	}

	private void prune(long nanos) {
		double ratePerNano = perMinute / 60e9;
		buckets.entrySet().removeIf(e -> e.getValue().tokens + (nanos - e.getValue().at) * ratePerNano >= perMinute);
	}
}
