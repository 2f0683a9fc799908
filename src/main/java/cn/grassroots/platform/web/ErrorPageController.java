package cn.grassroots.platform.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The container's error page, for what ends before or outside any handler: a request the firewall
 * refuses (an encoded NUL in the path), a path no handler serves (404), a method it does not take
 * (405). Pages get the HTML error pages as before; requests under /api/ get RFC 9457
 * problem+json whatever they accept, as every other API error.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class ErrorPageController extends BasicErrorController {

	ErrorPageController(ErrorAttributes errorAttributes, WebProperties web, List<ErrorViewResolver> resolvers) {
		super(errorAttributes, web.getError(), resolvers);
	}

	@Override
	@RequestMapping(produces = MediaType.TEXT_HTML_VALUE)
	public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
		if (!isApi(request)) {
			return super.errorHtml(request, response);
		}
		HttpStatus status = getStatus(request);
		Map<String, Object> p = problem(request, status);
		try {
			Problems.write(response, status.value(), String.valueOf(p.get("title")), String.valueOf(p.get("detail")),
					String.valueOf(p.get("instance")));
		}
		catch (IOException e) {
			// the client has gone
		}
		return null;
	}

	@Override
	@RequestMapping
	public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
		if (!isApi(request)) {
			return super.error(request);
		}
		HttpStatus status = getStatus(request);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem(request, status));
	}

	private static Map<String, Object> problem(HttpServletRequest request, HttpStatus status) {
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("type", "about:blank");
		p.put("title", status.getReasonPhrase());
		p.put("status", status.value());
		p.put("detail", switch (status) {
			case NOT_FOUND -> "no such resource";
			case METHOD_NOT_ALLOWED -> "the resource does not take this method";
			case BAD_REQUEST -> "the request is malformed";
			default -> status.getReasonPhrase();
		});
		p.put("instance", originalPath(request));
		return p;
	}

	private static boolean isApi(HttpServletRequest request) {
		String path = originalPath(request);
		return path.startsWith("/api/") || path.equals("/api");
	}

	private static String originalPath(HttpServletRequest request) {
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String path = uri == null ? request.getRequestURI() : uri.toString();
		String context = request.getContextPath();
		return context != null && !context.isEmpty() && path.startsWith(context) ? path.substring(context.length()) : path;
	}
}
