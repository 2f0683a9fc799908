package cn.grassroots.training.internal;

import static cn.grassroots.training.internal.Checks.mapOf;

import java.util.ArrayList;
import java.util.List;

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
import cn.grassroots.training.internal.ClassroomRepository.Classroom;

/**
 * Links a session of a draft plan to a lecturer from the list and, for a case lesson, to the case
 * it teaches. The lecturer's name is written to the session's lecturer column too, so the
 * double-booking rule, which compares names, sees the listed lecturer.
 */
@Service
public class SessionLinks {

	public record Links(long sessionId, Long lecturerId, String lecturer, Long caseId) {
	}

	/**
	 * A session as its link form shows it: the classroom, the session, what it cites now, and whether
	 * it is in the current draft (only then may the links change).
	 */
	public record Linking(Classroom classroom, PlanRepository.Session session, Long lecturerId, Long caseId,
			boolean draft) {
	}

	private final JdbcClient jdbc;
	private final PlanService plans;
	private final ClassroomService classrooms;
	private final PlanRepository planRows;
	private final LecturerService lecturers;
	private final CaseLibrary cases;
	private final AuditLog audit;

	SessionLinks(JdbcClient jdbc, PlanService plans, ClassroomService classrooms, PlanRepository planRows,
			LecturerService lecturers, CaseLibrary cases, AuditLog audit) {
		this.jdbc = jdbc;
		this.plans = plans;
		this.classrooms = classrooms;
		this.planRows = planRows;
		this.lecturers = lecturers;
		this.cases = cases;
		this.audit = audit;
	}

	/** The session with its current links, for the desk's form; 404 unknown, 403 when the caller may not edit the plan. */
	public Linking linking(long sessionId) {
		PlanRepository.Session s = planRows.session(sessionId).orElseThrow(() -> new NotFoundException("no session " + sessionId));
		long classroomId = planRows.classroomOfPlan(s.planId());
		Classroom c = classrooms.get(classroomId);
		if (!plans.canEdit(c)) {
			throw new ForbiddenException("you may not edit this classroom's plan");
		}
		record Cited(Long lecturerId, Long caseId) {
		}
		Cited cited = jdbc.sql("SELECT lecturer_id, case_id FROM training_session WHERE id = :s").param("s", sessionId)
			.query((rs, n) -> new Cited(Sql.nullableLong(rs, "lecturer_id"),
					Sql.nullableLong(rs, "case_id")))
			.single();
		boolean draft = planRows.current(classroomId)
			.map(p -> p.id() == s.planId() && p.status() == PlanStatus.DRAFT)
			.orElse(false);
		return new Linking(c, s, cited.lecturerId(), cited.caseId(), draft);
	}

	@Transactional
	public Links link(long sessionId, Long lecturerId, Long caseId) {
		PlanRepository.Session s = planRows.session(sessionId).orElseThrow(() -> new NotFoundException("no session " + sessionId));
		long classroomId = planRows.classroomOfPlan(s.planId());
		Classroom c = classrooms.get(classroomId);
		if (!plans.canEdit(c)) {
			throw new ForbiddenException("you may not edit this classroom's plan");
		}
		planRows.lockClassroom(classroomId);
		PlanRepository.Plan current = planRows.current(classroomId).orElseThrow();
		if (current.id() != s.planId() || current.status() != PlanStatus.DRAFT) {
			throw new ConflictException("the session's plan version is not the current draft");
		}
		List<FieldError> errors = new ArrayList<>();
		String name = s.lecturer();
		if (lecturerId != null) {
			LecturerService.Lecturer l = lecturers.find(lecturerId).orElse(null);
			if (l == null || !l.active()) {
				errors.add(new FieldError("lecturerId", "training.lecturer.notFound"));
			}
			else {
				try {
					lecturers.get(lecturerId);
					name = l.name();
				}
				catch (NotFoundException unreadable) {
					errors.add(new FieldError("lecturerId", "training.lecturer.notFound"));
				}
			}
		}
		if (caseId != null) {
			try {
				cases.get(caseId);
				if (s.courseType() != CourseType.CASE) {
					errors.add(new FieldError("caseId", "training.session.caseNeedsCaseLesson"));
				}
			}
			catch (NotFoundException unreadable) {
				errors.add(new FieldError("caseId", "training.case.notFound"));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		Long beforeLecturer = jdbc.sql("SELECT lecturer_id FROM training_session WHERE id = :s").param("s", sessionId)
			.query(Long.class).optional().orElse(null);
		Long beforeCase = jdbc.sql("SELECT case_id FROM training_session WHERE id = :s").param("s", sessionId)
			.query(Long.class).optional().orElse(null);
		jdbc.sql("UPDATE training_session SET lecturer_id = :l, lecturer = :n, case_id = :k WHERE id = :s")
			.param("l", lecturerId).param("n", name).param("k", caseId).param("s", sessionId).update();
		audit.action("TRAINING_SESSION_LINK").target("training_session", sessionId).region(c.regionCode())
			.before(mapOf("lecturerId", beforeLecturer, "lecturer", s.lecturer(), "caseId", beforeCase))
			.after(mapOf("lecturerId", lecturerId, "lecturer", name, "caseId", caseId)).record();
		return new Links(sessionId, lecturerId, name, caseId);
	}
}
