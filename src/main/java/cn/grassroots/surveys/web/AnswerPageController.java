package cn.grassroots.surveys.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.Region;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.surveys.internal.AnswerService;
import cn.grassroots.surveys.internal.AnswerService.AnswerRefusedException;
import cn.grassroots.surveys.internal.Form;
import cn.grassroots.surveys.internal.Question;
import cn.grassroots.surveys.internal.QuestionType;
import cn.grassroots.surveys.internal.RelevanceJson;
import cn.grassroots.surveys.internal.RespondentRole;
import cn.grassroots.surveys.internal.Section;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The answering pages on a phone: light (one small stylesheet and script, no desk layout), one
 * section at a time. {@code /a/{token}} shows a link's questionnaire with the answers saved so far;
 * {@code /a/o/{key}} an open link, where the respondent picks role and region to start. A region
 * question is a cascade of selects (city, county, township, village) over a division-code field
 * that works alone: the first levels are rendered with the page, the next ones fetched from
 * {@code /a/{token}/regions} as a level is chosen.
 */
@Controller
class AnswerPageController {

	record AnswerPageChoice(String name, String label, String parent) {
	}

	record AnswerPageQuestion(String name, String type, String label, String hint, boolean required, String relevant,
			String filter, List<AnswerPageChoice> choices, String value, Set<String> picked, List<String> ranked,
			List<Integer> scale, int rankCount, Integer min, Integer max, List<AnswerService.RegionLevelChoice> regionLevels) {
	}

	record AnswerPageSection(String label, String relevant, List<AnswerPageQuestion> questions) {
	}

	record AnswerPagePlace(String role, String code, String name, boolean full) {
	}

	private final AnswerService answers;
	private final AnswerRateLimiter limiter;
	private final OrgDirectory org;

	AnswerPageController(AnswerService answers, AnswerRateLimiter limiter, OrgDirectory org) {
		this.answers = answers;
		this.limiter = limiter;
		this.org = org;
	}

	@GetMapping("/a/{token}")
	String answer(@PathVariable String token, Model model, Locale locale, HttpServletRequest request,
			HttpServletResponse response) {
		if (limiter.exhausted("miss", AnswerApiController.client(request), limiter.missesPerMinute)) {
			return refused(model, response, 429, "answer.tooMany");
		}
		AnswerService.Session s;
		try {
			s = answers.session(token);
		}
		catch (AnswerRefusedException e) {
			return refused(e, model, request, response);
		}
		Form form = s.form();
		List<AnswerPageSection> sections = new ArrayList<>();
		for (Section sec : form.sections()) {
			List<AnswerPageQuestion> qs = new ArrayList<>();
			for (Question q : sec.questions()) {
				String saved = s.draft().get(q.name());
				qs.add(question(form, q, saved, locale, q.type() == QuestionType.REGION
						? answers.regionCascade(s.distribution(), saved) : List.of()));
			}
			sections.add(new AnswerPageSection(sec.label() == null || sec.label().blank() ? null : sec.label().in(locale),
					RelevanceJson.of(sec.relevant()), qs));
		}
		model.addAttribute("answering", s);
		model.addAttribute("token", token);
		model.addAttribute("title", form.title().in(locale));
		model.addAttribute("sections", sections);
		model.addAttribute("roleKey", s.role().messageKey());
		model.addAttribute("regionName", org.region(s.regionCode()).map(r -> r.name()).orElse(Long.toString(s.regionCode())));
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("Referrer-Policy", "no-referrer");
		return "surveys/answer";
	}

	private static AnswerPageQuestion question(Form form, Question q, String saved, Locale locale,
			List<AnswerService.RegionLevelChoice> regionLevels) {
		String value = saved == null ? "" : saved;
		List<String> parts = value.isBlank() ? List.of() : Arrays.asList(value.strip().split("\\s+"));
		List<AnswerPageChoice> choices = form.choices(q).stream()
			.map(c -> new AnswerPageChoice(c.name(), c.label().in(locale), c.parent()))
			.toList();
		List<Integer> scale = new ArrayList<>();
		if (q.type() == QuestionType.SCALE && q.min() != null && q.max() != null) {
			int step = q.step() == null || q.step() < 1 ? 1 : q.step();
			for (int v = q.min(); v <= q.max(); v += step) {
				scale.add(v);
			}
		}
		return new AnswerPageQuestion(q.name(), q.type().name(), q.label().in(locale),
				q.hint() == null || q.hint().blank() ? null : q.hint().in(locale), q.required(), RelevanceJson.of(q.relevant()),
				q.choiceFilter(), choices, value, new LinkedHashSet<>(parts), parts, scale,
				q.type() == QuestionType.RANKING ? q.rankCount() : 0, q.min(), q.max(), regionLevels);
	}

