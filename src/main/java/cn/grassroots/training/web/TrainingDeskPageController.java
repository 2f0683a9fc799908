package cn.grassroots.training.web;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import cn.grassroots.org.PostType;
import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;
import cn.grassroots.platform.web.Htmx;
import cn.grassroots.training.internal.ClassroomRepository.Classroom;
import cn.grassroots.training.internal.ClassroomService;
import cn.grassroots.training.internal.ClosedManagementService;
import cn.grassroots.training.internal.CompletionService;
import cn.grassroots.training.internal.CourseType;
import cn.grassroots.training.internal.CoverageService;
import cn.grassroots.training.internal.Delivery;
import cn.grassroots.training.internal.PlanRepository.Plan;
import cn.grassroots.training.internal.PlanRepository.Session;
import cn.grassroots.training.internal.PlanService;
import cn.grassroots.training.internal.PlanStatus;
import cn.grassroots.training.internal.ProgrammeService;
import cn.grassroots.training.internal.SiteService;
import cn.grassroots.training.internal.TopicCategory;
import cn.grassroots.training.internal.TrainingDashboardService;
import cn.grassroots.training.internal.TrainingRecordService;

/**
 * The desk pages beyond the programme list: coverage with make-up, training records and yearly
 * hours, dashboards, closed management, completion and certificates, and plan editing with the
 * rules refreshed after every change (htmx) and versions compared side by side. Every service call
 * checks scope itself; the pages only show what it returns and its field errors.
 */
@Controller
class TrainingDeskPageController {

	/** A rule result with its detail in the reader's language. */
	record RuleView(String rule, boolean passed, String detail) {
	}

	private final ProgrammeService programmes;
	private final ClassroomService classrooms;
	private final PlanService plans;
	private final SiteService sites;
	private final CoverageService coverage;
	private final TrainingRecordService records;
	private final TrainingDashboardService dashboards;
	private final ClosedManagementService closed;
	private final CompletionService completion;
	private final CurrentUser user;
	private final MessageSource messages;

	TrainingDeskPageController(ProgrammeService programmes, ClassroomService classrooms, PlanService plans,
			SiteService sites, CoverageService coverage, TrainingRecordService records,
			TrainingDashboardService dashboards, ClosedManagementService closed, CompletionService completion,
			CurrentUser user, MessageSource messages) {
		this.programmes = programmes;
		this.classrooms = classrooms;
		this.plans = plans;
		this.sites = sites;
		this.coverage = coverage;
		this.records = records;
		this.dashboards = dashboards;
		this.closed = closed;
		this.completion = completion;
		this.user = user;
		this.messages = messages;
	}

	// ------------------------------------------------------------------ coverage

	@GetMapping("/training/programmes/{id}/coverage")
	String coverage(@PathVariable long id, @RequestParam(required = false) String region, Model model) {
		return coveragePage(id, region, model, null, null);
	}

	private String coveragePage(long id, String region, Model model, Map<String, String> errors,
			CoverageService.MakeUpOutcome outcome) {
		user.require(Permission.TRAINING_READ);
		var c = coverage.coverage(id, region);
		model.addAttribute("programme", programmes.get(id));
		model.addAttribute("cov", c);
		model.addAttribute("shown", c.untrained().subList(0, Math.min(500, c.untrained().size())));
		model.addAttribute("targets", user.has(Permission.TRAINING_MANAGE) ? coverage.makeUpTargets(id) : List.of());
		model.addAttribute("errors", errors == null ? Map.of() : errors);
		model.addAttribute("outcome", outcome);
		return "training/coverage";
	}

	@PostMapping("/training/programmes/{id}/coverage/make-up")
	String makeUp(@PathVariable long id, @RequestParam(required = false) String region,
			@RequestParam(required = false) Long classroomId, Model model) {
		try {
			var o = coverage.makeUp(id, region, classroomId, null);
			return coveragePage(id, region, model, null, o);
		}
		catch (InvalidInputException e) {
			return coveragePage(id, region, model, e.byField(), null);
		}
	}

	@GetMapping("/training/programmes/{id}/coverage/untrained.xlsx")
	ResponseEntity<byte[]> untrainedXlsx(@PathVariable long id, @RequestParam(required = false) String region) {
		var c = coverage.coverage(id, region);
		return Xlsx.download("未参训名单-" + c.regionName() + ".xlsx", CoverageApiController.untrainedXlsx(c));
	}

	// ------------------------------------------------------------------ records and yearly hours

