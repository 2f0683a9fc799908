package cn.grassroots.training.internal;

import static cn.grassroots.training.internal.Checks.mapOf;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.InvalidInputException.FieldError;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.training.internal.ClassroomRepository.Classroom;
import cn.grassroots.training.internal.PlanRepository.Plan;
import cn.grassroots.training.internal.PlanRepository.Session;
import cn.grassroots.training.internal.PlanRepository.SessionRow;
import cn.grassroots.training.internal.ProgrammeRepository.Programme;

/**
 * A classroom's curriculum plan under provincial review (前置审核). The classroom's managers and its
 * head teacher edit the current DRAFT version; the rules are checked on demand and before
 * submission; the programme's sponsor approves or returns it with comments. Every version is kept;
 * changing a submitted, approved or returned plan starts a new version copied from the last.
 * A branch classroom's first version carries the main classroom's live sessions (live relay).
 */
@Service
public class PlanService {

	/** What is typed for a session. */
	public record SessionDraft(LocalDate date, LocalTime start, LocalTime end, BigDecimal hours, String title,
			CourseType courseType, Delivery delivery, TopicCategory topic, String lecturer, Long roomId, Long siteId) {
	}

	/** A line of a side-by-side comparison: the same session (by line) in two versions. */
	public record Comparison(long lineKey, String change, Session left, Session right) {
	}

	private final PlanRepository plans;
	private final ClassroomService classrooms;
	private final ClassroomRepository classroomRows;
	private final ProgrammeRepository programmeRows;
	private final SiteService sites;
	private final TrainingAccess access;
	private final CurrentUser user;
	private final AuditLog audit;

	PlanService(PlanRepository plans, ClassroomService classrooms, ClassroomRepository classroomRows,
			ProgrammeRepository programmeRows, SiteService sites, TrainingAccess access,
			CurrentUser user, AuditLog audit) {
		this.plans = plans;
		this.classrooms = classrooms;
		this.classroomRows = classroomRows;
		this.programmeRows = programmeRows;
		this.sites = sites;
		this.access = access;
		this.user = user;
		this.audit = audit;
	}

	// ------------------------------------------------------------------ reading

	public Plan current(long classroomId) {
		classrooms.get(classroomId);
		return plans.current(classroomId).orElseThrow(() -> new NotFoundException("classroom " + classroomId + " has no plan"));
	}

	public Plan version(long classroomId, int version) {
		classrooms.get(classroomId);
		return plans.version(classroomId, version)
			.orElseThrow(() -> new NotFoundException("classroom " + classroomId + " has no plan version " + version));
	}

	/** The current plan of a classroom the caller already holds (from a scoped read), if any. */
	public java.util.Optional<Plan> currentOf(Classroom c) {
		return plans.current(c.id());
	}

	public List<Plan> versions(long classroomId) {
		classrooms.get(classroomId);
		return plans.versions(classroomId);
	}

	public List<Session> sessions(Plan plan) {
		return plans.sessions(plan.id());
	}

	public boolean canEdit(Classroom c) {
		return classrooms.canManage(c) || classroomRows.hasStaff(c.id(), access.me(), StaffRole.HEAD_TEACHER);
	}

	public boolean canReview(Classroom c) {
		return access.manageScope().reachesRegion(c.sponsorRegionCode());
	}

	/** The rules over the classroom's current plan, one result per rule. */
	public List<PlanRules.Result> check(long classroomId) {
		Classroom c = classrooms.get(classroomId);
		Plan plan = plans.current(classroomId)
			.orElseThrow(() -> new NotFoundException("classroom " + classroomId + " has no plan"));
		return check(c, plan);
	}

	private List<PlanRules.Result> check(Classroom c, Plan plan) {
		Programme p = programmeRows.find(c.programmeId()).orElseThrow();
		List<Session> mainLive = null;
		if (c.kind() == ClassroomKind.BRANCH) {
			mainLive = plans.mainPlan(c.programmeId()).map(m -> liveOnly(plans.sessions(m.id()))).orElse(null);
		}
		return PlanRules.check(new PlanRules.Context(p.settings(), p.requiredHours(), c.kind(), plans.sessions(plan.id()),
				mainLive, plans.lecturerClashes(plan.id(), c.id()), plans.roomClashes(plan.id())));
	}

	private static List<Session> liveOnly(List<Session> sessions) {
		return sessions.stream().filter(s -> s.delivery() == Delivery.LIVE_RELAY).toList();
	}

	/** A classroom's current plan and the rules' results over it. */
	public record CurrentCheck(Plan plan, List<PlanRules.Result> results) {

		public int failed() {
			return (int) results.stream().filter(r -> !r.passed()).count();
		}
	}

