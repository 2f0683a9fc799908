package cn.grassroots.training.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.grassroots.platform.Sql;

/** Plan versions and their sessions. */
@Repository
public class PlanRepository {

	public record Plan(long id, long classroomId, int version, PlanStatus status, String createdBy, Instant createdAt,
			String submittedBy, Instant submittedAt, String reviewedBy, Instant reviewedAt, String reviewComment) {
	}

	public record Session(long id, long planId, long lineKey, LocalDate date, LocalTime start, LocalTime end,
			BigDecimal hours, String title, CourseType courseType, Delivery delivery, TopicCategory topic,
			String lecturer, Long roomId, String roomName, Long siteId, String siteName, boolean siteApproved,
			boolean relayed) {

		/** The same session in another classroom's timetable: same day, times and title. */
		public boolean sameSlotAndTitle(Session other) {
			return date.equals(other.date) && start.equals(other.start) && end.equals(other.end)
					&& title.equals(other.title);
		}
	}

	/** What is written for a session. */
	public record SessionRow(LocalDate date, LocalTime start, LocalTime end, BigDecimal hours, String title,
			CourseType courseType, Delivery delivery, TopicCategory topic, String lecturer, Long roomId, Long siteId,
			boolean relayed) {
	}

	/** Another session the same lecturer gives at an overlapping time. */
	public record Clash(long sessionId, String sessionTitle, String who, long otherId, String otherTitle,
			String otherClassroom) {
	}

	private static final String PLAN = """
			SELECT id, classroom_id, version_no, status, created_by, created_at, submitted_by, submitted_at,
			    reviewed_by, reviewed_at, review_comment FROM training_plan""";

	private static final String SESSION = """
			SELECT s.id, s.plan_id, s.line_key, s.session_date, s.start_time, s.end_time, s.hours, s.title, s.course_type,
			    s.delivery, s.topic, s.lecturer, s.room_id, r.name AS room_name, s.site_id, t.name AS site_name,
			    t.approved AS site_approved, s.relayed
			FROM training_session s LEFT JOIN training_room r ON r.id = s.room_id
			    LEFT JOIN training_site t ON t.id = s.site_id""";

	private final JdbcClient jdbc;

	PlanRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Plan> current(long classroomId) {
		return jdbc.sql(PLAN + " WHERE classroom_id = :c ORDER BY version_no DESC LIMIT 1")
			.param("c", classroomId)
			.query(PlanRepository::plan)
			.optional();
	}

	public Optional<Plan> version(long classroomId, int version) {
		return jdbc.sql(PLAN + " WHERE classroom_id = :c AND version_no = :v")
			.param("c", classroomId)
			.param("v", version)
			.query(PlanRepository::plan)
			.optional();
	}

	public List<Plan> versions(long classroomId) {
		return jdbc.sql(PLAN + " WHERE classroom_id = :c ORDER BY version_no")
			.param("c", classroomId)
			.query(PlanRepository::plan)
			.list();
	}

	public long classroomOfPlan(long planId) {
		return jdbc.sql("SELECT classroom_id FROM training_plan WHERE id = :id").param("id", planId).query(Long.class).single();
	}

	/** Locks the classroom's row while its plan changes, so two writers take turns. */
	public void lockClassroom(long classroomId) {
		jdbc.sql("SELECT id FROM training_classroom WHERE id = :id FOR UPDATE").param("id", classroomId)
			.query(Long.class).list();
	}

	public long insertPlan(long classroomId, int version, String by) {
		return Sql.insert(jdbc.sql("""
				INSERT INTO training_plan (classroom_id, version_no, status, created_by, created_at)
				VALUES (:c, :v, 'DRAFT', :by, :now)""")
			.param("c", classroomId)
			.param("v", version)
			.param("by", by)
			.param("now", Sql.now()));
	}

	/** Copies every session of one version into another, keeping their line keys. */
	public void copySessions(long fromPlan, long toPlan) {
		jdbc.sql("""
				INSERT INTO training_session (plan_id, line_key, session_date, start_time, end_time, hours, title,
				    course_type, delivery, topic, lecturer, room_id, site_id, relayed, lecturer_id, case_id)
				SELECT :to, line_key, session_date, start_time, end_time, hours, title, course_type, delivery, topic,
				    lecturer, room_id, site_id, relayed, lecturer_id, case_id
				FROM training_session WHERE plan_id = :from""")
			.param("from", fromPlan)
			.param("to", toPlan)
			.update();
	}

