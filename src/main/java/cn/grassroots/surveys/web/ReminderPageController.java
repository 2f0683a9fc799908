package cn.grassroots.surveys.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.RegionLevel;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.web.Htmx;
import cn.grassroots.surveys.internal.Distribution;
import cn.grassroots.surveys.internal.DistributionService;
import cn.grassroots.surveys.internal.Questionnaire;
import cn.grassroots.surveys.internal.QuestionnaireService;
import cn.grassroots.surveys.internal.ReminderService;
import cn.grassroots.surveys.internal.RespondentRole;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Reminders to non-respondents (催办): the links not answered yet in the officer's scope — for one
 * distribution or all of the questionnaire's — by region (drill-down) and role, reminded and not; the
 * links themselves with how often and when each was reminded; the rounds made and how many of their
 * links were answered since; and, for an open distribution, a form that makes a round and offers its
 * workbook for the grid and community officers who chase.
 */
@Controller
class ReminderPageController {

	record RegionRow(String code, String name, ReminderService.OutstandingFigure figure, String drill) {
	}

	record DistributionChoice(Distribution distribution, boolean open, long outstanding, long reminded) {
	}

	private final ReminderService reminders;
	private final DistributionService distributions;
	private final QuestionnaireService questionnaires;
	private final OrgDirectory org;
	private final MessageSource messages;

	ReminderPageController(ReminderService reminders, DistributionService distributions, QuestionnaireService questionnaires,
			OrgDirectory org, MessageSource messages) {
		this.reminders = reminders;
		this.distributions = distributions;
		this.questionnaires = questionnaires;
		this.org = org;
		this.messages = messages;
	}

	@GetMapping("/surveys/{id}/reminders")
	String page(@PathVariable long id, @RequestParam(required = false) Long distribution,
			@RequestParam(required = false) RegionLevel level, @RequestParam(required = false) String region,
			@RequestParam(required = false) String role, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) Long round, Model model,
			Locale locale, HttpServletRequest request) {
		Questionnaire q = questionnaires.get(id);
		String r = blank(region);
		String ro = blank(role);
		String roleName = ro == null ? null : RespondentRole.parse(ro).map(Enum::name).orElse(ro);
		ReminderService.Outstanding outstanding = reminders.outstanding(id, distribution, level, r, ro, false);
		var links = reminders.links(id, distribution, r, ro, PageRequest.of(page, size == null ? 50 : size));
		String filterUrl = UriComponentsBuilder.fromPath("/surveys/{id}/reminders")
			.queryParamIfPresent("distribution", java.util.Optional.ofNullable(distribution))
			.queryParamIfPresent("level", java.util.Optional.ofNullable(level))
			.queryParamIfPresent("region", java.util.Optional.ofNullable(r))
			.queryParamIfPresent("role", java.util.Optional.ofNullable(roleName))
			.buildAndExpand(id)
			.toUriString();
		model.addAttribute("q", q);
		model.addAttribute("links", links);
		model.addAttribute("linksUrl", filterUrl);
		model.addAttribute("zone", DistributionPageController.ZONE);
		if (Htmx.isHtmx(request)) {
			return "surveys/reminders :: links";
		}
		RegionLevel shown = outstanding.level();
		RegionLevel below = shown.ordinal() < RegionLevel.TOWNSHIP.ordinal() ? RegionLevel.values()[shown.ordinal() + 1] : null;
		List<RegionRow> regionRows = new ArrayList<>();
		for (ReminderService.OutstandingFigure f : outstanding.byRegion()) {
			String drill = below == null ? null
					: UriComponentsBuilder.fromPath("/surveys/{id}/reminders")
						.queryParamIfPresent("distribution", java.util.Optional.ofNullable(distribution))
						.queryParam("level", below)
						.queryParam("region", f.key())
						.queryParamIfPresent("role", java.util.Optional.ofNullable(roleName))
						.buildAndExpand(id)
						.toUriString();
			regionRows.add(new RegionRow(f.key(), org.region(f.key()).map(x -> x.name()).orElse(f.key()), f, drill));
		}
		Map<Long, ReminderService.OutstandingFigure> perDistribution = new LinkedHashMap<>();
		outstanding.byDistribution().forEach(f -> perDistribution.put(Long.parseLong(f.key()), f));
		Instant now = Instant.now();
		List<DistributionChoice> choices = new ArrayList<>();
		Distribution chosen = null;
		for (Distribution d : distributions.list(id)) {
			if (d.kind() != Distribution.Kind.TOKENS) {
				continue;
			}
			var f = perDistribution.get(d.id());
			choices.add(new DistributionChoice(d, d.openAt(now), f == null ? 0 : f.outstanding(), f == null ? 0 : f.reminded()));
			if (distribution != null && d.id() == distribution) {
				chosen = d;
			}
		}
		model.addAttribute("title", questionnaires.form(id, null).title().in(locale));
		model.addAttribute("outstanding", outstanding);
		model.addAttribute("regionRows", regionRows);
		model.addAttribute("choices", choices);
		model.addAttribute("chosen", chosen);
		model.addAttribute("canRemind", chosen != null && chosen.openAt(now));
		model.addAttribute("rounds", reminders.rounds(id, distribution));
		model.addAttribute("newRound", round);
		model.addAttribute("distribution", distribution);
		model.addAttribute("level", shown);
		model.addAttribute("region", r);
		model.addAttribute("regionName", r == null ? null : org.region(r).map(x -> x.name()).orElse(r));
		model.addAttribute("role", roleName);
		model.addAttribute("roles", RespondentRole.values());
		model.addAttribute("levels", List.of(RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY, RegionLevel.TOWNSHIP));
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", Map.of());
		}
		return "surveys/reminders";
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

	@PostMapping("/surveys/{id}/distributions/{distributionId}/reminders")
	String remind(@PathVariable long id, @PathVariable long distributionId,
			@RequestParam(required = false) String region, @RequestParam(required = false) String role, Model model,
			Locale locale, HttpServletRequest request, RedirectAttributes redirect) {
		try {
			ReminderService.Round round = reminders.remind(id, distributionId, blank(region), blank(role));
			redirect.addFlashAttribute("flashRound", round);
			return "redirect:/surveys/" + id + "/reminders?distribution=" + distributionId + "&round=" + round.id();
		}
		catch (InvalidInputException e) {
			Map<String, String> errors = new LinkedHashMap<>();
			e.errors().forEach(f -> errors.put(f.field(), messages.getMessage(f.message(), null, f.message(), locale)));
			model.addAttribute("errors", errors);
			model.addAttribute("form", new String[] { region, role });
			return page(id, distributionId, null, null, null, null, null, null, model, locale, request);
		}
	}

	@GetMapping("/surveys/{id}/distributions/{distributionId}/reminders/{reminderId}/sheet")
	ResponseEntity<byte[]> sheet(@PathVariable long id, @PathVariable long distributionId, @PathVariable long reminderId,
			HttpServletRequest request) {
		return ReminderApiController.sheet(reminders.sheet(id, distributionId, reminderId), request, messages, HttpStatus.OK);
	}
}
