package cn.grassroots.surveys.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.RegionLevel;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;
import cn.grassroots.platform.web.Htmx;
import cn.grassroots.surveys.internal.Distribution;
import cn.grassroots.surveys.internal.DistributionService;
import cn.grassroots.surveys.internal.Questionnaire;
import cn.grassroots.surveys.internal.QuestionnaireService;
import cn.grassroots.surveys.internal.ReminderService;
import cn.grassroots.surveys.internal.RespondentRole;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A questionnaire's distribution page: its distributions (open link, per-person links to download,
 * closing), a form for a new one, and the response rates by region (drill-down) and role, which
 * htmx refreshes every few seconds while the page is open.
 */
@Controller
class DistributionPageController {

	/** Dates on the form are Beijing time, as officers write them. */
	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	record DistributionRow(Distribution distribution, String state, String regionName, String openLink,
			List<Distribution.Target> targets, boolean canManage) {
	}

	record DistributionRateRow(String code, String name, long expected, long responded, int percent, String drill) {
	}

	private final DistributionService distributions;
	private final QuestionnaireService questionnaires;
	private final OrgDirectory org;
	private final MessageSource messages;
	private final CurrentUser user;
	private final ReminderService reminders;

	DistributionPageController(DistributionService distributions, QuestionnaireService questionnaires, OrgDirectory org,
			MessageSource messages, CurrentUser user, ReminderService reminders) {
		this.reminders = reminders;
		this.user = user;
		this.distributions = distributions;
		this.questionnaires = questionnaires;
		this.org = org;
		this.messages = messages;
	}

