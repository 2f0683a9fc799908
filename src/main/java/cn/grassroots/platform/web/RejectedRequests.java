package cn.grassroots.platform.web;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.HtmlUtils;

/**
 * Answers what Spring Security's firewall refuses (an encoded NUL in the path, a control character
 * in a header or parameter name) with a 400: problem+json under /api/, a plain error page
 * otherwise. The answer is written here rather than left to the container's error dispatch, which
 * would read the same broken header again and fail once more.
 */
@Component
class RejectedRequests implements RequestRejectedHandler {

	private static final Logger log = LoggerFactory.getLogger(RejectedRequests.class);

	private final MessageSource messages;
	private final LocaleResolver locales;

	RejectedRequests(MessageSource messages, LocaleResolver locales) {
		this.messages = messages;
		this.locales = locales;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException ex)
			throws IOException {
		log.debug("request rejected: {}", ex.getMessage());
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		Locale locale = locale(request);
		String detail = messages.getMessage("validation.request", null, "the request was refused", locale);
		String path = request.getRequestURI() == null ? "" : request.getRequestURI().substring(request.getContextPath().length());
		if (path.startsWith("/api/")) {
			Problems.write(response, 400, "Invalid input", detail, null);
			return;
		}
		String heading = messages.getMessage("error.400.title", null, "400", locale);
		String back = messages.getMessage("error.back", null, "", locale);
		response.setStatus(400);
		response.setContentType("text/html;charset=UTF-8");
		response.getWriter()
			.write("<!DOCTYPE html><html lang=\"" + locale.getLanguage() + "\"><head><meta charset=\"UTF-8\"><title>"
					+ HtmlUtils.htmlEscape(heading) + "</title></head><body><div data-testid=\"error-400\"><h1>"
					+ HtmlUtils.htmlEscape(heading) + "</h1><p>" + HtmlUtils.htmlEscape(detail) + "</p><p><a href=\""
					+ HtmlUtils.htmlEscape(request.getContextPath()) + "/\">" + HtmlUtils.htmlEscape(back)
					+ "</a></p></div></body></html>");
	}

	/** The caller's language, unless the request is too broken to tell. */
	private Locale locale(HttpServletRequest request) {
		try {
			return locales.resolveLocale(request);
		}
		catch (RuntimeException e) {
			return Locale.SIMPLIFIED_CHINESE;
		}
	}
}
