package cn.grassroots.training.internal;

import static cn.grassroots.training.internal.Checks.mapOf;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.InvalidInputException.FieldError;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.Sql;
import cn.grassroots.platform.audit.AuditLog;

/**
 * 评教: a trainee rates a session they attended (present or late) on four 1–5 scales — content,
 * teaching method, usefulness for their work and the lecturer — with an optional comment, once per
 * session. Results are means per lecturer, course type and classroom over the classrooms the
 * caller sees as an officer or staff member; they are shown where lecturers and cases are chosen.
 */
@Service
public class EvaluationService {

	/** What a trainee sends. */
	public record Draft(Integer content, Integer method, Integer usefulness, Integer lecturer, String comment) {
	}

	public record Evaluation(long id, long sessionId, Long lecturerId, CourseType courseType, int content, int method,
			int usefulness, int lecturer, String comment) {
	}

	/** A session of the caller's timetable they may still rate (attended, not yet rated) or have rated. */
	public record Ratable(long sessionId, long classroomId, LocalDate date, String title, CourseType courseType,
			String lecturer, boolean rated) {
	}

	/** Means (1–5) over a group of evaluations. */
	public record Result(String key, String label, long ratings, BigDecimal content, BigDecimal method,
			BigDecimal usefulness, BigDecimal lecturer, BigDecimal overall) {
	}

	public enum By {
		LECTURER, COURSE_TYPE, CLASSROOM
	}

	private final JdbcClient jdbc;
	private final TrainingAccess access;
	private final ProgrammeService programmes;
	private final AuditLog audit;

	EvaluationService(JdbcClient jdbc, TrainingAccess access, ProgrammeService programmes, AuditLog audit) {
		this.jdbc = jdbc;
		this.access = access;
		this.programmes = programmes;
		this.audit = audit;
	}

	private static final String RATABLE = """
			SELECT s.id, pl.classroom_id, s.session_date, s.title, s.course_type, s.lecturer,
			    (SELECT COUNT(*) FROM training_evaluation e WHERE e.session_id = s.id AND e.person_id = :me) AS rated
			FROM training_attendance a
			JOIN training_session s ON s.id = a.session_id
			JOIN training_plan pl ON pl.id = s.plan_id
			WHERE a.person_id = :me AND a.status IN ('PRESENT', 'LATE')""";

	private static Ratable ratable(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Ratable(rs.getLong("id"), rs.getLong("classroom_id"), Sql.date(rs, "session_date"), rs.getString("title"),
				CourseType.valueOf(rs.getString("course_type")), rs.getString("lecturer"), rs.getLong("rated") > 0);
	}

	/** The caller's attended sessions of current plans, with whether each is rated, newest first. */
	public List<Ratable> mine() {
		return jdbc.sql(RATABLE + " ORDER BY s.session_date DESC, s.start_time DESC, s.id LIMIT 200")
			.param("me", access.me())
			.query(EvaluationService::ratable)
			.list();
	}

	/** One session the caller attended (bound to the caller's person id in SQL), or empty for any other session. */
	public Optional<Ratable> mine(long sessionId) {
		return jdbc.sql(RATABLE + " AND s.id = :s").param("me", access.me()).param("s", sessionId)
			.query(EvaluationService::ratable).optional();
	}

	/** The caller's own rating of a session, if they gave one. */
	public Optional<Evaluation> myRating(long sessionId) {
		return jdbc.sql("""
				SELECT id, session_id, lecturer_id, course_type, content_score, method_score, usefulness_score, lecturer_score,
				    remark
				FROM training_evaluation WHERE session_id = :s AND person_id = :me""")
			.param("s", sessionId).param("me", access.me())
			.query((rs, n) -> new Evaluation(rs.getLong("id"), rs.getLong("session_id"), Sql.nullableLong(rs, "lecturer_id"),
					CourseType.valueOf(rs.getString("course_type")), rs.getInt("content_score"), rs.getInt("method_score"),
					rs.getInt("usefulness_score"), rs.getInt("lecturer_score"), rs.getString("remark")))
			.optional();
	}