	/**
	 * The next level of a region question's picker, as a fragment (a select, or nothing at the
	 * bottom of the tree): the regions under {@code parent} within the distribution's region. Only
	 * for a link still taking answers; anything else, or a parent outside the region, is a 404.
	 */
	@GetMapping("/a/{token}/regions")
	String regions(@PathVariable String token, @RequestParam(required = false) String parent, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		if (limited(token, request, response)) {
			return NO_LEVEL;
		}
		try {
			return level(answers.regions(token, parent), model, response);
		}
		catch (AnswerRefusedException | NotFoundException e) {
			return noRegions(e, request, response);
		}
	}

	/** The same for an open link's key. */
	@GetMapping("/a/o/{key}/regions")
	String openRegions(@PathVariable String key, @RequestParam(required = false) String parent, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		if (limited(key, request, response)) {
			return NO_LEVEL;
		}
		try {
			return level(answers.openRegions(key, parent), model, response);
		}
		catch (AnswerRefusedException | NotFoundException e) {
			return noRegions(e, request, response);
		}
	}

	private static final String NO_LEVEL = "surveys/answer-regions :: none";

	private boolean limited(String token, HttpServletRequest request, HttpServletResponse response) {
		if (limiter.exhausted("miss", AnswerApiController.client(request), limiter.missesPerMinute)
				|| !limiter.allow("regions", token, limiter.regionsPerMinute)) {
			response.setStatus(429);
			response.setHeader("Retry-After", "60");
			return true;
		}
		return false;
	}

	private static String level(List<Region> regions, Model model, HttpServletResponse response) {
		// public facts: a phone on a weak connection may keep them for a while
		response.setHeader("Cache-Control", "private, max-age=600");
		response.setHeader("Referrer-Policy", "no-referrer");
		if (regions.isEmpty()) {
			return NO_LEVEL;
		}
		model.addAttribute("regions", regions);
		return "surveys/answer-regions :: level";
	}

	private String noRegions(RuntimeException e, HttpServletRequest request, HttpServletResponse response) {
		if (e instanceof AnswerRefusedException r && r.refusal() == AnswerService.Refusal.UNKNOWN_LINK) {
			limiter.count("miss", AnswerApiController.client(request));
		}
		response.setStatus(404);
		response.setHeader("Cache-Control", "no-store");
		return NO_LEVEL;
	}

	@GetMapping("/a/o/{key}")
	String open(@PathVariable String key, Model model, Locale locale, HttpServletRequest request,
			HttpServletResponse response) {
		if (limiter.exhausted("miss", AnswerApiController.client(request), limiter.missesPerMinute)) {
			return refused(model, response, 429, "answer.tooMany");
		}
		AnswerService.OpenLink link;
		try {
			link = answers.openLink(key);
		}
		catch (AnswerRefusedException e) {
			return refused(e, model, request, response);
		}
		Set<String> roles = new LinkedHashSet<>();
		List<AnswerPagePlace> places = new ArrayList<>();
		link.targets().forEach(t -> {
			roles.add(t.role().name());
			places.add(new AnswerPagePlace(t.role().name(), Long.toString(t.regionCode()),
					org.region(t.regionCode()).map(r -> r.name()).orElse(Long.toString(t.regionCode())),
					t.taken() >= t.quota()));
		});
		model.addAttribute("open", link);
		model.addAttribute("key", key);
		model.addAttribute("title", link.form().title().in(locale));
		model.addAttribute("roles", roles.stream().map(RespondentRole::valueOf).toList());
		model.addAttribute("places", places);
		response.setHeader("Cache-Control", "no-store");
		return "surveys/answer";
	}

	private String refused(AnswerRefusedException e, Model model, HttpServletRequest request, HttpServletResponse response) {
		if (e.refusal() == AnswerService.Refusal.UNKNOWN_LINK) {
			limiter.count("miss", AnswerApiController.client(request));
		}
		return refused(model, response, AnswerApiController.status(e.refusal()).value(), e.refusal().messageKey());
	}

	private static String refused(Model model, HttpServletResponse response, int status, String messageKey) {
		response.setStatus(status);
		model.addAttribute("refusal", messageKey);
		return "surveys/answer";
	}
}