	/**
	 * The rules over the current plans of these classrooms of one programme, which the caller already
	 * holds from a scoped read, by classroom id (classrooms without a plan are left out). The same
	 * results as {@link #check(long)} for each, from five set-based reads for them all (main plan,
	 * current plans, their sessions, lecturer and room clashes) evaluated in memory: for dashboards.
	 */
	public Map<Long, CurrentCheck> checkCurrent(Programme p, List<Classroom> list) {
		Map<Long, CurrentCheck> out = new LinkedHashMap<>();
		if (list.isEmpty()) {
			return out;
		}
		Map<Long, Plan> current = plans.currentPlans(list.stream().map(Classroom::id).toList());
		if (current.isEmpty()) {
			return out;
		}
		boolean branches = list.stream().anyMatch(c -> c.kind() == ClassroomKind.BRANCH && current.containsKey(c.id()));
		Optional<Plan> main = branches ? plans.mainPlan(p.id()) : Optional.empty();
		List<Long> planIds = current.values().stream().map(Plan::id).toList();
		java.util.Set<Long> read = new java.util.LinkedHashSet<>(planIds);
		main.ifPresent(m -> read.add(m.id()));
		Map<Long, List<Session>> sessions = plans.sessionsOf(read);
		Map<Long, List<PlanRepository.Clash>> lecturers = plans.lecturerClashesOf(planIds);
		Map<Long, List<PlanRepository.Clash>> rooms = plans.roomClashesOf(planIds);
		List<Session> mainLive = main.map(m -> liveOnly(sessions.getOrDefault(m.id(), List.of()))).orElse(null);
		for (Classroom c : list) {
			Plan plan = current.get(c.id());
			if (plan == null) {
				continue;
			}
			var context = new PlanRules.Context(p.settings(), p.requiredHours(), c.kind(),
					sessions.getOrDefault(plan.id(), List.of()), c.kind() == ClassroomKind.BRANCH ? mainLive : null,
					lecturers.getOrDefault(plan.id(), List.of()), rooms.getOrDefault(plan.id(), List.of()));
			out.put(c.id(), new CurrentCheck(plan, PlanRules.check(context)));
		}
		return out;
	}

	/** Two versions side by side, matched by line: added, removed, changed or unchanged sessions. */
	public List<Comparison> compare(long classroomId, int left, int right) {
		Plan l = version(classroomId, left);
		Plan r = version(classroomId, right);
		Map<Long, Session> lefts = new LinkedHashMap<>();
		plans.sessions(l.id()).forEach(s -> lefts.put(s.lineKey(), s));
		Map<Long, Session> rights = new LinkedHashMap<>();
		plans.sessions(r.id()).forEach(s -> rights.put(s.lineKey(), s));
		List<Comparison> rows = new ArrayList<>();
		for (Session a : lefts.values()) {
			Session b = rights.get(a.lineKey());
			rows.add(new Comparison(a.lineKey(), b == null ? "REMOVED" : sameContent(a, b) ? "UNCHANGED" : "CHANGED", a, b));
		}
		for (Session b : rights.values()) {
			if (!lefts.containsKey(b.lineKey())) {
				rows.add(new Comparison(b.lineKey(), "ADDED", null, b));
			}
		}
		rows.sort((x, y) -> {
			Session a = x.right() != null ? x.right() : x.left();
			Session b = y.right() != null ? y.right() : y.left();
			int d = a.date().compareTo(b.date());
			return d != 0 ? d : a.start().compareTo(b.start());
		});
		return rows;
	}

	static boolean sameContent(Session a, Session b) {
		return a.date().equals(b.date()) && a.start().equals(b.start()) && a.end().equals(b.end())
				&& a.hours().compareTo(b.hours()) == 0 && a.title().equals(b.title()) && a.courseType() == b.courseType()
				&& a.delivery() == b.delivery() && a.topic() == b.topic() && Objects.equals(a.lecturer(), b.lecturer())
				&& Objects.equals(a.roomId(), b.roomId()) && Objects.equals(a.siteId(), b.siteId())
				&& a.relayed() == b.relayed();
	}

	// ------------------------------------------------------------------ writing

	private Classroom requireEditable(long classroomId) {
		Classroom c = classrooms.get(classroomId);
		if (!canEdit(c)) {
			throw new ForbiddenException("you may not edit this classroom's plan");
		}
		plans.lockClassroom(classroomId);
		return c;
	}

	private Plan requireDraft(long classroomId) {
		Plan plan = plans.current(classroomId)
			.orElseThrow(() -> new NotFoundException("classroom " + classroomId + " has no plan"));
		if (plan.status() != PlanStatus.DRAFT) {
			throw new ConflictException("plan version " + plan.version() + " is " + plan.status() + "; start a new version to change it");
		}
		return plan;
	}

