package cn.grassroots.training.internal;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.training.internal.ClassroomRepository.Classroom;
import cn.grassroots.training.internal.PlanRepository.Session;

/**
 * The head teacher's (班主任) pages: the classrooms they lead, a session's roster with each
 * trainee's status for marking in one request, and the session's rotating check-in code. Who may
 * act is decided as for attendance: the classroom's head teacher or its managers.
 */
@Service
public class HeadTeacherDesk {

	/** A trainee line of the roster: the status marked so far (null when none). */
	public record RosterLine(long personId, String personName, String groupName, AttendanceStatus status, String method) {
	}

	/** A classroom the caller leads, with its programme's name. */
	public record LedClassroom(Classroom classroom, String programmeName) {
	}

	private final JdbcClient jdbc;
	private final TrainingAccess access;
	private final ClassroomRepository classroomRows;
	private final ClassroomService classrooms;
	private final PlanRepository plans;
	private final PlanService planService;

	HeadTeacherDesk(JdbcClient jdbc, TrainingAccess access, ClassroomRepository classroomRows, ClassroomService classrooms,
			PlanRepository plans, PlanService planService) {
		this.jdbc = jdbc;
		this.access = access;
		this.classroomRows = classroomRows;
		this.classrooms = classrooms;
		this.plans = plans;
		this.planService = planService;
	}

	/** Whether the caller is head teacher of any classroom (for the navigation). */
	public boolean leadsAny() {
		return jdbc.sql("SELECT COUNT(*) FROM training_staff WHERE person_id = :me AND role = 'HEAD_TEACHER'")
			.param("me", access.me()).query(Long.class).single() > 0;
	}

	/** The classrooms the caller is head teacher of, newest programme first. */
	public List<LedClassroom> classrooms() {
		return jdbc.sql("""
				SELECT c.id, p.name FROM training_staff s JOIN training_classroom c ON c.id = s.classroom_id
				JOIN training_programme p ON p.id = c.programme_id
				WHERE s.person_id = :me AND s.role = 'HEAD_TEACHER' ORDER BY p.start_date DESC, c.id""")
			.param("me", access.me())
			.query((rs, n) -> new LedClassroom(classroomRows.find(rs.getLong(1)).orElseThrow(), rs.getString(2))).list();
	}

	/** A classroom the caller may take attendance in, or 403. */
	public Classroom editable(long classroomId) {
		Classroom c = classrooms.get(classroomId);
		if (!planService.canEdit(c)) {
			throw new ForbiddenException("only the classroom's head teacher or managers take attendance");
		}
		return c;
	}

	/** The sessions of the classroom's current plan. */
	public List<Session> sessions(long classroomId) {
		editable(classroomId);
		return plans.current(classroomId).map(p -> plans.sessions(p.id())).orElse(List.of());
	}

	/** A session of a classroom's current plan the caller may take attendance in, with its classroom. */
	public Classroom classroomOfSession(long sessionId) {
		Session s = plans.session(sessionId).orElseThrow(() -> new NotFoundException("no session " + sessionId));
		long classroomId = plans.classroomOfPlan(s.planId());
		Classroom c = editable(classroomId);
		if (plans.current(classroomId).map(p -> p.id() != s.planId()).orElse(true)) {
			throw new ConflictException("session " + sessionId + " belongs to an earlier plan version");
		}
		return c;
	}

	public Session session(long sessionId) {
		return plans.session(sessionId).orElseThrow(() -> new NotFoundException("no session " + sessionId));
	}

	/** Every confirmed trainee of the session's classroom with what is marked for them. */
	public List<RosterLine> roster(long sessionId) {
		Classroom c = classroomOfSession(sessionId);
		return jdbc.sql("""
				SELECT e.person_id, e.person_name, g.name AS group_name, a.status, a.method
				FROM training_enrolment e LEFT JOIN training_study_group g ON g.id = e.group_id
				LEFT JOIN training_attendance a ON a.person_id = e.person_id AND a.session_id = :s
				WHERE e.classroom_id = :c AND e.status = 'CONFIRMED'
				ORDER BY g.name, e.person_name, e.person_id""")
			.param("s", sessionId).param("c", c.id())
			.query((rs, n) -> new RosterLine(rs.getLong("person_id"), rs.getString("person_name"), rs.getString("group_name"),
					rs.getString("status") == null ? null : AttendanceStatus.valueOf(rs.getString("status")),
					rs.getString("method")))
			.list();
	}
}