	// the trainee phone pages own /training/me/record; this is the same record at the desk
	@GetMapping("/training/record")
	String myRecord(Model model) {
		model.addAttribute("rec", records.mine());
		model.addAttribute("own", true);
		return "training/record";
	}

	@GetMapping("/training/people/{personId}/record")
	String record(@PathVariable long personId, Model model) {
		model.addAttribute("rec", records.of(personId));
		model.addAttribute("own", false);
		return "training/record";
	}

	@GetMapping("/training/hours")
	String hours(@RequestParam(required = false) String region, @RequestParam(required = false) Integer year,
			@RequestParam(required = false) PostType post, Model model, HttpServletRequest request) {
		return hoursPage(region, year, post, model, request, null);
	}

	private String hoursPage(String region, Integer year, PostType post, Model model, HttpServletRequest request,
			Map<String, String> errors) {
		user.require(Permission.TRAINING_READ);
		int y = year == null ? LocalDate.now().getYear() : year;
		String r = region;
		var scope = user.scope(Permission.TRAINING_READ);
		if ((r == null || r.isBlank()) && !scope.regionRanges().isEmpty()) {
			r = Long.toString(scope.regionRanges().get(0).from());
		}
		model.addAttribute("requirements", records.requirements());
		model.addAttribute("region", r);
		model.addAttribute("year", y);
		model.addAttribute("post", post);
		model.addAttribute("posts", PostType.values());
		model.addAttribute("canManage", user.has(Permission.TRAINING_MANAGE));
		model.addAttribute("errors", errors == null ? Map.of() : errors);
		List<TrainingRecordService.HoursShortfall> list = List.of();
		Map<String, String> listErrors = new LinkedHashMap<>();
		if (r != null && !r.isBlank()) {
			try {
				list = records.shortfalls(r, y, post);
			}
			catch (InvalidInputException e) {
				listErrors = e.byField();
			}
		}
		model.addAttribute("shortfalls", list);
		model.addAttribute("listErrors", listErrors);
		return Htmx.view(request, "training/hours", "shortfalls");
	}

	@PostMapping("/training/hours/requirements")
	String setRequirement(@RequestParam(required = false) String regionCode, @RequestParam(required = false) PostType post,
			@RequestParam(required = false) BigDecimal yearlyHours, Model model, HttpServletRequest request) {
		try {
			records.setRequirement(regionCode, post, yearlyHours, false);
			return "redirect:/training/hours";
		}
		catch (InvalidInputException e) {
			return hoursPage(null, null, null, model, request, e.byField());
		}
	}

	@GetMapping("/training/hours/shortfalls.xlsx")
	ResponseEntity<byte[]> shortfallXlsx(@RequestParam String region, @RequestParam Integer year,
			@RequestParam(required = false) PostType post) {
		return Xlsx.download("学时不足-" + year + ".xlsx",
				TrainingRecordApiController.shortfallXlsx(records.shortfalls(region, year, post)));
	}

	// ------------------------------------------------------------------ dashboards

	@GetMapping("/training/programmes/{id}/dashboard")
	String programmeDashboard(@PathVariable long id, @RequestParam(required = false) String region, Model model,
			Locale locale) {
		return dashboardPage(dashboards.programme(id, region), model, locale);
	}

	@GetMapping("/training/classrooms/{id}/dashboard")
	String classroomDashboard(@PathVariable long id, Model model, Locale locale) {
		return dashboardPage(dashboards.classroom(id), model, locale);
	}

	private String dashboardPage(TrainingDashboardService.TrainingDashboard d, Model model, Locale locale) {
		model.addAttribute("dash", d);
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("names", d.classrooms().stream().map(TrainingDashboardService.ClassroomFigures::name).toList());
		chart.put("confirmed", d.classrooms().stream().map(TrainingDashboardService.ClassroomFigures::confirmed).toList());
		chart.put("pending", d.classrooms().stream().map(TrainingDashboardService.ClassroomFigures::pending).toList());
		chart.put("attendance", d.classrooms().stream()
			.map(c -> c.attendanceRate() == null ? null : Math.round(c.attendanceRate() * 1000) / 10.0).toList());
		chart.put("leave", d.classrooms().stream().map(TrainingDashboardService.ClassroomFigures::leaveRequests).toList());
		chart.put("hake", d.classrooms().stream()
			.map(c -> c.gain().hake() == null ? null : Math.round(c.gain().hake() * 1000) / 1000.0).toList());
		chart.put("labels", Map.of("confirmed", msg("trainingDesk.dash.confirmed", locale), "pending",
				msg("trainingDesk.dash.pending", locale), "attendance", msg("trainingDesk.dash.attendanceRate", locale),
				"leave", msg("trainingDesk.dash.leaveRequests", locale), "hake", msg("trainingDesk.dash.hake", locale)));
		model.addAttribute("chartJson", tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(chart));
		return "training/dashboard";
	}