	/** Starts a new DRAFT version: a copy of the last one, or for a first plan the main classroom's live sessions. */
	@Transactional
	public Plan newVersion(long classroomId) {
		Classroom c = requireEditable(classroomId);
		var last = plans.current(classroomId);
		if (last.isPresent() && (last.get().status() == PlanStatus.DRAFT || last.get().status() == PlanStatus.SUBMITTED)) {
			throw new ConflictException("plan version " + last.get().version() + " is still " + last.get().status());
		}
		int version = last.map(p -> p.version() + 1).orElse(1);
		long id = plans.insertPlan(classroomId, version, user.username());
		int relayed = 0;
		if (last.isPresent()) {
			plans.copySessions(last.get().id(), id);
		}
		else if (c.kind() == ClassroomKind.BRANCH) {
			relayed = mirror(c, id);
		}
		audit.action("TRAINING_PLAN_VERSION").target("training_classroom", classroomId).region(c.regionCode())
			.after(mapOf("planId", id, "version", version, "copiedFrom", last.map(Plan::version).orElse(null),
					"relayedSessions", relayed))
			.record();
		return plans.version(classroomId, version).orElseThrow();
	}

	/** Adds the main classroom's live sessions the branch's draft does not carry yet; returns how many. */
	@Transactional
	public int relay(long classroomId) {
		Classroom c = requireEditable(classroomId);
		if (c.kind() != ClassroomKind.BRANCH) {
			throw InvalidInputException.of("classroomId", "training.plan.relayBranchOnly");
		}
		Plan plan = requireDraft(classroomId);
		int added = mirror(c, plan.id());
		audit.action("TRAINING_PLAN_RELAY").target("training_classroom", classroomId).region(c.regionCode())
			.after(mapOf("planId", plan.id(), "added", added)).record();
		return added;
	}

	private int mirror(Classroom c, long planId) {
		var main = plans.mainPlan(c.programmeId());
		if (main.isEmpty()) {
			return 0;
		}
		List<Session> have = plans.sessions(planId);
		int added = 0;
		for (Session live : plans.sessions(main.get().id())) {
			if (live.delivery() != Delivery.LIVE_RELAY
					|| have.stream().anyMatch(s -> s.delivery() == Delivery.LIVE_RELAY && s.sameSlotAndTitle(live))) {
				continue;
			}
			plans.insertSession(planId, new SessionRow(live.date(), live.start(), live.end(), live.hours(), live.title(),
					live.courseType(), Delivery.LIVE_RELAY, live.topic(), live.lecturer(), null, null, true));
			added++;
		}
		return added;
	}

	@Transactional
	public Session addSession(long classroomId, SessionDraft d) {
		Classroom c = requireEditable(classroomId);
		Plan plan = requireDraft(classroomId);
		SessionRow row = checkSession(c, d);
		long id = plans.insertSession(plan.id(), row);
		audit.action("TRAINING_SESSION_CREATE").target("training_classroom", classroomId).region(c.regionCode())
			.after(snapshot(plans.session(id).orElseThrow())).record();
		return plans.session(id).orElseThrow();
	}

	@Transactional
	public Session updateSession(long sessionId, SessionDraft d) {
		Session before = plans.session(sessionId).orElseThrow(() -> new NotFoundException("no session " + sessionId));
		long classroomId = classroomOf(before);
		Classroom c = requireEditable(classroomId);
		Plan plan = requireDraft(classroomId);
		if (plan.id() != before.planId()) {
			throw new ConflictException("session " + sessionId + " belongs to an earlier plan version");
		}
		SessionRow row = checkSession(c, d);
		plans.updateSession(sessionId, new SessionRow(row.date(), row.start(), row.end(), row.hours(), row.title(),
				row.courseType(), row.delivery(), row.topic(), row.lecturer(), row.roomId(), row.siteId(),
				before.relayed() && row.delivery() == Delivery.LIVE_RELAY));
		Session after = plans.session(sessionId).orElseThrow();
		audit.action("TRAINING_SESSION_UPDATE").target("training_classroom", classroomId).region(c.regionCode())
			.before(snapshot(before)).after(snapshot(after)).record();
		return after;
	}

	@Transactional
	public void deleteSession(long sessionId) {
		Session before = plans.session(sessionId).orElseThrow(() -> new NotFoundException("no session " + sessionId));
		long classroomId = classroomOf(before);
		Classroom c = requireEditable(classroomId);
		Plan plan = requireDraft(classroomId);
		if (plan.id() != before.planId()) {
			throw new ConflictException("session " + sessionId + " belongs to an earlier plan version");
		}
		plans.deleteSession(sessionId);
		audit.action("TRAINING_SESSION_DELETE").target("training_classroom", classroomId).region(c.regionCode())
			.before(snapshot(before)).record();
	}

	/** The classroom a session's plan belongs to. */
	public long classroomOf(Session s) {
		return plans.classroomOfPlan(s.planId());
	}

