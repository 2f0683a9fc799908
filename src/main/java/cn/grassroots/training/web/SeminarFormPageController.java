package cn.grassroots.training.web;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.web.Htmx;
import cn.grassroots.training.internal.ClassroomRepository.Classroom;
import cn.grassroots.training.internal.ClassroomService;
import cn.grassroots.training.internal.CourseType;
import cn.grassroots.training.internal.PlanRepository.Session;
import cn.grassroots.training.internal.PlanService;
import cn.grassroots.training.internal.ProgrammeService;
import cn.grassroots.training.internal.SeminarService;
import cn.grassroots.training.internal.SeminarService.Group;
import cn.grassroots.training.internal.SeminarTopics;

/**
 * The desk forms of 研讨课: a new seminar for a classroom (topic typed in or taken from a survey
 * finding kept as a topic, date, the plan's seminar session), and a seminar's workbench — groups
 * with their facilitator, members picked from the classroom's confirmed trainees by name as one
 * types, and each group's achievement-conversion list (成果转化清单) written item by item while it is
 * a draft. Every change posts to one URL that answers an htmx request with the changed group only
 * and a plain form post with a redirect back; the service decides who may do what (the classroom's
 * officers and head teachers run seminars, a group's facilitator writes its list) and refuses any
 * change to an adopted list.
 */
@Controller
class SeminarFormPageController {

	/** Names shown in the member picker at a time; typing narrows them. */
	static final int CANDIDATES_SHOWN = 20;

	private final SeminarService seminars;
	private final SeminarTopics topics;
	private final ClassroomService classrooms;
	private final ProgrammeService programmes;
	private final PlanService plans;

	SeminarFormPageController(SeminarService seminars, SeminarTopics topics, ClassroomService classrooms,
			ProgrammeService programmes, PlanService plans) {
		this.seminars = seminars;
		this.topics = topics;
		this.classrooms = classrooms;
		this.programmes = programmes;
		this.plans = plans;
	}

	// ------------------------------------------------------------------ a new seminar

	@GetMapping("/training/classrooms/{id}/seminars/new")
	String newSeminar(@PathVariable long id, Model model) {
		return seminarForm(id, model, Map.of(), Map.of());
	}

	@PostMapping("/training/classrooms/{id}/seminars/new")
	String createSeminar(@PathVariable long id, @RequestParam Map<String, String> form, Model model) {
		Map<String, String> errors = new LinkedHashMap<>();
		Long findingId = parse(form, "findingId", Long::valueOf, errors);
		LocalDate heldOn = parse(form, "heldOn", LocalDate::parse, errors);
		Long sessionId = parse(form, "sessionId", Long::valueOf, errors);
		if (errors.isEmpty()) {
			if (heldOn == null && sessionId != null) {
				// the day of the chosen seminar session, when no other date is given
				heldOn = seminarSessions(classrooms.get(id)).stream().filter(s -> s.id() == sessionId).map(Session::date)
					.findFirst().orElse(null);
			}
			try {
				var created = seminars.create(id, new SeminarService.Draft(form.get("topic"), findingId, heldOn, sessionId));
				return "redirect:/training/seminars/" + created.id() + "/edit";
			}
			catch (InvalidInputException e) {
				errors.putAll(e.byField());
			}
		}
		return seminarForm(id, model, form, errors);
	}

	private String seminarForm(long classroomId, Model model, Map<String, String> form, Map<String, String> errors) {
		Classroom c = classrooms.get(classroomId);
		if (!seminars.canRun(classroomId)) {
			throw new ForbiddenException("only the classroom's officers and head teachers hold its seminars");
		}
		model.addAttribute("classroom", c);
		model.addAttribute("programme", programmes.get(c.programmeId()));
		model.addAttribute("topics", topics.list());
		model.addAttribute("sessions", seminarSessions(c));
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "training/seminar-new";
	}

	/** The seminar sessions of the classroom's current plan, if it has one. */
	private List<Session> seminarSessions(Classroom c) {
		return plans.currentOf(c).map(plans::sessions).orElse(List.of()).stream()
			.filter(s -> s.courseType() == CourseType.SEMINAR).toList();
	}

	// ------------------------------------------------------------------ the workbench: groups, members, lists

	@GetMapping("/training/seminars/{id}/edit")
	String workbench(@PathVariable long id, Model model) {
		return workbenchPage(id, model, new GroupForm(null, Map.of(), Map.of()));
	}

