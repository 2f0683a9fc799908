package cn.grassroots.training.internal;

import static cn.grassroots.training.internal.Checks.mapOf;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;

import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.InvalidInputException.FieldError;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.Sql;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.training.internal.ClassroomRepository.Classroom;
import cn.grassroots.training.internal.PlanRepository.Plan;
import cn.grassroots.training.internal.PlanRepository.Session;
import cn.grassroots.training.internal.ProgrammeRepository.Programme;

/**
 * Attendance per session of a classroom's current plan: the head teacher's roster marking, the
 * trainee's self check-in with the rotating code, leave requests and their approval, and each
 * trainee's missed hours (excused + absent) with the 1/7 withdrawal flag (退学).
 */
@Service
public class AttendanceService {

	/** Session times are local to the province. */
	public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	public record Mark(Long personId, AttendanceStatus status) {
	}

	/** A trainee's running account: present and missed hours of the plan, the share, and whether over 1/7. */
	public record TraineeAttendance(long personId, String personName, BigDecimal attendedHours, BigDecimal missedHours,
			BigDecimal planHours, BigDecimal missedShare, boolean withdrawal) {
	}

	public record Leave(long id, long classroomId, long personId, String personName, LocalDate fromDate,
			LocalDate toDate, String reason, String status, String decidedBy, String decisionNote) {
	}

	private final JdbcClient jdbc;
	private final NamedParameterJdbcTemplate batch;
	private final PlanRepository plans;
	private final PlanService planService;
	private final ClassroomService classrooms;
	private final ProgrammeRepository programmes;
	private final TrainingAccess access;
	private final CurrentUser user;
	private final AuditLog audit;
	private final Clock clock;
	private volatile CheckInCodes codes;