	private String msg(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}

	@GetMapping("/training/programmes/{id}/dashboard.xlsx")
	ResponseEntity<byte[]> programmeDashboardXlsx(@PathVariable long id, @RequestParam(required = false) String region) {
		return Xlsx.download("培训看板-" + id + ".xlsx", dashboards.xlsx(dashboards.programme(id, region)));
	}

	@GetMapping("/training/classrooms/{id}/dashboard.xlsx")
	ResponseEntity<byte[]> classroomDashboardXlsx(@PathVariable long id) {
		return Xlsx.download("课堂看板-" + id + ".xlsx", dashboards.xlsx(dashboards.classroom(id)));
	}

	// ------------------------------------------------------------------ closed management

	@GetMapping("/training/classrooms/{id}/closed")
	String closedPage(@PathVariable long id, Model model) {
		return closedPage(id, model, null, null);
	}

	private String closedPage(long id, Model model, Map<String, String> errors, String notice) {
		Classroom c = classrooms.get(id);
		model.addAttribute("classroom", c);
		model.addAttribute("programme", programmes.get(c.programmeId()));
		model.addAttribute("beds", closed.lodging(id));
		model.addAttribute("absences", closed.absences(id, false));
		model.addAttribute("canRecord", closed.canRecord(c));
		model.addAttribute("errors", errors == null ? Map.of() : errors);
		model.addAttribute("notice", notice);
		return "training/closed";
	}

	@PostMapping("/training/classrooms/{id}/lodging/auto")
	String autoLodging(@PathVariable long id, @RequestParam(required = false) String building,
			@RequestParam(required = false) Integer bedsPerRoom, @RequestParam(required = false) Integer firstRoom,
			Model model) {
		try {
			closed.autoAssign(id, building, bedsPerRoom, firstRoom);
			return "redirect:/training/classrooms/" + id + "/closed";
		}
		catch (InvalidInputException e) {
			return closedPage(id, model, e.byField(), null);
		}
	}

	@PostMapping("/training/classrooms/{id}/lodging/import")
	String importLodging(@PathVariable long id, @RequestParam(required = false) MultipartFile file, Model model)
			throws IOException {
		try {
			if (file == null || file.isEmpty()) {
				throw InvalidInputException.of("file", "training.lodging.empty");
			}
			try (InputStream in = file.getInputStream()) {
				closed.importFrom(id, in);
			}
			return "redirect:/training/classrooms/" + id + "/closed";
		}
		catch (InvalidInputException e) {
			return closedPage(id, model, e.byField(), null);
		}
	}

	@PostMapping("/training/classrooms/{id}/absences")
	String leaving(@PathVariable long id, @RequestParam(required = false) Long personId,
			@RequestParam(required = false) String note, Model model) {
		try {
			closed.recordLeaving(id, personId, null, note);
			return "redirect:/training/classrooms/" + id + "/closed";
		}
		catch (InvalidInputException e) {
			return closedPage(id, model, e.byField(), null);
		}
		catch (ConflictException e) {
			return closedPage(id, model, Map.of("personId", "trainingDesk.closed.alreadyOut"), null);
		}
	}

	@PostMapping("/training/classrooms/{id}/absences/{absenceId}/return")
	String returned(@PathVariable long id, @PathVariable long absenceId, Model model) {
		try {
			closed.recordReturn(absenceId, null);
		}
		catch (ConflictException e) {
			// already back: the page shows it
		}
		return "redirect:/training/classrooms/" + id + "/closed";
	}

	// ------------------------------------------------------------------ completion and certificates

	@GetMapping("/training/classrooms/{id}/completion")
	String completionPage(@PathVariable long id, Model model) {
		Classroom c = classrooms.get(id);
		if (!classrooms.passesOfficial(id)) {
			throw new cn.grassroots.platform.ForbiddenException("only the classroom's staff and officers see completion");
		}
		model.addAttribute("classroom", c);
		model.addAttribute("programme", programmes.get(c.programmeId()));
		model.addAttribute("lines", completion.completion(id));
		model.addAttribute("canAppraise", plans.canEdit(c));
		model.addAttribute("canIssue", classrooms.canManage(c));
		model.addAttribute("passPercent", CompletionService.PASS_PERCENT);
		return "training/completion";
	}

