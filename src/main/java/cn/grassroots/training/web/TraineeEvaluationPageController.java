package cn.grassroots.training.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.training.internal.EvaluationService;
import cn.grassroots.training.internal.SeminarService;

/**
 * The trainee's 评教 on the phone: the sessions they attended, each marked rated or waiting, a
 * form per session (content, method, usefulness and lecturer on 1–5 plus a comment) saved once
 * by {@link EvaluationService}; and their own items of adopted seminar lists to carry out at home
 * (照单落实). Everything is the caller's own, bound to their person id in SQL; the desk page
 * {@code /training/my} that showed both before now leads here.
 */
@Controller
class TraineeEvaluationPageController {

	/** The scales of a rating, in the order the form shows them; each is a form field 1–5. */
	static final List<String> SCALES = List.of("content", "method", "usefulness", "lecturer");

	private final EvaluationService evaluations;
	private final SeminarService seminars;

	TraineeEvaluationPageController(EvaluationService evaluations, SeminarService seminars) {
		this.evaluations = evaluations;
		this.seminars = seminars;
	}

	/** The old desk page, kept for bookmarks. */
	@GetMapping("/training/my")
	String formerDeskPage() {
		return "redirect:/training/me/evaluations";
	}

	@GetMapping("/training/me/evaluations")
	String list(Model model) {
		var sessions = evaluations.mine();
		model.addAttribute("waiting", sessions.stream().filter(s -> !s.rated()).toList());
		model.addAttribute("rated", sessions.stream().filter(EvaluationService.Ratable::rated).toList());
		model.addAttribute("tab", "me");
		return "training/phone/evaluations";
	}

	@GetMapping("/training/me/evaluations/{sessionId}")
	String form(@PathVariable long sessionId, Model model) {
		return formPage(sessionId, model, Map.of(), Map.of());
	}

	@PostMapping("/training/me/evaluations/{sessionId}")
	String rate(@PathVariable long sessionId, @RequestParam Map<String, String> form, Model model,
			RedirectAttributes redirect) {
		try {
			evaluations.rate(sessionId, new EvaluationService.Draft(score(form.get("content")), score(form.get("method")),
					score(form.get("usefulness")), score(form.get("lecturer")), form.get("comment")));
			redirect.addFlashAttribute("flash", "phone.evaluation.saved");
			return "redirect:/training/me/evaluations";
		}
		catch (InvalidInputException e) {
			return formPage(sessionId, model, e.byField(), form);
		}
		catch (ConflictException twice) {
			// rated once only: the page shows the rating already given
			redirect.addFlashAttribute("problem", "phone.evaluation.already");
			return "redirect:/training/me/evaluations/" + sessionId;
		}
	}

	private String formPage(long sessionId, Model model, Map<String, String> errors, Map<String, String> form) {
		var session = evaluations.mine(sessionId)
			.orElseThrow(() -> new ForbiddenException("only a session you attended can be rated"));
		model.addAttribute("lesson", session);
		var rating = evaluations.myRating(sessionId).orElse(null);
		model.addAttribute("rating", rating);
		if (rating != null) {
			model.addAttribute("scores", Map.of("content", rating.content(), "method", rating.method(), "usefulness",
					rating.usefulness(), "lecturer", rating.lecturer()));
		}
		model.addAttribute("scales", SCALES);
		model.addAttribute("errors", errors);
		model.addAttribute("form", form);
		model.addAttribute("tab", "me");
		return "training/phone/evaluation";
	}

	/** A scale as typed: blank is missing, anything but a whole number is out of range (the service says which). */
	private static Integer score(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(value.trim());
		}
		catch (NumberFormatException e) {
			return Integer.MIN_VALUE;
		}
	}

	@GetMapping("/training/me/items")
	String items(Model model) {
		model.addAttribute("items", seminars.myItems());
		model.addAttribute("tab", "me");
		return "training/phone/items";
	}
}
