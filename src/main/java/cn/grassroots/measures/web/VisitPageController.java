package cn.grassroots.measures.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.grassroots.measures.internal.MeasureService;
import cn.grassroots.measures.internal.MechanismService;
import cn.grassroots.measures.internal.VisitService;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.PageRequest;

/** The research-visit pages: a mechanism's visits with the form to record one; a visit with its findings. */
@Controller
class VisitPageController {

	/** Rows for findings on the form; more can be added over the API. */
	static final List<Integer> FINDING_ROWS = List.of(0, 1, 2);

	private final VisitService visits;
	private final MechanismService mechanisms;
	private final MeasureService measures;

	VisitPageController(VisitService visits, MechanismService mechanisms, MeasureService measures) {
		this.visits = visits;
		this.mechanisms = mechanisms;
		this.measures = measures;
	}

	@GetMapping("/measures/mechanisms/{id}/visits")
	String list(@PathVariable long id, Model model) {
		model.addAttribute("mechanism", mechanisms.get(id));
		model.addAttribute("visits", visits.list(id));
		boolean canManage = visits.canManage(id);
		model.addAttribute("canManage", canManage);
		model.addAttribute("rows", FINDING_ROWS);
		model.addAttribute("measureOptions", canManage ? measures.list(id, PageRequest.of(0, PageRequest.MAX_SIZE)).content() : List.of());
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", Map.of());
		}
		return "measures/visits";
	}

	@PostMapping("/measures/mechanisms/{id}/visits")
	String create(@PathVariable long id, @RequestParam MultiValueMap<String, String> params, Model model,
			RedirectAttributes redirect) {
		try {
			LocalDate on = null;
			String date = params.getFirst("visitedOn");
			if (date != null && !date.isBlank()) {
				try {
					on = LocalDate.parse(date.strip());
				}
				catch (DateTimeParseException e) {
					throw InvalidInputException.of("visitedOn", "must be a date (yyyy-MM-dd)");
				}
			}
			List<VisitService.FindingDraft> findings = new ArrayList<>();
			for (int row : FINDING_ROWS) {
				String text = params.getFirst("finding." + row);
				if (text == null || text.isBlank()) {
					continue;
				}
				List<Long> ids = new ArrayList<>();
				for (String v : params.getOrDefault("measures." + row, List.of())) {
					try {
						ids.add(Long.parseLong(v));
					}
					catch (NumberFormatException e) {
						throw InvalidInputException.of("findings[" + findings.size() + "].measureIds", "must name measures of this mechanism");
					}
				}
				findings.add(new VisitService.FindingDraft(text, params.getFirst("suggestion." + row), ids));
			}
			long visit = visits.create(id, new VisitService.VisitDraft(params.getFirst("title"), on, params.getFirst("place"),
					params.getFirst("participants"), params.getFirst("summary"), findings)).id();
			redirect.addFlashAttribute("flash", "measures.visit.created");
			return "redirect:/measures/visits/" + visit;
		}
		catch (InvalidInputException e) {
			model.addAttribute("errors", e.byField());
			model.addAttribute("form", params.toSingleValueMap());
			return list(id, model);
		}
	}

	@GetMapping("/measures/visits/{id}")
	String visit(@PathVariable long id, Model model) {
		model.addAttribute("d", visits.get(id));
		return "measures/visit";
	}
}