	@PostMapping("/training/classrooms/{id}/appraisals/{enrolmentId}")
	String appraise(@PathVariable long id, @PathVariable long enrolmentId, @RequestParam(required = false) Boolean passed) {
		completion.appraise(enrolmentId, passed, null);
		return "redirect:/training/classrooms/" + id + "/completion";
	}

	@PostMapping("/training/classrooms/{id}/certificates")
	String issue(@PathVariable long id) {
		completion.issue(id);
		return "redirect:/training/classrooms/" + id + "/completion";
	}

	@GetMapping("/training/certificates/{code}.pdf")
	ResponseEntity<byte[]> certificate(@PathVariable String code) {
		var cert = completion.verify(code).orElseThrow(() -> new NotFoundException("no certificate " + code));
		String base = ServletUriComponentsBuilder.fromCurrentContextPath().path("/certificates/").toUriString();
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"certificate-" + cert.code() + ".pdf\"")
			.body(completion.pdf(cert.id(), base));
	}

	// ------------------------------------------------------------------ plan editing

	@GetMapping("/training/classrooms/{id}/plan/edit")
	String editPlan(@PathVariable long id, @RequestParam(required = false) Long session, Model model,
			HttpServletRequest request) {
		return editor(id, model, request, null, null, session);
	}

	private String editor(long id, Model model, HttpServletRequest request, Map<String, String> errors,
			Map<String, String> form, Long editing) {
		// head teachers hold no role, only their assignment: the classroom read checks it in SQL
		Classroom c = classrooms.get(id);
		Optional<Plan> plan = plans.currentOf(c);
		List<Session> sessions = plan.map(plans::sessions).orElse(List.of());
		model.addAttribute("classroom", c);
		model.addAttribute("programme", programmes.get(c.programmeId()));
		model.addAttribute("plan", plan.orElse(null));
		model.addAttribute("sessions", sessions);
		model.addAttribute("canEdit", plans.canEdit(c));
		model.addAttribute("draft", plan.isPresent() && plan.get().status() == PlanStatus.DRAFT);
		model.addAttribute("canStart", plan.isEmpty() || plan.get().status() == PlanStatus.APPROVED
				|| plan.get().status() == PlanStatus.RETURNED);
		model.addAttribute("rules", plan.isEmpty() ? List.of() : rules(id));
		model.addAttribute("rooms", classrooms.rooms(id));
		model.addAttribute("sites", sites.list().stream().filter(s -> s.approved()).toList());
		model.addAttribute("courseTypes", CourseType.values());
		model.addAttribute("deliveries", Delivery.values());
		model.addAttribute("topics", TopicCategory.values());
		model.addAttribute("errors", errors == null ? Map.of() : errors);
		Map<String, String> values = form;
		Session edited = editing == null ? null : sessions.stream().filter(s -> s.id() == editing).findFirst().orElse(null);
		if (values == null && edited != null) {
			values = new LinkedHashMap<>();
			values.put("date", edited.date().toString());
			values.put("start", edited.start().toString());
			values.put("end", edited.end().toString());
			values.put("hours", edited.hours().toPlainString());
			values.put("title", edited.title());
			values.put("courseType", edited.courseType().name());
			values.put("delivery", edited.delivery().name());
			values.put("topic", edited.topic() == null ? "" : edited.topic().name());
			values.put("lecturer", edited.lecturer() == null ? "" : edited.lecturer());
			values.put("roomId", edited.roomId() == null ? "" : edited.roomId().toString());
			values.put("siteId", edited.siteId() == null ? "" : edited.siteId().toString());
		}
		model.addAttribute("form", values == null ? Map.of() : values);
		model.addAttribute("editing", edited == null ? (form != null ? editingFrom(form) : null) : Long.valueOf(edited.id()));
		return Htmx.view(request, "training/plan-edit", "editor");
	}

	private static Long editingFrom(Map<String, String> form) {
		String s = form.get("sessionId");
		return s == null || s.isBlank() ? null : Long.valueOf(s);
	}

	private List<RuleView> rules(long classroomId) {
		Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
		return plans.check(classroomId).stream()
			.map(r -> new RuleView(r.rule(), r.passed(),
					messages.getMessage(r.detailKey(), r.args().toArray(), r.detailKey(), locale)))
			.toList();
	}

	@PostMapping("/training/classrooms/{id}/plan/edit/version")
	String startVersion(@PathVariable long id, Model model, HttpServletRequest request) {
		try {
			plans.newVersion(id);
		}
		catch (ConflictException e) {
			// a draft or submitted version is already there: the editor shows it
		}
		return editor(id, model, request, null, null, null);
	}

	@PostMapping("/training/classrooms/{id}/plan/edit/sessions")
	String saveSession(@PathVariable long id, @RequestParam Map<String, String> form, Model model,
			HttpServletRequest request) {
		Map<String, String> errors = new LinkedHashMap<>();
		PlanService.SessionDraft draft = draft(form, errors);
		if (errors.isEmpty()) {
			try {
				Long sessionId = editingFrom(form);
				if (sessionId == null) {
					plans.addSession(id, draft);
				}
				else {
					Session s = plans.sessions(plans.current(id)).stream().filter(x -> x.id() == sessionId).findFirst()
						.orElseThrow(() -> new NotFoundException("no session " + sessionId + " in this plan"));
					plans.updateSession(s.id(), draft);
				}
				return editor(id, model, request, null, null, null);
			}
			catch (InvalidInputException e) {
				errors.putAll(e.byField());
			}
		}
		return editor(id, model, request, errors, form, null);
	}

	@PostMapping("/training/classrooms/{id}/plan/edit/sessions/{sessionId}/delete")
	String deleteSession(@PathVariable long id, @PathVariable long sessionId, Model model, HttpServletRequest request) {
		Session s = plans.sessions(plans.current(id)).stream().filter(x -> x.id() == sessionId).findFirst()
			.orElseThrow(() -> new NotFoundException("no session " + sessionId + " in this plan"));
		plans.deleteSession(s.id());
		return editor(id, model, request, null, null, null);
	}

	@PostMapping("/training/classrooms/{id}/plan/edit/relay")
	String relay(@PathVariable long id, Model model, HttpServletRequest request) {
		plans.relay(id);
		return editor(id, model, request, null, null, null);
	}

	@PostMapping("/training/classrooms/{id}/plan/edit/submit")
	String submit(@PathVariable long id, Model model, HttpServletRequest request) {
		try {
			plans.submit(id);
			return editor(id, model, request, null, null, null);
		}
		catch (InvalidInputException e) {
			return editor(id, model, request, Map.of("rules", "trainingDesk.plan.rulesFailing"), null, null);
		}
	}

	private static PlanService.SessionDraft draft(Map<String, String> f, Map<String, String> errors) {
		return new PlanService.SessionDraft(parse(f, "date", LocalDate::parse, errors), parse(f, "start", LocalTime::parse, errors),
				parse(f, "end", LocalTime::parse, errors), parse(f, "hours", BigDecimal::new, errors), f.get("title"),
				parse(f, "courseType", CourseType::valueOf, errors), parse(f, "delivery", Delivery::valueOf, errors),
				parse(f, "topic", TopicCategory::valueOf, errors), f.get("lecturer"), parse(f, "roomId", Long::valueOf, errors),
				parse(f, "siteId", Long::valueOf, errors));
	}

	private static <T> T parse(Map<String, String> f, String field, java.util.function.Function<String, T> parser,
			Map<String, String> errors) {
		String v = f.get(field);
		if (v == null || v.isBlank()) {
			return null;
		}
		try {
			return parser.apply(v.trim());
		}
		catch (RuntimeException e) {
			errors.put(field, "trainingDesk.form.invalid");
			return null;
		}
	}

	@GetMapping("/training/classrooms/{id}/plan/versions")
	String versions(@PathVariable long id, @RequestParam(required = false) Integer left,
			@RequestParam(required = false) Integer right, Model model) {
		Classroom c = classrooms.get(id);
		List<Plan> all = plans.versions(id);
		model.addAttribute("classroom", c);
		model.addAttribute("programme", programmes.get(c.programmeId()));
		model.addAttribute("versions", all);
		Integer l = left;
		Integer r = right;
		if (l == null && r == null && all.size() >= 2) {
			l = all.get(all.size() - 2).version();
			r = all.get(all.size() - 1).version();
		}
		model.addAttribute("left", l);
		model.addAttribute("right", r);
		model.addAttribute("rows", l != null && r != null ? plans.compare(id, l, r) : List.of());
		return "training/plan-versions";
	}
}
