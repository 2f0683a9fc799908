package cn.grassroots.platform.audit;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.SortOrder;
import cn.grassroots.platform.web.Htmx;
import cn.grassroots.platform.web.Sorting;

@Controller
class AuditPageController {

	private final AuditQuery audit;

	AuditPageController(AuditQuery audit) {
		this.audit = audit;
	}

	@GetMapping("/audit")
	String list(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, Model model, HttpServletRequest request) {
		SortOrder order = Sorting.model(model, AuditQuery.SORT, sort);
		var filter = new AuditQuery.Filter(actor, action, AuditApiController.instant("from", from, false),
				AuditApiController.instant("to", to, true));
		model.addAttribute("result", audit.search(filter, order, PageRequest.of(page, size)));
		model.addAttribute("actor", actor);
		model.addAttribute("action", action);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		return Htmx.view(request, "audit/list", "results");
	}
}
