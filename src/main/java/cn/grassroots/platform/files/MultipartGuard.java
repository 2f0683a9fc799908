package cn.grassroots.platform.files;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.HtmlUtils;

/**
 * Parses multipart bodies up front, so that a malformed upload (no boundary, a truncated body) or
 * one over the size limit is the caller's 400 or 413, never a server error: the dispatcher (and
 * for pages the CSRF check) would otherwise fail on it outside any handler or advice. API requests
 * are parsed after authentication; pages before security, whose CSRF check reads the body anyway.
 * The answer is written here (problem+json, or a plain page): an error dispatch would read the
 * broken body again.
 */
final class MultipartGuard extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(MultipartGuard.class);

	private final boolean api;
	private final MessageSource messages;
	private final LocaleResolver locales;

	/** {@code api}: guards /api/** (after authentication); otherwise the pages (before security). */
	MultipartGuard(boolean api, MessageSource messages, LocaleResolver locales) {
		this.api = api;
		this.messages = messages;
		this.locales = locales;
	}

	/** Registers the two guards around the security filter chain. */
	@Configuration(proxyBeanMethods = false)
	static class Registration {

		@Bean
		FilterRegistrationBean<MultipartGuard> pageMultipartGuard(MessageSource messages, LocaleResolver locales) {
			FilterRegistrationBean<MultipartGuard> bean = new FilterRegistrationBean<>(new MultipartGuard(false, messages, locales));
			bean.setName("pageMultipartGuard");
			bean.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
			return bean;
		}

		@Bean
		FilterRegistrationBean<MultipartGuard> apiMultipartGuard(MessageSource messages, LocaleResolver locales) {
			FilterRegistrationBean<MultipartGuard> bean = new FilterRegistrationBean<>(new MultipartGuard(true, messages, locales));
			bean.setName("apiMultipartGuard");
			bean.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
			return bean;
		}
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (api == isApi(request) && isMultipart(request)) {
			try {
				request.getParts();
			}
			catch (IOException | ServletException | IllegalStateException e) {
				if (tooLarge(e)) {
					reject(request, response, 413, "Payload too large", "upload.tooLarge");
					return;
				}
				if (e instanceof IllegalStateException) {
					// not a size problem (for example no multipart configuration here): leave it to the handler
					chain.doFilter(request, response);
					return;
				}
				log.debug("malformed multipart request: {}", e.getMessage());
				reject(request, response, 400, "Invalid input", "upload.malformed");
				return;
			}
		}
		chain.doFilter(request, response);
	}

	private static boolean isMultipart(HttpServletRequest request) {
		String type = request.getContentType();
		String method = request.getMethod();
		return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")
				&& ("POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method));
	}

	private static boolean isApi(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length()).startsWith("/api/");
	}

	private static boolean tooLarge(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			String name = t.getClass().getSimpleName();
			if (name.contains("SizeLimitExceeded") || name.contains("SizeException")) {
				return true;
			}
		}
		return false;
	}

	private void reject(HttpServletRequest request, HttpServletResponse response, int status, String title, String key)
			throws IOException {
		Locale locale = locales.resolveLocale(request);
		String detail = messages.getMessage(key, null, key, locale);
		response.setStatus(status);
		if (isApi(request)) {
			response.setContentType("application/problem+json;charset=UTF-8");
			response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
					+ ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
			return;
		}
		String heading = messages.getMessage("error.400.title", null, "400", locale);
		String back = messages.getMessage("error.back", null, "", locale);
		response.setContentType("text/html;charset=UTF-8");
		response.getWriter().write("<!DOCTYPE html><html lang=\"" + locale.getLanguage() + "\"><head><meta charset=\"UTF-8\"><title>"
				+ HtmlUtils.htmlEscape(heading) + "</title></head><body><h1>" + HtmlUtils.htmlEscape(heading) + "</h1><p>"
				+ HtmlUtils.htmlEscape(detail) + "</p><p><a href=\"" + request.getContextPath() + "/\">" + HtmlUtils.htmlEscape(back)
				+ "</a></p></body></html>");
	}
}
