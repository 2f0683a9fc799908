package cn.grassroots.measures.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.grassroots.measures.internal.MechanismService;
import cn.grassroots.measures.internal.MeetingService;
import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.InvalidInputException;

/** The meeting pages: a mechanism's meetings and waiting coordination requests; a meeting with its agenda and minutes. */
@Controller
class MeetingPageController {

	private final MeetingService meetings;
	private final MechanismService mechanisms;

	MeetingPageController(MeetingService meetings, MechanismService mechanisms) {
		this.meetings = meetings;
		this.mechanisms = mechanisms;
	}

	@GetMapping("/measures/mechanisms/{id}/meetings")
	String list(@PathVariable long id, Model model) {
		model.addAttribute("mechanism", mechanisms.get(id));
		model.addAttribute("meetings", meetings.list(id));
		model.addAttribute("waiting", meetings.waiting(id));
		model.addAttribute("canManage", meetings.canManage(id));
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", Map.of());
		}
		return "measures/meetings";
	}

	@PostMapping("/measures/mechanisms/{id}/meetings")
	String create(@PathVariable long id, @RequestParam(required = false) String title,
			@RequestParam(required = false) String heldOn, Model model, RedirectAttributes redirect) {
		LocalDate date = null;
		try {
			if (heldOn != null && !heldOn.isBlank()) {
				try {
					date = LocalDate.parse(heldOn.strip());
				}
				catch (DateTimeParseException e) {
					throw InvalidInputException.of("heldOn", "must be a date (yyyy-MM-dd)");
				}
			}
			long meeting = meetings.create(id, new MeetingService.MeetingDraft(title, date)).id();
			redirect.addFlashAttribute("flash", "measures.meeting.created");
			return "redirect:/measures/meetings/" + meeting;
		}
		catch (InvalidInputException e) {
			model.addAttribute("errors", e.byField());
			model.addAttribute("form", Map.of("title", title == null ? "" : title, "heldOn", heldOn == null ? "" : heldOn));
			return list(id, model);
		}
	}

	@GetMapping("/measures/meetings/{id}")
	String meeting(@PathVariable long id, Model model) {
		model.addAttribute("d", meetings.get(id));
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", Map.of());
		}
		return "measures/meeting";
	}

	@PostMapping("/measures/meetings/{id}/minutes")
	String minutes(@PathVariable long id, @RequestParam Map<String, String> params, Model model,
			RedirectAttributes redirect) {
		Map<Long, String> decisions = new LinkedHashMap<>();
		params.forEach((k, v) -> {
			if (k.startsWith("decision.") && v != null && !v.isBlank()) {
				try {
					decisions.put(Long.parseLong(k.substring("decision.".length())), v);
				}
				catch (NumberFormatException e) {
					// not a field of the form
				}
			}
		});
		try {
			meetings.minutes(id, new MeetingService.MinutesDraft(params.get("minutes"), decisions));
			redirect.addFlashAttribute("flash", "measures.meeting.minuted");
			return "redirect:/measures/meetings/" + id;
		}
		catch (InvalidInputException e) {
			model.addAttribute("errors", e.byField());
			model.addAttribute("form", params);
			return meeting(id, model);
		}
		catch (ConflictException e) {
			redirect.addFlashAttribute("conflict", e.getMessage());
			return "redirect:/measures/meetings/" + id;
		}
	}
}
