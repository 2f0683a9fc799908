package cn.grassroots.training.web;

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

import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.audit.AuditQuery;
import cn.grassroots.training.internal.ClassroomRepository.Classroom;
import cn.grassroots.training.internal.ClassroomService;
import cn.grassroots.training.internal.FindingStatus;
import cn.grassroots.training.internal.ProgrammeService;
import cn.grassroots.training.internal.SeminarService;
import cn.grassroots.training.internal.SupervisionService;
import cn.grassroots.training.internal.SymposiumService;

/**
 * The desk forms for symposiums (座谈: held, participants picked from the classroom's people as one
 * types, minutes) and supervision (督学: a team of people from the roster, a visit to a classroom,
 * its findings, the classroom's rectification of each and the team's review that closes it or sends
 * it back). Every call goes through the services the API uses, so scope, assignments and audit are
 * the API's; a refused field comes back next to the field and nothing is stored.
 */
@Controller
class SupervisionFormPageController {

	/** How many suggestions a picker shows. */
	static final int SUGGESTIONS = 10;

	private final SymposiumService symposiums;
	private final SupervisionService supervision;
	private final SeminarService seminars;
	private final ClassroomService classrooms;
	private final ProgrammeService programmes;
	private final AuditQuery audit;

	SupervisionFormPageController(SymposiumService symposiums, SupervisionService supervision, SeminarService seminars,
			ClassroomService classrooms, ProgrammeService programmes, AuditQuery audit) {
		this.symposiums = symposiums;
		this.supervision = supervision;
		this.seminars = seminars;
		this.classrooms = classrooms;
		this.programmes = programmes;
		this.audit = audit;
	}

	// ------------------------------------------------------------------ helpers

	private static Map<String, String> errors(InvalidInputException e, Map<String, String> first) {
		Map<String, String> out = new LinkedHashMap<>(first);
		e.byField().forEach(out::putIfAbsent);
		return out;
	}