	public boolean setStatus(long planId, PlanStatus expected, PlanStatus next, String by, String comment) {
		String sql = next == PlanStatus.SUBMITTED
				? "UPDATE training_plan SET status = :next, submitted_by = :by, submitted_at = :now WHERE id = :id AND status = :expected"
				: "UPDATE training_plan SET status = :next, reviewed_by = :by, reviewed_at = :now, review_comment = :comment"
						+ " WHERE id = :id AND status = :expected";
		var spec = jdbc.sql(sql)
			.param("next", next.name())
			.param("by", by)
			.param("now", Sql.now())
			.param("id", planId)
			.param("expected", expected.name());
		if (next != PlanStatus.SUBMITTED) {
			spec = spec.param("comment", comment);
		}
		return spec.update() == 1;
	}

	public List<Session> sessions(long planId) {
		return jdbc.sql(SESSION + " WHERE s.plan_id = :p ORDER BY s.session_date, s.start_time, s.id")
			.param("p", planId)
			.query(PlanRepository::session)
			.list();
	}

	public Optional<Session> session(long id) {
		return jdbc.sql(SESSION + " WHERE s.id = :id").param("id", id).query(PlanRepository::session).optional();
	}

	public long insertSession(long planId, SessionRow r) {
		long id = Sql.insert(jdbc.sql("""
				INSERT INTO training_session (plan_id, session_date, start_time, end_time, hours, title, course_type,
				    delivery, topic, lecturer, room_id, site_id, relayed)
				VALUES (:plan, :date, :start, :end, :hours, :title, :type, :delivery, :topic, :lecturer, :room, :site,
				    :relayed)""")
			.param("plan", planId)
			.param("date", r.date())
			.param("start", r.start())
			.param("end", r.end())
			.param("hours", r.hours())
			.param("title", r.title())
			.param("type", r.courseType().name())
			.param("delivery", r.delivery().name())
			.param("topic", r.topic() == null ? null : r.topic().name())
			.param("lecturer", r.lecturer())
			.param("room", r.roomId())
			.param("site", r.siteId())
			.param("relayed", r.relayed()));
		jdbc.sql("UPDATE training_session SET line_key = id WHERE id = :id").param("id", id).update();
		return id;
	}

	public void updateSession(long id, SessionRow r) {
		jdbc.sql("""
				UPDATE training_session SET session_date = :date, start_time = :start, end_time = :end, hours = :hours,
				    title = :title, course_type = :type, delivery = :delivery, topic = :topic, lecturer = :lecturer,
				    room_id = :room, site_id = :site, relayed = :relayed
				WHERE id = :id""")
			.param("date", r.date())
			.param("start", r.start())
			.param("end", r.end())
			.param("hours", r.hours())
			.param("title", r.title())
			.param("type", r.courseType().name())
			.param("delivery", r.delivery().name())
			.param("topic", r.topic() == null ? null : r.topic().name())
			.param("lecturer", r.lecturer())
			.param("room", r.roomId())
			.param("site", r.siteId())
			.param("relayed", r.relayed())
			.param("id", id)
			.update();
	}

	public void deleteSession(long id) {
		jdbc.sql("DELETE FROM training_session WHERE id = :id").param("id", id).update();
	}

	/** The plan of the programme's main classroom, at its latest version, if there is one. */
	public Optional<Plan> mainPlan(long programmeId) {
		return jdbc.sql(PLAN + " WHERE classroom_id = (SELECT id FROM training_classroom WHERE programme_id = :p"
				+ " AND kind = 'MAIN') ORDER BY version_no DESC LIMIT 1")
			.param("p", programmeId)
			.query(PlanRepository::plan)
			.optional();
	}

