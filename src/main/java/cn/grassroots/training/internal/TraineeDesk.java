package cn.grassroots.training.internal;

import static cn.grassroots.training.internal.Checks.mapOf;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.Sql;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.training.internal.PlanRepository.Session;

/**
 * What a trainee sees of their own training on the phone: their classrooms, the timetable of each
 * (relayed live sessions included) with their own attendance, their tests with answers saved as
 * they go, their record and certificates. Every read is bound to the caller's own person id in SQL.
 */
@Service
public class TraineeDesk {

	/** One of the caller's confirmed enrolments. */
	public record MyClassroom(long enrolmentId, long programmeId, String programmeName, long classroomId,
			String classroomName, String hostName, LocalDate startDate, LocalDate endDate, String groupName) {
	}

	/** A session of the timetable with the caller's own attendance (null when not marked). */
	public record MySession(Session session, AttendanceStatus status) {

		public boolean today() {
			return session.date().equals(LocalDate.now(AttendanceService.ZONE));
		}
	}

	/** A test of one of the caller's programmes and where the caller stands with it. */
	public record MyTest(long id, String title, TestKind kind, String programmeName, Instant opensAt, Instant closesAt,
			Long submissionId, BigDecimal score, BigDecimal maxScore, boolean fullyMarked) {

		public boolean open() {
			Instant now = Instant.now();
			return !now.isBefore(opensAt) && !now.isAfter(closesAt);
		}

		public boolean submitted() {
			return submissionId != null;
		}

		public String opensText() {
			return LOCAL.format(opensAt);
		}

		public String closesText() {
			return LOCAL.format(closesAt);
		}

		private static final java.time.format.DateTimeFormatter LOCAL = java.time.format.DateTimeFormatter
			.ofPattern("MM-dd HH:mm").withZone(AttendanceService.ZONE);
	}

	/** The caller's record in one programme. */
	public record MyRecord(MyClassroom classroom, AttendanceService.TraineeAttendance attendance, List<MyTest> tests,
			Long certificateId, String certificateCode) {
	}

	private final JdbcClient jdbc;
	private final TrainingAccess access;
	private final PlanRepository plans;
	private final ExamService exams;
	private final AuditLog audit;

	TraineeDesk(JdbcClient jdbc, TrainingAccess access, PlanRepository plans, ExamService exams, AuditLog audit) {
		this.jdbc = jdbc;
		this.access = access;
		this.plans = plans;
		this.exams = exams;
		this.audit = audit;
	}

	/** Whether the caller is a confirmed trainee of any programme (for the navigation). */
	public boolean enrolledAnywhere() {
		return jdbc.sql("SELECT COUNT(*) FROM training_enrolment WHERE person_id = :me AND status = 'CONFIRMED'")
			.param("me", access.me()).query(Long.class).single() > 0;
	}

	public List<MyClassroom> classrooms() {
		return jdbc.sql("""
				SELECT e.id, p.id AS programme_id, p.name AS programme_name, c.id AS classroom_id, c.name AS classroom_name,
				    c.host_name, p.start_date, p.end_date, g.name AS group_name
				FROM training_enrolment e JOIN training_classroom c ON c.id = e.classroom_id
				JOIN training_programme p ON p.id = e.programme_id
				LEFT JOIN training_study_group g ON g.id = e.group_id
				WHERE e.person_id = :me AND e.status = 'CONFIRMED'
				ORDER BY p.start_date DESC, p.id DESC""")
			.param("me", access.me())
			.query((rs, n) -> new MyClassroom(rs.getLong("id"), rs.getLong("programme_id"), rs.getString("programme_name"),
					rs.getLong("classroom_id"), rs.getString("classroom_name"), rs.getString("host_name"),
					Sql.date(rs, "start_date"), Sql.date(rs, "end_date"), rs.getString("group_name")))
			.list();
	}

	/** The caller's enrolment in the classroom, or 403. */
	public MyClassroom classroom(long classroomId) {
		return classrooms().stream().filter(c -> c.classroomId() == classroomId).findFirst()
			.orElseThrow(() -> new ForbiddenException("you are not a trainee of this classroom"));
	}

