package cn.grassroots.measures.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.grassroots.measures.internal.DeskService;
import cn.grassroots.measures.internal.MeasureService;
import cn.grassroots.measures.internal.MeasureService.MeasureDetail;
import cn.grassroots.measures.internal.MeasureStatus;
import cn.grassroots.measures.internal.MechanismService;
import cn.grassroots.measures.internal.NoticeService;
import cn.grassroots.measures.internal.ReportService;
import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.InvalidInputException.FieldError;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.web.Htmx;
import jakarta.servlet.http.HttpServletRequest;

/** The measures pages: mechanisms, a mechanism with its measures, a measure with its timeline, the desk. */
@Controller
class MeasurePageController {

	/** One entry of a measure's timeline: a report, its review or a notice, by date. */
	record TimelineEntry(java.time.Instant at, String kind, Object item) {
	}

	private final MechanismService mechanisms;
	private final MeasureService measures;
	private final ReportService reports;
	private final NoticeService notices;
	private final DeskService desks;
	private final cn.grassroots.measures.internal.DashboardService dashboards;
	private final org.springframework.context.MessageSource messages;
	private final cn.grassroots.measures.internal.MeetingService meetings;
	private final cn.grassroots.measures.internal.VisitService visits;
	private final cn.grassroots.measures.internal.DashboardXlsx dashboardXlsx;

	MeasurePageController(MechanismService mechanisms, MeasureService measures, ReportService reports, NoticeService notices,
			DeskService desks, cn.grassroots.measures.internal.DashboardService dashboards,
			org.springframework.context.MessageSource messages, cn.grassroots.measures.internal.MeetingService meetings,
			cn.grassroots.measures.internal.VisitService visits, cn.grassroots.measures.internal.DashboardXlsx dashboardXlsx) {
		this.dashboardXlsx = dashboardXlsx;
		this.meetings = meetings;
		this.visits = visits;
		this.dashboards = dashboards;
		this.messages = messages;
		this.mechanisms = mechanisms;
		this.measures = measures;
		this.reports = reports;
		this.notices = notices;
		this.desks = desks;
	}

	@GetMapping("/measures")
	String list(@RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, Model model, HttpServletRequest request) {
		model.addAttribute("result", mechanisms.list(q, PageRequest.of(page, size)));
		model.addAttribute("q", q);
		model.addAttribute("canCreate", mechanisms.canCreate());
		return Htmx.view(request, "measures/list", "results");
	}

	@GetMapping("/measures/mechanisms/{id}")
	String mechanism(@PathVariable long id, @RequestParam(required = false) Integer page, Model model) {
		model.addAttribute("mechanism", mechanisms.get(id));
		model.addAttribute("members", mechanisms.members(id));
		var result = measures.list(id, PageRequest.of(page, 100));
		model.addAttribute("result", result);
		Map<MeasureStatus, Long> counts = new EnumMap<>(MeasureStatus.class);
		for (MeasureStatus s : MeasureStatus.values()) {
			counts.put(s, result.content().stream().filter(v -> v.evaluation().status() == s).count());
		}
		model.addAttribute("counts", counts);
		model.addAttribute("canManage", meetings.canManage(id));
		return "measures/mechanism";
	}