	@GetMapping("/surveys/{id}/distribution")
	String page(@PathVariable long id, @RequestParam(required = false) RegionLevel level,
			@RequestParam(required = false) String region, @RequestParam(required = false) String role, Model model,
			Locale locale, HttpServletRequest request) {
		Questionnaire q = questionnaires.get(id);
		String r = blank(region);
		String ro = blank(role);
		DistributionService.Rates rates = distributions.rates(id, level, r, ro, null);
		RegionLevel shown = rates.level();
		RegionLevel below = shown.ordinal() + 1 < RegionLevel.VILLAGE.ordinal() + 1 && shown != RegionLevel.VILLAGE
				? RegionLevel.values()[shown.ordinal() + 1] : null;
		List<DistributionRateRow> regionRows = new ArrayList<>();
		for (DistributionService.RateFigure f : rates.byRegion()) {
			regionRows.add(new DistributionRateRow(f.key(), org.region(f.key()).map(x -> x.name()).orElse(f.key()), f.expected(),
					f.responded(), f.percent(),
					below == null || below == RegionLevel.VILLAGE ? null
							: "/surveys/" + id + "/distribution?level=" + below + "&region=" + f.key()
									+ (ro == null ? "" : "&role=" + ro)));
		}
		model.addAttribute("q", q);
		model.addAttribute("title", questionnaires.form(id, null).title().in(locale));
		model.addAttribute("rates", rates);
		// links not answered yet, reminded and not, beside the rates (counts only, in the same scope)
		model.addAttribute("outstanding", reminders.outstanding(id, null, shown, r, ro, true));
		model.addAttribute("regionRows", regionRows);
		model.addAttribute("level", shown);
		model.addAttribute("region", r);
		model.addAttribute("regionName", r == null ? null : org.region(r).map(x -> x.name()).orElse(r));
		model.addAttribute("role", ro == null ? null : RespondentRole.parse(ro).map(Enum::name).orElse(null));
		model.addAttribute("roles", RespondentRole.values());
		model.addAttribute("levels", List.of(RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY, RegionLevel.TOWNSHIP));
		model.addAttribute("ratesUrl", request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
		if (Htmx.isHtmx(request)) {
			return "surveys/distribution :: rates";
		}
		Instant now = Instant.now();
		String base = DistributionApiController.answerBase(request);
		List<DistributionRow> rows = new ArrayList<>();
		for (Distribution d : distributions.list(id)) {
			String state = now.isBefore(d.opensAt()) ? "distribution.page.stateWaiting"
					: d.openAt(now) ? "distribution.page.stateOpen" : "distribution.page.stateClosed";
			boolean manage = distributions.canManage(d);
			rows.add(new DistributionRow(d, state,
					org.region(d.regionCode()).map(x -> x.name()).orElse(Long.toString(d.regionCode())),
					d.openKey() == null ? null : base + "o/" + d.openKey(), distributions.targets(d), manage));
		}
		model.addAttribute("distributions", rows);
		// a city officer may distribute a province's questionnaire in its city: any design grant shows the form
		model.addAttribute("canDesign", user.has(Permission.SURVEY_DESIGN));
		model.addAttribute("roundCount", user.has(Permission.SURVEY_DESIGN) ? reminders.rounds(id, null).size() : 0);
		model.addAttribute("zone", ZONE);
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", List.of());
			model.addAttribute("closesDefault", LocalDateTime.ofInstant(now.plus(14, ChronoUnit.DAYS), ZONE)
				.truncatedTo(ChronoUnit.MINUTES).toString());
		}
		return "surveys/distribution";
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

	@PostMapping("/surveys/{id}/distributions")
	String create(@PathVariable long id, @RequestParam(required = false) String name,
			@RequestParam(required = false) String kind, @RequestParam(required = false) String anonymous,
			@RequestParam(required = false) String region, @RequestParam(required = false) String opensAt,
			@RequestParam(required = false) String closesAt, @RequestParam(required = false) String targets, Model model,
			Locale locale, HttpServletRequest request, RedirectAttributes redirect) {
		List<String> errors = new ArrayList<>();
		List<DistributionService.TargetInput> inputs = new ArrayList<>();
		String[] lines = targets == null ? new String[0] : targets.split("\\R");
		for (int i = 0; i < lines.length && i < 2001; i++) {
			String line = lines[i].strip();
			if (line.isEmpty()) {
				continue;
			}
			String[] cells = line.split("\\s*[,，\\t]\\s*");
			Integer count = null;
			if (cells.length == 3) {
				try {
					count = Integer.valueOf(cells[2].strip());
				}
				catch (NumberFormatException e) {
					count = null;
				}
			}
			if (cells.length != 3 || count == null) {
				errors.add(messages.getMessage("distribution.target.line", new Object[] { i + 1 }, locale));
				continue;
			}
			inputs.add(new DistributionService.TargetInput(cells[0], cells[1], count));
		}
		Instant opens = instant(opensAt, "opensAt", errors, locale);
		Instant closes = instant(closesAt, "closesAt", errors, locale);
		if (errors.isEmpty()) {
			try {
				distributions.create(id, new DistributionService.NewDistribution(name, kind, anonymous != null, region, opens,
						closes, inputs));
				redirect.addFlashAttribute("flash", "distribution.page.created");
				return "redirect:/surveys/" + id + "/distribution";
			}
			catch (InvalidInputException e) {
				e.errors().forEach(f -> errors.add(f.field() + ": " + messages.getMessage(f.message(), null, f.message(), locale)));
			}
		}
		model.addAttribute("errors", errors);
		model.addAttribute("form", new String[] { name, kind, anonymous, region, opensAt, closesAt, targets });
		model.addAttribute("closesDefault", closesAt);
		return page(id, null, null, null, model, locale, request);
	}

	private Instant instant(String text, String field, List<String> errors, Locale locale) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDateTime.parse(text.strip()).atZone(ZONE).toInstant();
		}
		catch (DateTimeParseException e) {
			errors.add(field + ": " + messages.getMessage("distribution.page.dateFormat", null, locale));
			return null;
		}
	}

	@PostMapping("/surveys/{id}/distributions/{distributionId}/links")
	ResponseEntity<byte[]> links(@PathVariable long id, @PathVariable long distributionId,
			@RequestParam(required = false) String source, HttpServletRequest request) {
		var links = distributions.generate(id, distributionId, "ROSTER".equals(source));
		return DistributionApiController.xlsx(links, DistributionApiController.answerBase(request),
				"links-" + distributionId + ".xlsx", messages);
	}

	@PostMapping("/surveys/{id}/distributions/{distributionId}/close")
	String close(@PathVariable long id, @PathVariable long distributionId, RedirectAttributes redirect) {
		distributions.close(id, distributionId);
		redirect.addFlashAttribute("flash", "distribution.page.closedFlash");
		return "redirect:/surveys/" + id + "/distribution";
	}
}