	/** A typed date, or null with a field error when it is not one. */
	private static LocalDate date(String text, String field, Map<String, String> errors) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(text.strip());
		}
		catch (DateTimeParseException e) {
			errors.put(field, "supervisionForms.invalidDate");
			return null;
		}
	}

	private static Long number(String text, String field, Map<String, String> errors) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Long.valueOf(text.strip());
		}
		catch (NumberFormatException e) {
			errors.put(field, "supervisionForms.invalidChoice");
			return null;
		}
	}

	// ------------------------------------------------------------------ symposiums

	@GetMapping("/training/classrooms/{id}/symposiums/new")
	String newSymposium(@PathVariable long id, Model model) {
		return symposiumForm(id, model, Map.of(), Map.of());
	}

	private String symposiumForm(long classroomId, Model model, Map<String, String> form, Map<String, String> errors) {
		Classroom c = classrooms.get(classroomId);
		requireRunner(classroomId);
		model.addAttribute("classroom", c);
		model.addAttribute("programme", programmes.get(c.programmeId()));
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "training/symposium-form";
	}

	@PostMapping("/training/classrooms/{id}/symposiums")
	String createSymposium(@PathVariable long id, @RequestParam Map<String, String> form, Model model) {
		Map<String, String> parse = new LinkedHashMap<>();
		LocalDate heldOn = date(form.get("heldOn"), "heldOn", parse);
		try {
			var s = symposiums.create(id, new SymposiumService.Draft(form.get("title"), heldOn, form.get("place"),
					form.get("minutes")));
			return "redirect:/training/symposiums/" + s.id();
		}
		catch (InvalidInputException e) {
			return symposiumForm(id, model, form, errors(e, parse));
		}
	}

	@GetMapping("/training/symposiums/{id}")
	String symposium(@PathVariable long id, Model model) {
		return symposiumPage(id, model, Map.of(), Map.of());
	}

	private String symposiumPage(long id, Model model, Map<String, String> form, Map<String, String> errors) {
		var s = symposiums.get(id);
		Classroom c = classrooms.get(s.classroomId());
		model.addAttribute("symposium", s);
		model.addAttribute("classroom", c);
		model.addAttribute("programme", programmes.get(c.programmeId()));
		model.addAttribute("canRun", seminars.canRun(s.classroomId()));
		model.addAttribute("history", audit.historyOf("training_symposium", Long.toString(id)));
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "training/symposium";
	}

	/** The participant picker's suggestions: the classroom's trainees and staff whose name contains q. */
	@GetMapping("/training/symposiums/{id}/people")
	String symposiumPeople(@PathVariable long id, @RequestParam(required = false) String q, Model model) {
		var s = symposiums.get(id);
		model.addAttribute("symposium", s);
		model.addAttribute("q", q);
		model.addAttribute("people", symposiums.classroomPeople(s.classroomId(), q, SUGGESTIONS));
		return "training/symposium :: people";
	}

	@PostMapping("/training/symposiums/{id}/participants")
	String addParticipant(@PathVariable long id, @RequestParam Map<String, String> form, Model model) {
		requireRunner(symposiums.get(id).classroomId());
		Map<String, String> parse = new LinkedHashMap<>();
		Long personId = number(form.get("personId"), "personId", parse);
		try {
			if (!parse.isEmpty()) {
				throw new InvalidInputException(List.of());
			}
			symposiums.addParticipant(id, new SymposiumService.ParticipantDraft(personId, form.get("name"),
					form.get("unitName")));
			return "redirect:/training/symposiums/" + id;
		}
		catch (InvalidInputException e) {
			return symposiumPage(id, model, form, errors(e, parse));
		}
	}

	private void requireRunner(long classroomId) {
		if (!seminars.canRun(classroomId)) {
			throw new ForbiddenException("only the classroom's officers and head teachers hold its symposiums");
		}
	}

	@PostMapping("/training/symposiums/{id}/minutes")
	String minutes(@PathVariable long id, @RequestParam(required = false) String minutes,
			@RequestParam(required = false) Integer version, Model model) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("minutes", minutes == null ? "" : minutes);
		try {
			symposiums.minutes(id, minutes, version);
			return "redirect:/training/symposiums/" + id;
		}
		catch (InvalidInputException e) {
			return symposiumPage(id, model, form, errors(e, Map.of()));
		}
		catch (ConflictException e) {
			return symposiumPage(id, model, form, Map.of("minutes", "supervisionForms.minutes.conflict"));
		}
	}

	// ------------------------------------------------------------------ supervision teams

	@GetMapping("/training/programmes/{id}/supervision/teams/new")
	String newTeam(@PathVariable long id, Model model) {
		return teamForm(id, model, Map.of(), List.of(), null, Map.of());
	}

	private String teamForm(long programmeId, Model model, Map<String, String> form, List<Long> members, Long leader,
			Map<String, String> errors) {
		var p = programmes.get(programmeId);
		if (!programmes.canManage(p)) {
			throw new ForbiddenException("only the programme's officers form its supervision teams");
		}
		model.addAttribute("programme", p);
		model.addAttribute("teams", supervision.teams(programmeId));
		model.addAttribute("chosen", supervision.rosterPeople(programmeId, members));
		model.addAttribute("leader", leader);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "training/supervision-team-form";
	}

	/**
	 * The member picker's suggestions: people of the roster in the caller's scope whose name contains
	 * q, except those already picked (the form sends them along).
	 */
	@GetMapping("/training/programmes/{id}/supervision/people")
	String rosterPeople(@PathVariable long id, @RequestParam(required = false) String q,
			@RequestParam(name = "memberPersonIds", required = false) List<Long> picked, Model model) {
		model.addAttribute("programme", programmes.get(id));
		model.addAttribute("q", q);
		model.addAttribute("people", supervision.rosterCandidates(id, q, picked == null ? List.of() : picked));
		return "training/supervision-team-form :: suggestions";
	}

	/** One picked member's line on the team form (none when already picked); the suggestions close. */
	@GetMapping("/training/programmes/{id}/supervision/teams/member")
	String member(@PathVariable long id, @RequestParam long personId,
			@RequestParam(name = "memberPersonIds", required = false) List<Long> picked, Model model) {
		model.addAttribute("programme", programmes.get(id));
		boolean again = picked != null && picked.contains(personId);
		model.addAttribute("chosen", again ? List.of() : supervision.rosterPeople(id, List.of(personId)));
		model.addAttribute("leader", null);
		return "training/supervision-team-form :: picked";
	}

	@PostMapping("/training/programmes/{id}/supervision/teams")
	String createTeam(@PathVariable long id, @RequestParam MultiValueMap<String, String> params, Model model) {
		Map<String, String> parse = new LinkedHashMap<>();
		List<Long> members = new ArrayList<>();
		for (String v : params.getOrDefault("memberPersonIds", List.of())) {
			Long m = number(v, "memberPersonIds", parse);
			if (m != null) {
				members.add(m);
			}
		}
		Long leader = number(params.getFirst("leaderPersonId"), "leaderPersonId", parse);
		try {
			if (!parse.isEmpty()) {
				throw new InvalidInputException(List.of());
			}
			supervision.createTeam(id, new SupervisionService.TeamDraft(params.getFirst("name"), members, leader));
			return "redirect:/training/programmes/" + id + "/supervision";
		}
		catch (InvalidInputException e) {
			Map<String, String> errors = errors(e, parse);
			// memberPersonIds[i]: shown once beside the members
			errors.entrySet().stream().filter(x -> x.getKey().startsWith("memberPersonIds[")).findFirst()
				.ifPresent(x -> errors.putIfAbsent("memberPersonIds", x.getValue()));
			return teamForm(id, model, params.toSingleValueMap(), members, leader, errors);
		}
	}

	// ------------------------------------------------------------------ visits

	@GetMapping("/training/programmes/{id}/supervision/visits/new")
	String newVisit(@PathVariable long id, Model model) {
		return visitForm(id, model, Map.of(), Map.of());
	}

	private String visitForm(long programmeId, Model model, Map<String, String> form, Map<String, String> errors) {
		model.addAttribute("programme", supervision.programme(programmeId));
		model.addAttribute("classrooms", supervision.visitableClassrooms(programmeId));
		model.addAttribute("teams", supervision.teamsToVisitWith(programmeId));
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "training/supervision-visit-form";
	}

	@PostMapping("/training/programmes/{id}/supervision/visits")
	String createVisit(@PathVariable long id, @RequestParam Map<String, String> form, Model model) {
		if (!supervision.canRecordVisits(id)) {
			throw new ForbiddenException("only the programme's officers and the team's members record its visits");
		}
		Map<String, String> parse = new LinkedHashMap<>();
		Long team = number(form.get("teamId"), "teamId", parse);
		Long classroom = number(form.get("classroomId"), "classroomId", parse);
		LocalDate on = date(form.get("visitedOn"), "visitedOn", parse);
		try {
			var v = supervision.createVisit(id, new SupervisionService.VisitDraft(team, classroom, on, form.get("summary")));
			return "redirect:/training/supervision/visits/" + v.id();
		}
		catch (InvalidInputException e) {
			return visitForm(id, model, form, errors(e, parse));
		}
	}

	@GetMapping("/training/supervision/visits/{id}")
	String visit(@PathVariable long id, Model model) {
		return visitPage(id, model, Map.of(), Map.of());
	}

	private String visitPage(long id, Model model, Map<String, String> form, Map<String, String> errors) {
		var v = supervision.visit(id);
		model.addAttribute("visit", v);
		model.addAttribute("programme", supervision.programme(supervision.programmeOfTeam(v.teamId())));
		model.addAttribute("findings", supervision.findingsOfVisit(id));
		model.addAttribute("canFind", supervision.canActForTeam(v.teamId()));
		model.addAttribute("history", audit.historyOf("training_supervision_visit", Long.toString(id)));
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "training/supervision-visit";
	}

	@PostMapping("/training/supervision/visits/{id}/findings")
	String addFinding(@PathVariable long id, @RequestParam Map<String, String> form, Model model) {
		var v = supervision.visit(id);
		if (!supervision.canActForTeam(v.teamId())) {
			throw new ForbiddenException("only the team's members and the programme's officers act for the team");
		}
		Map<String, String> parse = new LinkedHashMap<>();
		LocalDate deadline = date(form.get("deadline"), "deadline", parse);
		try {
			var f = supervision.addFinding(id, new SupervisionService.FindingDraft(form.get("description"), deadline));
			return "redirect:/training/supervision/findings/" + f.id();
		}
		catch (InvalidInputException e) {
			return visitPage(id, model, form, errors(e, parse));
		}
	}

	// ------------------------------------------------------------------ findings: rectification and review

	@GetMapping("/training/supervision/findings/{id}")
	String finding(@PathVariable long id, Model model) {
		return findingPage(id, model, Map.of(), Map.of());
	}

	private String findingPage(long id, Model model, Map<String, String> form, Map<String, String> errors) {
		var f = supervision.finding(id);
		var v = supervision.visit(f.visitId());
		model.addAttribute("finding", f);
		model.addAttribute("visit", v);
		model.addAttribute("programme", supervision.programme(supervision.programmeOfTeam(v.teamId())));
		model.addAttribute("canRectify", f.status() == FindingStatus.OPEN && seminars.canRun(f.classroomId()));
		model.addAttribute("canReview", f.status() == FindingStatus.RECTIFIED && supervision.canActForTeam(v.teamId()));
		model.addAttribute("overdue", f.status() != FindingStatus.CLOSED && f.deadline().isBefore(LocalDate.now()));
		model.addAttribute("history", audit.historyOf("training_supervision_finding", Long.toString(id)));
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "training/supervision-finding";
	}

	@PostMapping("/training/supervision/findings/{id}/rectification")
	String rectify(@PathVariable long id, @RequestParam(required = false) String note, Model model) {
		Map<String, String> form = Map.of("note", note == null ? "" : note);
		try {
			supervision.reportRectification(id, note);
			return "redirect:/training/supervision/findings/" + id;
		}
		catch (InvalidInputException e) {
			return findingPage(id, model, form, errors(e, Map.of()));
		}
		catch (ConflictException e) {
			return findingPage(id, model, form, Map.of("note", "supervisionForms.finding.moved"));
		}
	}

	@PostMapping("/training/supervision/findings/{id}/review")
	String review(@PathVariable long id, @RequestParam(required = false) String decision,
			@RequestParam(required = false) String reviewNote, Model model) {
		var v = supervision.visit(supervision.finding(id).visitId());
		if (!supervision.canActForTeam(v.teamId())) {
			throw new ForbiddenException("only the team's members and the programme's officers act for the team");
		}
		Map<String, String> form = new LinkedHashMap<>();
		form.put("reviewNote", reviewNote == null ? "" : reviewNote);
		form.put("decision", decision == null ? "" : decision);
		Boolean accept = "ACCEPT".equals(decision) ? Boolean.TRUE : "RETURN".equals(decision) ? Boolean.FALSE : null;
		try {
			if (accept == null) {
				Map<String, String> errors = new LinkedHashMap<>();
				errors.put("decision", "validation.required");
				if (reviewNote == null || reviewNote.isBlank()) {
					errors.put("reviewNote", "validation.required");
				}
				return findingPage(id, model, form, errors);
			}
			supervision.review(id, accept, reviewNote);
			return "redirect:/training/supervision/findings/" + id;
		}
		catch (InvalidInputException e) {
			// the service names the note "note"; on this form it is the review's note
			return findingPage(id, model, form, e.byField(field -> "note".equals(field) ? "reviewNote" : field));
		}
		catch (ConflictException e) {
			return findingPage(id, model, form, Map.of("reviewNote", "supervisionForms.finding.moved"));
		}
	}
}