	/** The mechanism's dashboard: headline figures, charts (each with its table), overdue and at-risk lists. */
	@GetMapping("/measures/mechanisms/{id}/dashboard")
	String dashboard(@PathVariable long id, Model model, java.util.Locale locale) {
		model.addAttribute("mechanism", mechanisms.get(id));
		var d = dashboards.of(id);
		model.addAttribute("dash", d);
		Map<String, Object> chart = new java.util.LinkedHashMap<>();
		List<String> statusNames = new ArrayList<>();
		List<Integer> statusCounts = new ArrayList<>();
		d.byStatus().forEach((s, n) -> {
			statusNames.add(messages.getMessage("measures.status." + s, null, s.name(), locale));
			statusCounts.add(n);
		});
		chart.put("statusNames", statusNames);
		chart.put("statusCounts", statusCounts);
		chart.put("statusColours", List.of("#1a7f37", "#bf8700", "#cf222e", "#8c959f"));
		List<String> kindNames = new ArrayList<>();
		List<Integer> kindCounts = new ArrayList<>();
		d.byKind().forEach((k, n) -> {
			kindNames.add(messages.getMessage("measures.kind." + k, null, k.name(), locale));
			kindCounts.add(n);
		});
		chart.put("kindNames", kindNames);
		chart.put("kindCounts", kindCounts);
		chart.put("units", d.byUnit().stream().map(u -> u.unit().name()).toList());
		List<List<Integer>> byUnit = new ArrayList<>();
		for (MeasureStatus s : MeasureStatus.values()) {
			byUnit.add(d.byUnit().stream().map(u -> u.byStatus().getOrDefault(s, 0)).toList());
		}
		chart.put("unitCounts", byUnit);
		// punctuality: cycles reported on time, late and missing per unit
		chart.put("punctualityUnits", d.punctuality().stream().map(p -> p.unit().name()).toList());
		chart.put("punctualityNames", List.of(messages.getMessage("measures.dashboard.onTime", null, locale),
				messages.getMessage("measures.dashboard.late", null, locale),
				messages.getMessage("measures.dashboard.missing", null, locale)));
		chart.put("punctualityCounts", List.of(d.punctuality().stream().map(p -> p.onTime()).toList(),
				d.punctuality().stream().map(p -> p.late()).toList(), d.punctuality().stream().map(p -> p.missing()).toList()));
		// staged targets: the share of the way from baseline to target the actual has come, in percent
		// (indicators differ in unit, so the chart compares shares; the table beside it has the values)
		var targets = d.targets().stream().limit(60).toList();
		chart.put("targetLabels", targets.stream().map(t -> t.measure().measure().code() + " " + t.target().periodLabel()).toList());
		chart.put("targetNames", List.of(messages.getMessage("measures.dashboard.target", null, locale),
				messages.getMessage("measures.dashboard.actual", null, locale)));
		chart.put("targetShares", targets.stream().map(t -> t.target().actual() == null ? null
				: Math.round(100 * cn.grassroots.measures.internal.ProgressPolicy.indicator(t.target().actual(),
						t.target().baseline(), t.target().targetValue()))).toList());
		model.addAttribute("chartJson", tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(chart));
		return "measures/dashboard";
	}

	/** The dashboard as XLSX, downloaded from the dashboard page. */
	@GetMapping("/measures/mechanisms/{id}/dashboard.xlsx")
	org.springframework.http.ResponseEntity<byte[]> dashboardXlsx(@PathVariable long id) {
		return org.springframework.http.ResponseEntity.ok()
			.contentType(org.springframework.http.MediaType
				.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
			.header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, org.springframework.http.ContentDisposition
				.attachment().filename("督查看板-" + id + ".xlsx", java.nio.charset.StandardCharsets.UTF_8).build().toString())
			.body(dashboardXlsx.export(id));
	}