	@PostMapping("/training/seminars/{id}/edit/groups")
	String addGroup(@PathVariable long id, @RequestParam(required = false) String name,
			@RequestParam(required = false) String facilitatorPersonId, Model model, HttpServletRequest request) {
		Map<String, String> form = mapOf("name", name, "facilitatorPersonId", facilitatorPersonId);
		Map<String, String> errors = new LinkedHashMap<>();
		Long facilitator = parse(form, "facilitatorPersonId", Long::valueOf, errors);
		if (errors.isEmpty()) {
			try {
				Group g = seminars.addGroup(id, name, facilitator);
				if (!Htmx.isHtmx(request)) {
					return redirectTo(id, g.id());
				}
				return groupsView(id, model, new GroupForm(null, Map.of(), Map.of()));
			}
			catch (InvalidInputException e) {
				errors.putAll(e.byField());
			}
		}
		GroupForm failed = new GroupForm(NEW_GROUP, form, errors);
		return Htmx.isHtmx(request) ? groupsView(id, model, failed) : workbenchPage(id, model, failed);
	}

	@GetMapping("/training/seminar-groups/{id}/edit/candidates")
	String candidates(@PathVariable long id, @RequestParam(required = false) String q, Model model,
			HttpServletRequest request) {
		model.addAttribute("candidates", seminars.candidates(id, q, CANDIDATES_SHOWN));
		model.addAttribute("candidateGroup", id);
		model.addAttribute("q", q);
		if (Htmx.isHtmx(request)) {
			model.addAttribute("unassigned", seminars.unassigned(seminars.group(id).seminarId()));
			return "training/seminar-edit :: candidates";
		}
		return workbenchPage(seminars.group(id).seminarId(), model, new GroupForm(null, Map.of(), Map.of()));
	}

	@PostMapping("/training/seminar-groups/{id}/edit/members")
	String addMember(@PathVariable long id, @RequestParam(required = false) String personId, Model model,
			HttpServletRequest request) {
		Map<String, String> form = mapOf("personId", personId);
		return change(id, form, model, request, errors -> {
			Long person = parse(form, "personId", Long::valueOf, errors);
			if (person == null) {
				errors.putIfAbsent("personId", "validation.required");
				return;
			}
			try {
				seminars.addMembers(id, List.of(person));
			}
			catch (InvalidInputException e) {
				// one person at a time: the service's personIds[0] is this field
				e.errors().forEach(f -> errors.putIfAbsent("personId", f.message()));
			}
		});
	}

	@PostMapping("/training/seminar-groups/{id}/edit/members/{personId}/remove")
	String removeMember(@PathVariable long id, @PathVariable long personId, Model model, HttpServletRequest request) {
		return change(id, Map.of(), model, request, errors -> {
			try {
				seminars.removeMember(id, personId);
			}
			catch (InvalidInputException e) {
				errors.putAll(e.byField());
			}
		});
	}

	@PostMapping("/training/seminar-groups/{id}/edit/facilitator")
	String setFacilitator(@PathVariable long id, @RequestParam(required = false) String facilitatorPersonId, Model model,
			HttpServletRequest request) {
		Map<String, String> form = mapOf("facilitatorPersonId", facilitatorPersonId);
		return change(id, form, model, request, errors -> {
			Long person = parse(form, "facilitatorPersonId", Long::valueOf, errors);
			if (!errors.isEmpty()) {
				return;
			}
			try {
				seminars.setFacilitator(id, person);
			}
			catch (InvalidInputException e) {
				errors.putAll(e.byField());
			}
		});
	}

	@PostMapping("/training/seminar-groups/{id}/edit/items")
	String addItem(@PathVariable long id, @RequestParam Map<String, String> params, Model model,
			HttpServletRequest request) {
		Map<String, String> form = new LinkedHashMap<>();
		for (String f : ITEM_FIELDS) {
			form.put(f, params.get(f));
		}
		return change(id, form, model, request, errors -> {
			Long owner = parse(form, "ownerPersonId", Long::valueOf, errors);
			LocalDate deadline = parse(form, "deadline", LocalDate::parse, errors);
			if (!errors.isEmpty()) {
				return;
			}
			try {
				seminars.addItem(id, new SeminarService.ItemDraft(form.get("title"), owner, form.get("communityCode"), deadline,
						form.get("expectedResult")));
			}
			catch (InvalidInputException e) {
				errors.putAll(e.byField());
			}
		});
	}

	@PostMapping("/training/seminar-groups/{id}/edit/items/{itemId}/remove")
	String removeItem(@PathVariable long id, @PathVariable long itemId, Model model, HttpServletRequest request) {
		return change(id, Map.of(), model, request, errors -> {
			if (seminars.group(id).items().stream().noneMatch(i -> i.id() == itemId)) {
				throw new NotFoundException("no item " + itemId + " in group " + id);
			}
			seminars.removeItem(itemId);
		});
	}