	/** Submits the current draft; refused while any rule fails. */
	@Transactional
	public Plan submit(long classroomId) {
		Classroom c = requireEditable(classroomId);
		Plan plan = requireDraft(classroomId);
		List<PlanRules.Result> results = check(c, plan);
		List<FieldError> failing = results.stream().filter(r -> !r.passed())
			.map(r -> new FieldError("rules", r.rule())).toList();
		if (!failing.isEmpty()) {
			throw new InvalidInputException(failing);
		}
		if (!plans.setStatus(plan.id(), PlanStatus.DRAFT, PlanStatus.SUBMITTED, user.username(), null)) {
			throw new ConflictException("the plan changed meanwhile");
		}
		audit.action("TRAINING_PLAN_SUBMIT").target("training_classroom", classroomId).region(c.regionCode())
			.before(mapOf("version", plan.version(), "status", plan.status().name()))
			.after(mapOf("version", plan.version(), "status", PlanStatus.SUBMITTED.name())).record();
		return plans.current(classroomId).orElseThrow();
	}

	/** The sponsor approves (comment optional) or returns (comment required) the submitted version. */
	@Transactional
	public Plan review(long classroomId, boolean approve, String comment) {
		Classroom c = classrooms.get(classroomId);
		if (!canReview(c)) {
			throw new ForbiddenException("only the programme's sponsor reviews plans");
		}
		plans.lockClassroom(classroomId);
		Plan plan = plans.current(classroomId)
			.orElseThrow(() -> new NotFoundException("classroom " + classroomId + " has no plan"));
		List<FieldError> errors = new ArrayList<>();
		String text = Checks.text(comment, "comment", !approve, 2000, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		if (plan.status() != PlanStatus.SUBMITTED) {
			throw new ConflictException("plan version " + plan.version() + " is " + plan.status() + ", not SUBMITTED");
		}
		PlanStatus next = approve ? PlanStatus.APPROVED : PlanStatus.RETURNED;
		if (!plans.setStatus(plan.id(), PlanStatus.SUBMITTED, next, user.username(), text)) {
			throw new ConflictException("the plan changed meanwhile");
		}
		audit.action(approve ? "TRAINING_PLAN_APPROVE" : "TRAINING_PLAN_RETURN").target("training_classroom", classroomId)
			.region(c.regionCode())
			.before(mapOf("version", plan.version(), "status", plan.status().name()))
			.after(mapOf("version", plan.version(), "status", next.name(), "comment", text)).record();
		return plans.current(classroomId).orElseThrow();
	}

	private SessionRow checkSession(Classroom c, SessionDraft d) {
		Programme p = programmeRows.find(c.programmeId()).orElseThrow();
		List<FieldError> errors = new ArrayList<>();
		Checks.required(d.date(), "date", errors);
		if (d.date() != null && (d.date().isBefore(p.startDate()) || d.date().isAfter(p.endDate()))) {
			errors.add(new FieldError("date", "training.session.outsideProgramme"));
		}
		Checks.required(d.start(), "start", errors);
		Checks.required(d.end(), "end", errors);
		if (d.start() != null && d.end() != null && !d.start().isBefore(d.end())) {
			errors.add(new FieldError("end", "training.session.endBeforeStart"));
		}
		Checks.decimal(d.hours(), "hours", new BigDecimal("0.5"), new BigDecimal("12"), 1, errors);
		String title = Checks.text(d.title(), "title", true, 200, errors);
		Checks.required(d.courseType(), "courseType", errors);
		Checks.required(d.delivery(), "delivery", errors);
		String lecturer = Checks.text(d.lecturer(), "lecturer", false, 100, errors);
		if (d.roomId() != null && classroomRows.rooms(c.id()).stream().noneMatch(r -> r.id() == d.roomId())) {
			errors.add(new FieldError("roomId", "training.session.roomNotHere"));
		}
		if (d.siteId() != null && sites.find(d.siteId()).isEmpty()) {
			errors.add(new FieldError("siteId", "training.session.siteNotFound"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		return new SessionRow(d.date(), d.start(), d.end(), d.hours(), title, d.courseType(), d.delivery(), d.topic(),
				lecturer, d.roomId(), d.siteId(), false);
	}

	static Map<String, Object> snapshot(Session s) {
		return mapOf("sessionId", s.id(), "planId", s.planId(), "date", String.valueOf(s.date()), "start",
				String.valueOf(s.start()), "end", String.valueOf(s.end()), "hours", s.hours().toPlainString(), "title",
				s.title(), "courseType", s.courseType().name(), "delivery", s.delivery().name(), "topic",
				s.topic() == null ? null : s.topic().name(), "lecturer", s.lecturer(), "roomId", s.roomId(), "siteId",
				s.siteId(), "relayed", s.relayed());
	}
}