	/**
	 * Sessions of the plan whose lecturer gives another session at an overlapping time: in the same
	 * plan, or in the latest plan version of any other classroom. Relayed sessions are the main
	 * classroom's lecturer seen on a screen and never clash.
	 */
	public List<Clash> lecturerClashes(long planId, long classroomId) {
		return jdbc.sql("""
				SELECT s.id, s.title, s.lecturer, o.id AS other_id, o.title AS other_title, oc.name AS other_classroom
				FROM training_session s
				JOIN training_session o ON o.lecturer = s.lecturer AND o.session_date = s.session_date
				    AND o.start_time < s.end_time AND s.start_time < o.end_time AND o.id <> s.id AND o.relayed = FALSE
				JOIN training_plan op ON op.id = o.plan_id
				JOIN training_classroom oc ON oc.id = op.classroom_id
				WHERE s.plan_id = :plan AND s.lecturer IS NOT NULL AND s.relayed = FALSE
				  AND (o.plan_id <> :plan OR s.id < o.id)
				  AND (o.plan_id = :plan OR (op.classroom_id <> :classroom
				      AND op.version_no = (SELECT MAX(x.version_no) FROM training_plan x WHERE x.classroom_id = op.classroom_id)))
				ORDER BY s.session_date, s.start_time, s.id, o.id""")
			.param("plan", planId)
			.param("classroom", classroomId)
			.query((rs, n) -> new Clash(rs.getLong("id"), rs.getString("title"), rs.getString("lecturer"),
					rs.getLong("other_id"), rs.getString("other_title"), rs.getString("other_classroom")))
			.list();
	}

	/** Sessions of the plan held in the same room at overlapping times. */
	public List<Clash> roomClashes(long planId) {
		return jdbc.sql("""
				SELECT s.id, s.title, r.name AS room, o.id AS other_id, o.title AS other_title
				FROM training_session s
				JOIN training_session o ON o.plan_id = s.plan_id AND o.room_id = s.room_id AND o.id <> s.id
				    AND o.session_date = s.session_date AND o.start_time < s.end_time AND s.start_time < o.end_time
				JOIN training_room r ON r.id = s.room_id
				WHERE s.plan_id = :plan AND s.id < o.id
				ORDER BY s.session_date, s.start_time, s.id, o.id""")
			.param("plan", planId)
			.query((rs, n) -> new Clash(rs.getLong("id"), rs.getString("title"), rs.getString("room"),
					rs.getLong("other_id"), rs.getString("other_title"), null))
			.list();
	}

	// ------------------------------------------------------------------ many plans at once (dashboards)

	/** The current (latest) plan version of each of these classrooms that has one, by classroom id; one query. */
	public Map<Long, Plan> currentPlans(Collection<Long> classroomIds) {
		Map<Long, Plan> out = new LinkedHashMap<>();
		if (classroomIds.isEmpty()) {
			return out;
		}
		jdbc.sql(PLAN + " WHERE classroom_id IN (:ids) AND version_no = (SELECT MAX(x.version_no) FROM training_plan x"
				+ " WHERE x.classroom_id = training_plan.classroom_id) ORDER BY classroom_id")
			.param("ids", List.copyOf(classroomIds))
			.query(PlanRepository::plan)
			.list()
			.forEach(p -> out.put(p.classroomId(), p));
		return out;
	}

	/** The sessions of each of these plans, in the order {@link #sessions(long)} gives them; one query. */
	public Map<Long, List<Session>> sessionsOf(Collection<Long> planIds) {
		Map<Long, List<Session>> out = new LinkedHashMap<>();
		if (planIds.isEmpty()) {
			return out;
		}
		jdbc.sql(SESSION + " WHERE s.plan_id IN (:ids) ORDER BY s.plan_id, s.session_date, s.start_time, s.id")
			.param("ids", List.copyOf(planIds))
			.query(PlanRepository::session)
			.list()
			.forEach(s -> out.computeIfAbsent(s.planId(), k -> new ArrayList<>()).add(s));
		return out;
	}

