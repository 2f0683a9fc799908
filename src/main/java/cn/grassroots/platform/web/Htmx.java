package cn.grassroots.platform.web;

import jakarta.servlet.http.HttpServletRequest;

/** One URL serves the page, or for an htmx request just the fragment that changes. */
public final class Htmx {

	private Htmx() {
	}

	public static boolean isHtmx(HttpServletRequest request) {
		return "true".equals(request.getHeader("HX-Request")) && !"true".equals(request.getHeader("HX-Boosted"));
	}

	/** The full view, or its named fragment for htmx. */
	public static String view(HttpServletRequest request, String view, String fragment) {
		return isHtmx(request) ? view + " :: " + fragment : view;
	}
}
