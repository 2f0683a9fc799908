package cn.grassroots.platform.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Login and forbidden pages. */
@Controller
class PagesController {

	@GetMapping("/login")
	String login() {
		return "login";
	}

	@GetMapping("/forbidden")
	String forbidden(jakarta.servlet.http.HttpServletResponse response) {
		response.setStatus(403);
		return "error/403";
	}
}