	@GetMapping("/measures/{id}")
	String measure(@PathVariable long id, Model model) {
		MeasureDetail d = measures.get(id);
		model.addAttribute("d", d);
		model.addAttribute("canManage", meetings.canManage(d.view().measure().mechanismId()));
		model.addAttribute("m", d.view().measure());
		model.addAttribute("e", d.view().evaluation());
		var noticeList = notices.ofMeasure(id);
		model.addAttribute("notices", noticeList);
		List<TimelineEntry> timeline = new ArrayList<>();
		d.reports().forEach(r -> {
			timeline.add(new TimelineEntry(r.submittedAt(), "report", r));
			if (r.reviewedAt() != null) {
				timeline.add(new TimelineEntry(r.reviewedAt(), "review", r));
			}
		});
		noticeList.forEach(n -> timeline.add(new TimelineEntry(
				n.issuedOn().atStartOfDay(java.time.ZoneId.of("Asia/Shanghai")).toInstant(), "notice", n)));
		timeline.sort(Comparator.comparing(TimelineEntry::at).reversed());
		model.addAttribute("timeline", timeline);
		model.addAttribute("decisions", meetings.decisions(id));
		model.addAttribute("findings", visits.findings(id));
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", Map.of());
		}
		return "measures/measure";
	}

	@PostMapping("/measures/{id}/reports")
	String file(@PathVariable long id, @RequestParam(required = false) String cycle,
			@RequestParam(required = false) String progress, @RequestParam(required = false) String indicatorValue,
			@RequestParam(required = false) Boolean clearlyEffective, @RequestParam(required = false) String done,
			@RequestParam(required = false) String problems, @RequestParam(required = false) String nextSteps,
			@RequestParam(required = false) Boolean needsCoordination,
			@RequestParam(required = false) String coordinationRequest,
			@RequestParam(name = "evidence", required = false) List<MultipartFile> evidence, Model model,
			RedirectAttributes redirect) {
		List<FieldError> parse = new ArrayList<>();
		BigDecimal p = number(progress, "progress", parse);
		BigDecimal indicator = number(indicatorValue, "indicatorValue", parse);
		try {
			if (!parse.isEmpty()) {
				throw new InvalidInputException(parse);
			}
			reports.file(id, new ReportService.ReportDraft(cycle, p, indicator, clearlyEffective, done, problems, nextSteps,
					needsCoordination, coordinationRequest),
					evidence == null ? List.of() : evidence.stream().map(Uploads::of).toList());
			redirect.addFlashAttribute("flash", "measures.report.filed");
			return "redirect:/measures/" + id;
		}
		catch (InvalidInputException e) {
			model.addAttribute("errors", e.byField());
			model.addAttribute("form", Map.of("cycle", cycle == null ? "" : cycle, "progress", progress == null ? "" : progress,
					"done", done == null ? "" : done, "problems", problems == null ? "" : problems,
					"nextSteps", nextSteps == null ? "" : nextSteps,
					"coordinationRequest", coordinationRequest == null ? "" : coordinationRequest));
			return measure(id, model);
		}
		catch (ConflictException e) {
			redirect.addFlashAttribute("conflict", e.getMessage());
			return "redirect:/measures/" + id;
		}
	}

	private static BigDecimal number(String text, String field, List<FieldError> errors) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return new BigDecimal(text.strip());
		}
		catch (NumberFormatException e) {
			errors.add(new FieldError(field, "must be a number"));
			return null;
		}
	}

	@PostMapping("/measures/reports/{id}/review")
	String review(@PathVariable long id, @RequestParam(required = false) ReportService.Decision decision,
			@RequestParam(required = false) String comment, @RequestParam(required = false) String back,
			RedirectAttributes redirect) {
		long measureId;
		try {
			measureId = reports.review(id, decision, comment).measureId();
			redirect.addFlashAttribute("flash", decision == ReportService.Decision.ACCEPT ? "measures.review.accepted"
					: "measures.review.returned");
		}
		catch (InvalidInputException | ConflictException e) {
			redirect.addFlashAttribute("conflict", e.getMessage());
			measureId = measures.measureOfReport(id);
		}
		return "desk".equals(back) ? "redirect:/measures/desk" : "redirect:/measures/" + measureId;
	}

	@PostMapping("/measures/{id}/close-out")
	String closeOut(@PathVariable long id, RedirectAttributes redirect) {
		try {
			reports.closeOut(id);
			redirect.addFlashAttribute("flash", "measures.closeOut.done");
		}
		catch (ConflictException e) {
			redirect.addFlashAttribute("conflict", e.getMessage());
		}
		return "redirect:/measures/" + id;
	}

	@PostMapping("/measures/notices/{id}/response")
	String respond(@PathVariable long id, @RequestParam(required = false) String response, @RequestParam long measure,
			RedirectAttributes redirect) {
		try {
			notices.respond(id, response);
			redirect.addFlashAttribute("flash", "measures.notice.answered");
		}
		catch (InvalidInputException | ConflictException e) {
			redirect.addFlashAttribute("conflict", e.getMessage());
		}
		return "redirect:/measures/" + measure;
	}

	@GetMapping("/measures/desk")
	String desk(Model model) {
		model.addAttribute("desk", desks.desk());
		return "measures/desk";
	}
}