	/**
	 * {@link #lecturerClashes(long, long)} for each of these plans, each taken as the current plan of
	 * its own classroom, by plan id; one query.
	 */
	public Map<Long, List<Clash>> lecturerClashesOf(Collection<Long> planIds) {
		Map<Long, List<Clash>> out = new LinkedHashMap<>();
		if (planIds.isEmpty()) {
			return out;
		}
		jdbc.sql("""
				SELECT s.plan_id, s.id, s.title, s.lecturer, o.id AS other_id, o.title AS other_title, oc.name AS other_classroom
				FROM training_session s
				JOIN training_plan sp ON sp.id = s.plan_id
				JOIN training_session o ON o.lecturer = s.lecturer AND o.session_date = s.session_date
				    AND o.start_time < s.end_time AND s.start_time < o.end_time AND o.id <> s.id AND o.relayed = FALSE
				JOIN training_plan op ON op.id = o.plan_id
				JOIN training_classroom oc ON oc.id = op.classroom_id
				WHERE s.plan_id IN (:plans) AND s.lecturer IS NOT NULL AND s.relayed = FALSE
				  AND (o.plan_id <> s.plan_id OR s.id < o.id)
				  AND (o.plan_id = s.plan_id OR (op.classroom_id <> sp.classroom_id
				      AND op.version_no = (SELECT MAX(x.version_no) FROM training_plan x WHERE x.classroom_id = op.classroom_id)))
				ORDER BY s.plan_id, s.session_date, s.start_time, s.id, o.id""")
			.param("plans", List.copyOf(planIds))
			.query(rs -> {
				out.computeIfAbsent(rs.getLong("plan_id"), k -> new ArrayList<>())
					.add(new Clash(rs.getLong("id"), rs.getString("title"), rs.getString("lecturer"), rs.getLong("other_id"),
							rs.getString("other_title"), rs.getString("other_classroom")));
			});
		return out;
	}

	/** {@link #roomClashes(long)} for each of these plans, by plan id; one query. */
	public Map<Long, List<Clash>> roomClashesOf(Collection<Long> planIds) {
		Map<Long, List<Clash>> out = new LinkedHashMap<>();
		if (planIds.isEmpty()) {
			return out;
		}
		jdbc.sql("""
				SELECT s.plan_id, s.id, s.title, r.name AS room, o.id AS other_id, o.title AS other_title
				FROM training_session s
				JOIN training_session o ON o.plan_id = s.plan_id AND o.room_id = s.room_id AND o.id <> s.id
				    AND o.session_date = s.session_date AND o.start_time < s.end_time AND s.start_time < o.end_time
				JOIN training_room r ON r.id = s.room_id
				WHERE s.plan_id IN (:plans) AND s.id < o.id
				ORDER BY s.plan_id, s.session_date, s.start_time, s.id, o.id""")
			.param("plans", List.copyOf(planIds))
			.query(rs -> {
				out.computeIfAbsent(rs.getLong("plan_id"), k -> new ArrayList<>())
					.add(new Clash(rs.getLong("id"), rs.getString("title"), rs.getString("room"), rs.getLong("other_id"),
							rs.getString("other_title"), null));
			});
		return out;
	}

	static Plan plan(ResultSet rs, int n) throws SQLException {
		return new Plan(rs.getLong("id"), rs.getLong("classroom_id"), rs.getInt("version_no"),
				PlanStatus.valueOf(rs.getString("status")), rs.getString("created_by"), Sql.instant(rs, "created_at"),
				rs.getString("submitted_by"), Sql.instant(rs, "submitted_at"), rs.getString("reviewed_by"),
				Sql.instant(rs, "reviewed_at"), rs.getString("review_comment"));
	}

	static Session session(ResultSet rs, int n) throws SQLException {
		String topic = rs.getString("topic");
		return new Session(rs.getLong("id"), rs.getLong("plan_id"), rs.getLong("line_key"), Sql.date(rs, "session_date"),
				rs.getObject("start_time", LocalTime.class), rs.getObject("end_time", LocalTime.class),
				rs.getBigDecimal("hours"), rs.getString("title"), CourseType.valueOf(rs.getString("course_type")),
				Delivery.valueOf(rs.getString("delivery")), topic == null ? null : TopicCategory.valueOf(topic),
				rs.getString("lecturer"), Sql.nullableLong(rs, "room_id"), rs.getString("room_name"),
				Sql.nullableLong(rs, "site_id"), rs.getString("site_name"), rs.getBoolean("site_approved"),
				rs.getBoolean("relayed"));
	}
}
