package cn.grassroots.training.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.grassroots.training.internal.ClassroomService;
import cn.grassroots.training.internal.CourseType;
import cn.grassroots.training.internal.Delivery;
import cn.grassroots.training.internal.PlanRepository.Plan;
import cn.grassroots.training.internal.PlanRepository.Session;
import cn.grassroots.training.internal.PlanRules;
import cn.grassroots.training.internal.PlanService;
import cn.grassroots.training.internal.PlanStatus;
import cn.grassroots.training.internal.TopicCategory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A classroom's curriculum plan: versions, sessions, rule checks, submission and review. */
@RestController
@RequestMapping("/api/v1/training/classrooms/{id}/plan")
@Tag(name = "training")
class PlanApiController {

	record SessionBody(long id, long lineKey, LocalDate date, LocalTime start, LocalTime end, BigDecimal hours,
			String title, CourseType courseType, Delivery delivery, TopicCategory topic, String lecturer, Long roomId,
			String roomName, Long siteId, String siteName, boolean relayed) {

		static SessionBody of(Session s) {
			return s == null ? null
					: new SessionBody(s.id(), s.lineKey(), s.date(), s.start(), s.end(), s.hours(), s.title(),
							s.courseType(), s.delivery(), s.topic(), s.lecturer(), s.roomId(), s.roomName(), s.siteId(),
							s.siteName(), s.relayed());
		}
	}

	record PlanBody(long id, long classroomId, int version, PlanStatus status, String createdBy, Instant createdAt,
			String submittedBy, Instant submittedAt, String reviewedBy, Instant reviewedAt, String reviewComment,
			BigDecimal totalHours, BigDecimal caseHours, boolean canEdit, boolean canReview, List<SessionBody> sessions) {
	}

	record PlanVersionBody(int version, PlanStatus status, String createdBy, Instant createdAt, String reviewedBy,
			String reviewComment) {
	}

	record RuleBody(String rule, boolean passed, String detail) {
	}

	record ReviewRequest(String comment) {
	}

	record ComparisonBody(long lineKey, String change, SessionBody left, SessionBody right) {
	}

	private final PlanService plans;
	private final ClassroomService classrooms;
	private final MessageSource messages;

	PlanApiController(PlanService plans, ClassroomService classrooms, MessageSource messages) {
		this.plans = plans;
		this.classrooms = classrooms;
		this.messages = messages;
	}

	PlanBody body(long classroomId, Plan p) {
		var c = classrooms.get(classroomId);
		List<Session> sessions = plans.sessions(p);
		BigDecimal total = sessions.stream().map(Session::hours).reduce(BigDecimal.ZERO, BigDecimal::add);
		BigDecimal cases = sessions.stream().filter(s -> s.courseType() == CourseType.CASE).map(Session::hours)
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		return new PlanBody(p.id(), p.classroomId(), p.version(), p.status(), p.createdBy(), p.createdAt(),
				p.submittedBy(), p.submittedAt(), p.reviewedBy(), p.reviewedAt(), p.reviewComment(), total, cases,
				plans.canEdit(c), plans.canReview(c), sessions.stream().map(SessionBody::of).toList());
	}

	@GetMapping
	@Operation(summary = "The classroom's current plan version with its sessions, or the version asked for; 404 when there is none")
	PlanBody get(@PathVariable long id, @RequestParam(required = false) Integer version) {
		return body(id, version == null ? plans.current(id) : plans.version(id, version));
	}

	@GetMapping("/versions")
	List<PlanVersionBody> versions(@PathVariable long id) {
		return plans.versions(id).stream().map(p -> new PlanVersionBody(p.version(), p.status(), p.createdBy(),
				p.createdAt(), p.reviewedBy(), p.reviewComment())).toList();
	}

	@PostMapping("/versions")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Start a new DRAFT version copied from the last (a branch's first version carries the main classroom's live sessions)")
	PlanBody newVersion(@PathVariable long id) {
		return body(id, plans.newVersion(id));
	}

	@PostMapping("/sessions")
	@ResponseStatus(HttpStatus.CREATED)
	SessionBody addSession(@PathVariable long id, @RequestBody SessionApiController.SessionRequest body) {
		return SessionBody.of(plans.addSession(id, body.draft()));
	}

	@PostMapping("/relay")
	@Operation(summary = "Copy the main classroom's live sessions this branch's draft does not carry yet")
	Map<String, Integer> relay(@PathVariable long id) {
		return Map.of("added", plans.relay(id));
	}

	@GetMapping("/check")
	@Operation(summary = "One entry per rule for the current plan: CASE_SHARE, DAY_ORDER, LIVE_RELAY, OBSERVATION_SITES, LECTURER_CLASH, ROOM_CLASH, TOTAL_HOURS")
	List<RuleBody> check(@PathVariable long id) {
		return plans.check(id).stream().map(this::rule).toList();
	}

	RuleBody rule(PlanRules.Result r) {
		return new RuleBody(r.rule(), r.passed(),
				messages.getMessage(r.detailKey(), r.args().toArray(), r.detailKey(), LocaleContextHolder.getLocale()));
	}

	@PostMapping("/submit")
	@Operation(summary = "Submit the current draft for review; 400 with the failing rules while any rule fails")
	PlanBody submit(@PathVariable long id) {
		return body(id, plans.submit(id));
	}

	@PostMapping("/approve")
	@Operation(summary = "The programme's sponsor approves the submitted version")
	PlanBody approve(@PathVariable long id, @RequestBody ReviewRequest body) {
		return body(id, plans.review(id, true, body.comment()));
	}

	@PostMapping("/return")
	@Operation(summary = "The programme's sponsor returns the submitted version with a comment")
	PlanBody returnPlan(@PathVariable long id, @RequestBody ReviewRequest body) {
		return body(id, plans.review(id, false, body.comment()));
	}

	@GetMapping("/compare")
	@Operation(summary = "Two versions side by side, matched session by session: ADDED, REMOVED, CHANGED, UNCHANGED")
	List<ComparisonBody> compare(@PathVariable long id, @RequestParam int left, @RequestParam int right) {
		return plans.compare(id, left, right).stream()
			.map(c -> new ComparisonBody(c.lineKey(), c.change(), SessionBody.of(c.left()), SessionBody.of(c.right())))
			.toList();
	}
}