	/** The classroom's current plan, day by day, with the caller's attendance per session. */
	public List<MySession> timetable(long classroomId) {
		classroom(classroomId);
		var plan = plans.current(classroomId);
		if (plan.isEmpty()) {
			return List.of();
		}
		Map<Long, AttendanceStatus> mine = new HashMap<>();
		jdbc.sql("""
				SELECT a.session_id, a.status FROM training_attendance a JOIN training_session s ON s.id = a.session_id
				WHERE s.plan_id = :plan AND a.person_id = :me""")
			.param("plan", plan.get().id()).param("me", access.me())
			.query((rs, n) -> mine.put(rs.getLong(1), AttendanceStatus.valueOf(rs.getString(2)))).list();
		return plans.sessions(plan.get().id()).stream().map(s -> new MySession(s, mine.get(s.id()))).toList();
	}

	/** The timetable grouped by day, in order. */
	public Map<LocalDate, List<MySession>> byDay(List<MySession> sessions) {
		Map<LocalDate, List<MySession>> days = new LinkedHashMap<>();
		sessions.forEach(s -> days.computeIfAbsent(s.session().date(), d -> new ArrayList<>()).add(s));
		return days;
	}

	/** The tests of the caller's programmes, with the caller's result where they took one. */
	public List<MyTest> tests() {
		return jdbc.sql("""
				SELECT t.id, t.title, t.kind, p.name AS programme_name, t.opens_at, t.closes_at, s.id AS submission_id,
				    (SELECT COALESCE(SUM(a.mark), 0) FROM training_answer a WHERE a.submission_id = s.id) AS score,
				    (SELECT SUM(q.max_mark) FROM training_test_question tq JOIN training_question q ON q.id = tq.question_id
				     WHERE tq.test_id = t.id) AS max_score,
				    (SELECT COUNT(*) FROM training_answer a WHERE a.submission_id = s.id AND a.mark IS NULL) AS unmarked
				FROM training_test t JOIN training_programme p ON p.id = t.programme_id
				JOIN training_enrolment e ON e.programme_id = p.id AND e.person_id = :me AND e.status = 'CONFIRMED'
				LEFT JOIN training_submission s ON s.test_id = t.id AND s.person_id = :me
				ORDER BY t.opens_at DESC, t.id DESC""")
			.param("me", access.me())
			.query((rs, n) -> {
				long submission = rs.getLong("submission_id");
				boolean none = rs.wasNull();
				return new MyTest(rs.getLong("id"), rs.getString("title"), TestKind.valueOf(rs.getString("kind")),
						rs.getString("programme_name"), Sql.instant(rs, "opens_at"), Sql.instant(rs, "closes_at"),
						none ? null : submission, none ? null : rs.getBigDecimal("score"), rs.getBigDecimal("max_score"),
						!none && rs.getLong("unmarked") == 0);
			})
			.list();
	}

	/** One of the caller's tests, or 403 when it is not of a programme they are a trainee of. */
	public MyTest test(long testId) {
		return tests().stream().filter(t -> t.id() == testId).findFirst()
			.orElseThrow(() -> jdbc.sql("SELECT COUNT(*) FROM training_test WHERE id = :id").param("id", testId)
				.query(Long.class).single() == 0 ? new NotFoundException("no test " + testId)
						: new ForbiddenException("you are not a trainee of this test's programme"));
	}

	/** The paper of one of the caller's tests, without the answers. */
	public List<ExamService.Question> questions(long testId) {
		test(testId);
		return exams.paper(testId).questions().stream()
			.map(q -> new ExamService.Question(q.id(), q.programmeId(), q.kind(), q.stem(), q.options(), null, q.topic(),
					q.maxMark()))
			.toList();
	}

	/** The caller's saved answers to a test not yet submitted, by question. */
	public Map<Long, String> drafts(long testId) {
		Map<Long, String> out = new HashMap<>();
		jdbc.sql("SELECT question_id, response FROM training_answer_draft WHERE test_id = :t AND person_id = :me")
			.param("t", testId).param("me", access.me())
			.query((rs, n) -> out.put(rs.getLong(1), rs.getString(2))).list();
		return out;
	}