	/** Rates a session: the caller must be enrolled in its classroom and have attended it; once only (409 after). */
	@Transactional
	public Evaluation rate(long sessionId, Draft d) {
		record S(long classroomId, long regionCode, Long lecturerId, CourseType courseType) {
		}
		S s = jdbc.sql("""
				SELECT pl.classroom_id, c.region_code, s.lecturer_id, s.course_type FROM training_session s
				JOIN training_plan pl ON pl.id = s.plan_id JOIN training_classroom c ON c.id = pl.classroom_id
				WHERE s.id = :s""")
			.param("s", sessionId)
			.query((rs, n) -> new S(rs.getLong("classroom_id"), rs.getLong("region_code"), Sql.nullableLong(rs, "lecturer_id"),
					CourseType.valueOf(rs.getString("course_type"))))
			.optional().orElseThrow(() -> new NotFoundException("no session " + sessionId));
		long me = access.me();
		boolean enrolled = jdbc.sql("""
				SELECT COUNT(*) FROM training_enrolment WHERE classroom_id = :c AND person_id = :me AND status = 'CONFIRMED'""")
			.param("c", s.classroomId()).param("me", me).query(Long.class).single() > 0;
		if (!enrolled) {
			throw new ForbiddenException("only the classroom's trainees rate its sessions");
		}
		List<FieldError> errors = new ArrayList<>();
		int content = Checks.range(d.content(), "content", 1, 5, errors);
		int method = Checks.range(d.method(), "method", 1, 5, errors);
		int usefulness = Checks.range(d.usefulness(), "usefulness", 1, 5, errors);
		int lecturer = Checks.range(d.lecturer(), "lecturer", 1, 5, errors);
		String comment = Checks.text(d.comment(), "comment", false, 1000, errors);
		boolean attended = jdbc.sql("""
				SELECT COUNT(*) FROM training_attendance WHERE session_id = :s AND person_id = :me AND status IN ('PRESENT', 'LATE')""")
			.param("s", sessionId).param("me", me).query(Long.class).single() > 0;
		if (!attended) {
			errors.add(new FieldError("sessionId", "training.evaluation.notAttended"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		if (jdbc.sql("SELECT COUNT(*) FROM training_evaluation WHERE session_id = :s AND person_id = :me").param("s", sessionId)
			.param("me", me).query(Long.class).single() > 0) {
			throw new ConflictException("you have rated this session already");
		}
		long id;
		try {
			id = Sql.insert(jdbc.sql("""
					INSERT INTO training_evaluation (session_id, classroom_id, person_id, lecturer_id, course_type, content_score,
					    method_score, usefulness_score, lecturer_score, remark, created_at)
					VALUES (:s, :c, :me, :l, :t, :content, :method, :usefulness, :lecturer, :remark, :now)""")
				.param("s", sessionId).param("c", s.classroomId()).param("me", me).param("l", s.lecturerId())
				.param("t", s.courseType().name()).param("content", content).param("method", method)
				.param("usefulness", usefulness).param("lecturer", lecturer).param("remark", comment).param("now", Sql.now()));
		}
		catch (DuplicateKeyException twice) {
			throw new ConflictException("you have rated this session already");
		}
		audit.action("TRAINING_EVALUATION_SUBMIT").target("training_session", sessionId).region(s.regionCode())
			.after(mapOf("evaluationId", id, "content", content, "method", method, "usefulness", usefulness, "lecturer",
					lecturer, "comment", comment))
			.record();
		return new Evaluation(id, sessionId, s.lecturerId(), s.courseType(), content, method, usefulness, lecturer, comment);
	}

	/** Results of a programme grouped one way, over the classrooms the caller sees officially. */
	public List<Result> results(long programmeId, By by) {
		programmes.get(programmeId);
		TrainingAccess.Condition c = access.officialClassroom();
		Map<String, Object> params = new HashMap<>(c.params());
		params.put("p", programmeId);
		String key = switch (by) {
			case LECTURER -> "COALESCE(CAST(e.lecturer_id AS VARCHAR(20)), '-')";
			case COURSE_TYPE -> "e.course_type";
			case CLASSROOM -> "CAST(c.id AS VARCHAR(20))";
		};
		String label = switch (by) {
			case LECTURER -> "COALESCE(MAX(l.name), '-')";
			case COURSE_TYPE -> "e.course_type";
			case CLASSROOM -> "MAX(c.name)";
		};
		return jdbc.sql("SELECT " + key + " AS k, " + label + " AS label, COUNT(*) AS ratings,"
				+ " AVG(CAST(e.content_score AS DECIMAL(8, 3))) AS content, AVG(CAST(e.method_score AS DECIMAL(8, 3))) AS method,"
				+ " AVG(CAST(e.usefulness_score AS DECIMAL(8, 3))) AS usefulness, AVG(CAST(e.lecturer_score AS DECIMAL(8, 3))) AS lecturer"
				+ " FROM training_evaluation e JOIN training_classroom c ON c.id = e.classroom_id"
				+ " JOIN training_programme p ON p.id = c.programme_id LEFT JOIN training_lecturer l ON l.id = e.lecturer_id"
				+ " WHERE c.programme_id = :p AND " + c.sql() + " GROUP BY " + key + " ORDER BY 2, 1")
			.params(params)
			.query((rs, n) -> {
				BigDecimal content = LecturerService.scale(rs.getBigDecimal("content"));
				BigDecimal method = LecturerService.scale(rs.getBigDecimal("method"));
				BigDecimal usefulness = LecturerService.scale(rs.getBigDecimal("usefulness"));
				BigDecimal lecturer = LecturerService.scale(rs.getBigDecimal("lecturer"));
				BigDecimal overall = LecturerService.scale(rs.getBigDecimal("content").add(rs.getBigDecimal("method"))
					.add(rs.getBigDecimal("usefulness")).add(rs.getBigDecimal("lecturer"))
					.divide(BigDecimal.valueOf(4), 6, java.math.RoundingMode.HALF_UP));
				return new Result(rs.getString("k"), rs.getString("label"), rs.getLong("ratings"), content, method, usefulness,
						lecturer, overall);
			})
			.list();
	}
}