	// ------------------------------------------------------------------ helpers

	/** The group whose form failed, its values and field errors; {@link #NEW_GROUP} for the add-group form. */
	record GroupForm(Long group, Map<String, String> values, Map<String, String> errors) {
	}

	private static final long NEW_GROUP = 0L;

	private static final List<String> ITEM_FIELDS = List.of("title", "ownerPersonId", "communityCode", "deadline",
			"expectedResult");

	/**
	 * Runs a change to one group. Success: the group's fragment for htmx, else a redirect back to the
	 * workbench. Field errors: the same with the form kept and the errors beside its fields, nothing
	 * stored. A list adopted meanwhile: the group shown read-only with a notice for htmx, 409 otherwise.
	 */
	private String change(long groupId, Map<String, String> form, Model model, HttpServletRequest request,
			java.util.function.Consumer<Map<String, String>> action) {
		long seminarId = seminars.group(groupId).seminarId();
		Map<String, String> errors = new LinkedHashMap<>();
		try {
			action.accept(errors);
		}
		catch (ConflictException e) {
			if (!Htmx.isHtmx(request)) {
				throw e;
			}
			model.addAttribute("adoptedMeanwhile", groupId);
			return groupView(seminarId, groupId, model, new GroupForm(null, Map.of(), Map.of()));
		}
		GroupForm state = errors.isEmpty() ? new GroupForm(null, Map.of(), Map.of()) : new GroupForm(groupId, form, errors);
		if (Htmx.isHtmx(request)) {
			return groupView(seminarId, groupId, model, state);
		}
		return errors.isEmpty() ? redirectTo(seminarId, groupId) : workbenchPage(seminarId, model, state);
	}

	private static String redirectTo(long seminarId, long groupId) {
		return "redirect:/training/seminars/" + seminarId + "/edit#group-" + groupId;
	}

	private String workbenchPage(long seminarId, Model model, GroupForm state) {
		workbenchModel(seminarId, model, state);
		return "training/seminar-edit";
	}

	private String groupsView(long seminarId, Model model, GroupForm state) {
		workbenchModel(seminarId, model, state);
		return "training/seminar-edit :: groups";
	}

	private String groupView(long seminarId, long groupId, Model model, GroupForm state) {
		workbenchModel(seminarId, model, state);
		@SuppressWarnings("unchecked")
		List<Group> groups = (List<Group>) model.getAttribute("groups");
		model.addAttribute("g", groups.stream().filter(g -> g.id() == groupId).findFirst()
			.orElseThrow(() -> new NotFoundException("no group " + groupId)));
		return "training/seminar-edit :: group";
	}

	/** What the workbench shows; refused unless the caller runs the classroom's seminars or writes one of its lists. */
	private void workbenchModel(long seminarId, Model model, GroupForm state) {
		var seminar = seminars.get(seminarId);
		boolean canRun = seminars.canRun(seminar.classroomId());
		List<Group> groups = seminars.groups(seminarId);
		Set<Long> writable = groups.stream().map(Group::id).filter(seminars::canWrite).collect(Collectors.toSet());
		if (!canRun && writable.isEmpty()) {
			throw new ForbiddenException("only the classroom's officers, head teachers and group facilitators edit its seminars");
		}
		model.addAttribute("seminar", seminar);
		model.addAttribute("groups", groups);
		model.addAttribute("communities", groups.stream().flatMap(g -> g.items().stream()).map(SeminarService.Item::communityCode)
			.distinct().collect(Collectors.toMap(Function.identity(), classrooms::regionPath)));
		model.addAttribute("canRun", canRun);
		model.addAttribute("writable", writable);
		model.addAttribute("facilitators", canRun ? seminars.facilitatorChoices(seminar.classroomId()) : List.of());
		model.addAttribute("unassigned", canRun ? seminars.unassigned(seminarId) : 0L);
		model.addAttribute("formGroup", state.group());
		model.addAttribute("form", state.values());
		model.addAttribute("errors", state.errors());
	}

	private static Map<String, String> mapOf(String... kv) {
		Map<String, String> m = new LinkedHashMap<>();
		for (int i = 0; i < kv.length; i += 2) {
			m.put(kv[i], kv[i + 1]);
		}
		return m;
	}

	/** A typed value of the form, or null when blank; a field error when it does not parse. */
	private static <T> T parse(Map<String, String> form, String field, Function<String, T> parser,
			Map<String, String> errors) {
		String v = form.get(field);
		if (v == null || v.isBlank()) {
			return null;
		}
		try {
			return parser.apply(v.trim());
		}
		catch (RuntimeException e) {
			errors.put(field, "seminarForms.invalid");
			return null;
		}
	}
}