	/** Keeps one answer while the test is open and not yet submitted. */
	@Transactional
	public void saveDraft(long testId, Long questionId, String response) {
		MyTest t = test(testId);
		if (!t.open()) {
			throw new ConflictException("the test is not open now");
		}
		if (t.submitted()) {
			throw new ConflictException("you have already taken this test");
		}
		if (questionId == null || !exams.questionIds(testId).contains(questionId)) {
			throw InvalidInputException.of("questionId", "training.test.notInTest");
		}
		if (response != null && response.length() > 2000) {
			throw InvalidInputException.of("response", "validation.tooLong");
		}
		long me = access.me();
		String before = jdbc.sql("SELECT response FROM training_answer_draft WHERE test_id = :t AND person_id = :me"
				+ " AND question_id = :q").param("t", testId).param("me", me).param("q", questionId).query(String.class)
			.optional().orElse(null);
		jdbc.sql("DELETE FROM training_answer_draft WHERE test_id = :t AND person_id = :me AND question_id = :q")
			.param("t", testId).param("me", me).param("q", questionId).update();
		jdbc.sql("INSERT INTO training_answer_draft (test_id, person_id, question_id, response, saved_at)"
				+ " VALUES (:t, :me, :q, :r, :now)")
			.param("t", testId).param("me", me).param("q", questionId).param("r", response).param("now", Sql.now()).update();
		audit.action("TRAINING_ANSWER_SAVE").target("training_test", testId)
			.before(mapOf("questionId", questionId, "response", before))
			.after(mapOf("questionId", questionId, "response", response)).record();
	}

	/** Submits the caller's answers once (choice questions marked at once) and drops the drafts. */
	@Transactional
	public ExamService.Result submit(long testId, Map<Long, String> answers) {
		test(testId);
		List<ExamService.Answer> list = new ArrayList<>();
		answers.forEach((q, r) -> list.add(new ExamService.Answer(q, r == null || r.isBlank() ? null : r)));
		ExamService.Result result = exams.submit(testId, list);
		jdbc.sql("DELETE FROM training_answer_draft WHERE test_id = :t AND person_id = :me").param("t", testId)
			.param("me", access.me()).update();
		audit.action("TRAINING_TEST_SUBMIT").target("training_submission", result.submissionId())
			.after(mapOf("testId", testId, "score", result.score().toPlainString(), "fullyMarked", result.fullyMarked()))
			.record();
		return result;
	}

	/** The caller's certificates: id and code by programme. */
	public Map<Long, Object[]> certificates() {
		Map<Long, Object[]> out = new HashMap<>();
		jdbc.sql("SELECT programme_id, id, code FROM training_certificate WHERE person_id = :me").param("me", access.me())
			.query((rs, n) -> out.put(rs.getLong(1), new Object[] { rs.getLong(2), rs.getString(3) })).list();
		return out;
	}

	/** The caller's own hours over a classroom's current plan: attended, missed, share, the 1/7 flag. */
	public AttendanceService.TraineeAttendance attendance(long classroomId) {
		classroom(classroomId);
		var plan = plans.current(classroomId);
		if (plan.isEmpty()) {
			return AttendanceService.attendance(access.me(), "", BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
		}
		return jdbc.sql("""
				SELECT COALESCE(SUM(CASE WHEN a.status IN ('PRESENT', 'LATE') THEN s.hours END), 0) AS attended,
				    COALESCE(SUM(CASE WHEN a.status IN ('EXCUSED', 'ABSENT') THEN s.hours END), 0) AS missed,
				    (SELECT COALESCE(SUM(hours), 0) FROM training_session WHERE plan_id = :plan) AS plan_hours
				FROM training_session s LEFT JOIN training_attendance a ON a.session_id = s.id AND a.person_id = :me
				WHERE s.plan_id = :plan""")
			.param("plan", plan.get().id()).param("me", access.me())
			.query((rs, n) -> AttendanceService.attendance(access.me(), "", rs.getBigDecimal("attended"),
					rs.getBigDecimal("missed"), rs.getBigDecimal("plan_hours")))
			.single();
	}

	/** The caller's record: every programme with hours, tests and certificate. */
	public List<MyRecord> record() {
		List<MyTest> tests = tests();
		Map<Long, Object[]> certificates = certificates();
		return classrooms().stream().map(c -> {
			Object[] cert = certificates.get(c.programmeId());
			return new MyRecord(c, attendance(c.classroomId()),
					tests.stream().filter(t -> t.programmeName().equals(c.programmeName())).toList(),
					cert == null ? null : (Long) cert[0], cert == null ? null : (String) cert[1]);
		}).toList();
	}
}