	AttendanceService(JdbcClient jdbc, NamedParameterJdbcTemplate batch, PlanRepository plans, PlanService planService,
			ClassroomService classrooms, ProgrammeRepository programmes, TrainingAccess access, CurrentUser user,
			AuditLog audit) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.plans = plans;
		this.planService = planService;
		this.classrooms = classrooms;
		this.programmes = programmes;
		this.access = access;
		this.user = user;
		this.audit = audit;
		this.clock = Clock.systemUTC();
	}

	/** The installation's check-in key, made on first use. */
	CheckInCodes codes() {
		CheckInCodes c = codes;
		if (c == null) {
			synchronized (this) {
				if (codes == null) {
					String secret = jdbc.sql("SELECT secret FROM training_key WHERE id = 1").query(String.class).optional()
						.orElseGet(this::newKey);
					codes = new CheckInCodes(Base64.getDecoder().decode(secret), clock);
				}
				c = codes;
			}
		}
		return c;
	}

	private String newKey() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		String secret = Base64.getEncoder().encodeToString(bytes);
		try {
			jdbc.sql("INSERT INTO training_key (id, secret, created_at) VALUES (1, :s, :now)").param("s", secret)
				.param("now", Sql.now()).update();
			return secret;
		}
		catch (DuplicateKeyException raced) {
			return jdbc.sql("SELECT secret FROM training_key WHERE id = 1").query(String.class).single();
		}
	}

	private record Context(Session session, Classroom classroom) {
	}

	/** A session of its classroom's current plan version, which the caller may see. */
	private Context context(long sessionId) {
		Session s = plans.session(sessionId).orElseThrow(() -> new NotFoundException("no session " + sessionId));
		long classroomId = plans.classroomOfPlan(s.planId());
		Classroom c = classrooms.get(classroomId);
		Plan current = plans.current(classroomId).orElseThrow();
		if (current.id() != s.planId()) {
			throw new ConflictException("session " + sessionId + " belongs to an earlier plan version");
		}
		return new Context(s, c);
	}

	private Context editable(long sessionId) {
		Context x = context(sessionId);
		if (!planService.canEdit(x.classroom())) {
			throw new ForbiddenException("only the classroom's head teacher or managers take attendance");
		}
		return x;
	}

	/** The code the head teacher shows now. */
	public CheckInCodes.Current currentCode(long sessionId) {
		editable(sessionId);
		return codes().current(sessionId);
	}

	/** The current code as a QR image (PNG) that carries the check-in path. */
	public byte[] qrPng(long sessionId) {
		CheckInCodes.Current current = currentCode(sessionId);
		String content = "/training/check-in?session=" + sessionId + "&code=" + current.code();
		try {
			BitMatrix m = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 320, 320);
			BufferedImage img = new BufferedImage(m.getWidth(), m.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
			for (int y = 0; y < m.getHeight(); y++) {
				for (int x = 0; x < m.getWidth(); x++) {
					img.setRGB(x, y, m.get(x, y) ? 0x000000 : 0xFFFFFF);
				}
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ImageIO.write(img, "png", out);
			return out.toByteArray();
		}
		catch (WriterException | IOException e) {
			throw new IllegalStateException("could not draw the QR code", e);
		}
	}

	/** The trainee's own check-in with the code on the screen: present, or late after the programme's minutes. */
	@Transactional
	public AttendanceStatus checkIn(Long sessionId, String code) {
		if (sessionId == null) {
			throw InvalidInputException.of("sessionId", "validation.required");
		}
		Session s = plans.session(sessionId).orElseThrow(() -> new NotFoundException("no session " + sessionId));
		long classroomId = plans.classroomOfPlan(s.planId());
		long me = access.me();
		boolean enrolled = jdbc.sql("SELECT COUNT(*) FROM training_enrolment WHERE classroom_id = :c AND person_id = :me"
				+ " AND status = 'CONFIRMED'").param("c", classroomId).param("me", me).query(Long.class).single() > 0;
		if (!enrolled) {
			throw new ForbiddenException("you are not a trainee of this classroom");
		}
		if (plans.current(classroomId).map(Plan::id).orElse(-1L) != s.planId()) {
			throw new ConflictException("session " + sessionId + " belongs to an earlier plan version");
		}
		if (!codes().accepts(sessionId, code)) {
			throw InvalidInputException.of("code", "training.checkIn.badCode");
		}
		Classroom c = classrooms.get(classroomId);
		Programme p = programmes.find(c.programmeId()).orElseThrow();
		ZonedDateTime start = s.date().atTime(s.start()).atZone(ZONE);
		AttendanceStatus status = codes().now().isAfter(start.plusMinutes(p.settings().lateAfterMinutes()).toInstant())
				? AttendanceStatus.LATE : AttendanceStatus.PRESENT;
		String existing = jdbc.sql("SELECT status FROM training_attendance WHERE session_id = :s AND person_id = :me")
			.param("s", sessionId).param("me", me).query(String.class).optional().orElse(null);
		if (existing != null && !AttendanceStatus.valueOf(existing).missed()) {
			return AttendanceStatus.valueOf(existing);
		}
		if (existing != null) {
			jdbc.sql("UPDATE training_attendance SET status = :st, method = 'QR', marked_by = :by, marked_at = :now"
					+ " WHERE session_id = :s AND person_id = :me")
				.param("st", status.name()).param("by", user.username()).param("now", Sql.now())
				.param("s", sessionId).param("me", me).update();
		}
		else {
			jdbc.sql("INSERT INTO training_attendance (session_id, person_id, status, method, marked_by, marked_at)"
					+ " VALUES (:s, :me, :st, 'QR', :by, :now)")
				.param("s", sessionId).param("me", me).param("st", status.name()).param("by", user.username())
				.param("now", Sql.now()).update();
		}
		audit.action("TRAINING_CHECK_IN").target("training_session", sessionId).region(c.regionCode())
			.before(mapOf("status", existing)).after(mapOf("personId", me, "status", status.name())).record();
		return status;
	}

	/** The head teacher marks the roster: each named trainee of the classroom gets the status given. */
	@Transactional
	public int mark(long sessionId, List<Mark> marks) {
		Context x = editable(sessionId);
		if (marks == null || marks.isEmpty()) {
			throw InvalidInputException.of("marks", "validation.required");
		}
		if (marks.size() > 2000) {
			throw InvalidInputException.of("marks", "training.enrolment.tooMany");
		}
		Set<Long> trainees = new HashSet<>(jdbc.sql("SELECT person_id FROM training_enrolment WHERE classroom_id = :c"
				+ " AND status = 'CONFIRMED'").param("c", x.classroom().id()).query(Long.class).list());
		List<FieldError> errors = new ArrayList<>();
		Set<Long> seen = new HashSet<>();
		for (int i = 0; i < marks.size(); i++) {
			Mark m = marks.get(i);
			if (m == null || m.personId() == null || !trainees.contains(m.personId())) {
				errors.add(new FieldError("marks[" + i + "].personId", "training.attendance.notTrainee"));
			}
			else if (!seen.add(m.personId())) {
				errors.add(new FieldError("marks[" + i + "].personId", "training.attendance.duplicate"));
			}
			if (m == null || m.status() == null) {
				errors.add(new FieldError("marks[" + i + "].status", "validation.required"));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		jdbc.sql("DELETE FROM training_attendance WHERE session_id = :s AND person_id IN (:ids)")
			.param("s", sessionId).param("ids", List.copyOf(seen)).update();
		var now = Sql.now();
		String by = user.username();
		batch.batchUpdate("INSERT INTO training_attendance (session_id, person_id, status, method, marked_by, marked_at)"
				+ " VALUES (:s, :p, :st, 'ROSTER', :by, :now)", marks.stream().map(m -> new MapSqlParameterSource()
			.addValue("s", sessionId).addValue("p", m.personId()).addValue("st", m.status().name())
			.addValue("by", by).addValue("now", now)).toArray(MapSqlParameterSource[]::new));
		Map<AttendanceStatus, Long> counts = new java.util.EnumMap<>(AttendanceStatus.class);
		marks.forEach(m -> counts.merge(m.status(), 1L, Long::sum));
		audit.action("TRAINING_ATTENDANCE_MARK").target("training_session", sessionId).region(x.classroom().regionCode())
			.after(mapOf("marked", marks.size(), "counts", counts.toString())).record();
		return marks.size();
	}

	/** Every confirmed trainee's attendance over the classroom's current plan. */
	public List<TraineeAttendance> summary(long classroomId) {
		Classroom c = classrooms.get(classroomId);
		if (!planService.canEdit(c) && !classroomsVisibleByRegion(c)) {
			throw new ForbiddenException("only the classroom's staff and officers see everyone's attendance");
		}
		Plan plan = plans.current(classroomId)
			.orElseThrow(() -> new NotFoundException("classroom " + classroomId + " has no plan"));
		BigDecimal planHours = jdbc.sql("SELECT COALESCE(SUM(hours), 0) FROM training_session WHERE plan_id = :p")
			.param("p", plan.id()).query(BigDecimal.class).single();
		return jdbc.sql("""
				SELECT e.person_id, e.person_name,
				    COALESCE(SUM(CASE WHEN a.status IN ('PRESENT', 'LATE') THEN s.hours END), 0) AS attended,
				    COALESCE(SUM(CASE WHEN a.status IN ('EXCUSED', 'ABSENT') THEN s.hours END), 0) AS missed
				FROM training_enrolment e
				LEFT JOIN training_attendance a ON a.person_id = e.person_id
				    AND a.session_id IN (SELECT id FROM training_session WHERE plan_id = :plan)
				LEFT JOIN training_session s ON s.id = a.session_id
				WHERE e.classroom_id = :c AND e.status = 'CONFIRMED'
				GROUP BY e.person_id, e.person_name
				ORDER BY e.person_name, e.person_id""")
			.param("plan", plan.id()).param("c", classroomId)
			.query((rs, n) -> attendance(rs.getLong("person_id"), rs.getString("person_name"),
					rs.getBigDecimal("attended"), rs.getBigDecimal("missed"), planHours))
			.list();
	}

	private boolean classroomsVisibleByRegion(Classroom c) {
		return classrooms.canManage(c) || access.readScope().reachesRegion(c.regionCode())
				|| access.readScope().reachesRegion(c.sponsorRegionCode());
	}

	/** Missed share = missed ÷ plan hours; withdrawal when missed hours exceed plan hours ÷ 7. */
	static TraineeAttendance attendance(long personId, String name, BigDecimal attended, BigDecimal missed,
			BigDecimal planHours) {
		BigDecimal share = planHours.signum() == 0 ? BigDecimal.ZERO : missed.divide(planHours, 4, RoundingMode.HALF_UP);
		boolean withdrawal = missed.multiply(BigDecimal.valueOf(7)).compareTo(planHours) > 0;
		return new TraineeAttendance(personId, name, attended, missed, planHours, share, withdrawal);
	}

	/** A trainee asks for leave over some days of their classroom's programme. */
	@Transactional
	public Leave requestLeave(Long classroomId, LocalDate from, LocalDate to, String reason) {
		if (classroomId == null) {
			throw InvalidInputException.of("classroomId", "validation.required");
		}
		long me = access.me();
		var enrolment = jdbc.sql("SELECT id FROM training_enrolment WHERE classroom_id = :c AND person_id = :me"
				+ " AND status = 'CONFIRMED'").param("c", classroomId).param("me", me).query(Long.class).optional();
		if (enrolment.isEmpty()) {
			throw new ForbiddenException("you are not a trainee of this classroom");
		}
		Classroom c = classrooms.get(classroomId);
		Programme p = programmes.find(c.programmeId()).orElseThrow();
		List<FieldError> errors = new ArrayList<>();
		Checks.required(from, "fromDate", errors);
		Checks.required(to, "toDate", errors);
		if (from != null && to != null) {
			if (to.isBefore(from)) {
				errors.add(new FieldError("toDate", "training.programme.endBeforeStart"));
			}
			if (from.isBefore(p.startDate()) || to.isAfter(p.endDate())) {
				errors.add(new FieldError("fromDate", "training.session.outsideProgramme"));
			}
		}
		String why = Checks.text(reason, "reason", true, 500, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		long id = Sql.insert(jdbc.sql("""
				INSERT INTO training_leave (enrolment_id, classroom_id, person_id, from_date, to_date, reason, status, requested_at)
				VALUES (:e, :c, :me, :from, :to, :reason, 'PENDING', :now)""")
			.param("e", enrolment.get()).param("c", classroomId).param("me", me).param("from", from).param("to", to)
			.param("reason", why).param("now", Sql.now()));
		audit.action("TRAINING_LEAVE_REQUEST").target("training_leave", id).region(c.regionCode())
			.after(mapOf("personId", me, "from", from.toString(), "to", to.toString(), "reason", why)).record();
		return leave(id);
	}

	/** The head teacher (or a manager) approves or refuses; approval excuses the sessions of those days not attended. */
	@Transactional
	public Leave decideLeave(long leaveId, Boolean approve, String note) {
		Leave l = jdbc.sql("SELECT classroom_id FROM training_leave WHERE id = :id").param("id", leaveId).query(Long.class)
			.optional().map(c -> leave(leaveId)).orElseThrow(() -> new NotFoundException("no leave " + leaveId));
		Classroom c = classrooms.get(l.classroomId());
		if (!planService.canEdit(c)) {
			throw new ForbiddenException("only the classroom's head teacher or managers decide leave");
		}
		List<FieldError> errors = new ArrayList<>();
		Checks.required(approve, "approve", errors);
		String text = Checks.text(note, "note", false, 500, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		if (!"PENDING".equals(l.status())) {
			throw new ConflictException("leave " + leaveId + " is " + l.status());
		}
		String next = approve ? "APPROVED" : "REFUSED";
		jdbc.sql("UPDATE training_leave SET status = :s, decided_by = :by, decided_at = :now, decision_note = :note"
				+ " WHERE id = :id AND status = 'PENDING'")
			.param("s", next).param("by", user.username()).param("now", Sql.now()).param("note", text).param("id", leaveId)
			.update();
		int excused = 0;
		if (approve) {
			Plan plan = plans.current(c.id()).orElse(null);
			if (plan != null) {
				Map<String, Object> params = Map.of("plan", plan.id(), "from", l.fromDate(), "to", l.toDate(), "p",
						l.personId(), "by", user.username(), "now", Sql.now());
				jdbc.sql("""
						DELETE FROM training_attendance WHERE person_id = :p AND status = 'ABSENT' AND session_id IN (
						    SELECT id FROM training_session WHERE plan_id = :plan AND session_date BETWEEN :from AND :to)""")
					.params(params).update();
				excused = jdbc.sql("""
						INSERT INTO training_attendance (session_id, person_id, status, method, marked_by, marked_at)
						SELECT s.id, :p, 'EXCUSED', 'LEAVE', :by, :now FROM training_session s
						WHERE s.plan_id = :plan AND s.session_date BETWEEN :from AND :to
						  AND NOT EXISTS (SELECT 1 FROM training_attendance a WHERE a.session_id = s.id AND a.person_id = :p)""")
					.params(params).update();
			}
		}
		audit.action(approve ? "TRAINING_LEAVE_APPROVE" : "TRAINING_LEAVE_REFUSE").target("training_leave", leaveId)
			.region(c.regionCode()).before(mapOf("status", l.status()))
			.after(mapOf("status", next, "note", text, "sessionsExcused", excused)).record();
		return leave(leaveId);
	}

	public List<Leave> leaves(long classroomId) {
		Classroom c = classrooms.get(classroomId);
		boolean staff = planService.canEdit(c) || classroomsVisibleByRegion(c);
		return jdbc.sql(LEAVE + " WHERE l.classroom_id = :c" + (staff ? "" : " AND l.person_id = :me")
				+ " ORDER BY l.from_date, l.id")
			.param("c", classroomId).param("me", access.me()).query(AttendanceService::mapLeave).list();
	}

	private static final String LEAVE = """
			SELECT l.id, l.classroom_id, l.person_id, e.person_name, l.from_date, l.to_date, l.reason, l.status,
			    l.decided_by, l.decision_note
			FROM training_leave l JOIN training_enrolment e ON e.id = l.enrolment_id""";

	private Leave leave(long id) {
		return jdbc.sql(LEAVE + " WHERE l.id = :id").param("id", id).query(AttendanceService::mapLeave).single();
	}

	static Leave mapLeave(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Leave(rs.getLong("id"), rs.getLong("classroom_id"), rs.getLong("person_id"), rs.getString("person_name"),
				Sql.date(rs, "from_date"), Sql.date(rs, "to_date"), rs.getString("reason"), rs.getString("status"),
				rs.getString("decided_by"), rs.getString("decision_note"));
	}
}
