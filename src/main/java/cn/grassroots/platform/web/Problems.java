package cn.grassroots.platform.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

/** Writes RFC 9457 problem+json by hand, where no message converter is at work (filters, error dispatch). */
final class Problems {

	private Problems() {
	}

	static void write(HttpServletResponse response, int status, String title, String detail, String instance)
			throws IOException {
		response.setStatus(status);
		response.setContentType("application/problem+json;charset=UTF-8");
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"" + escape(title) + "\",\"status\":" + status + ",\"detail\":\""
					+ escape(detail) + "\"" + (instance == null ? "" : ",\"instance\":\"" + escape(instance) + "\"") + "}");
	}

	static String escape(String value) {
		StringBuilder b = new StringBuilder();
		for (char c : String.valueOf(value).toCharArray()) {
			switch (c) {
				case '"' -> b.append("\\\"");
				case '\\' -> b.append("\\\\");
				default -> {
					if (c < 0x20) {
						b.append(String.format("\\u%04x", (int) c));
					}
					else {
						b.append(c);
					}
				}
			}
		}
		return b.toString();
	}
}
