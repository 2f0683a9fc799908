package cn.grassroots.training.internal;

import static cn.grassroots.training.internal.Checks.mapOf;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.Person;
import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.InvalidInputException.FieldError;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.Sql;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.training.internal.ClassroomRepository.Classroom;

/**
 * 座谈: a classroom's symposium with its participants (from the roster, or from outside it by name
 * and unit) and its minutes. Run by the classroom's officers and head teachers; read by whoever
 * sees the classroom as an officer or staff member.
 */
@Service
public class SymposiumService {

	public record Participant(long id, Long personId, String name, String unitName) {
	}

	public record Symposium(long id, long classroomId, String title, LocalDate heldOn, String place, String minutes,
			String createdBy, Instant createdAt, int version, List<Participant> participants) {
	}

	public record Draft(String title, LocalDate heldOn, String place, String minutes) {
	}

	public record ParticipantDraft(Long personId, String name, String unitName) {
	}

	private final JdbcClient jdbc;
	private final ClassroomService classrooms;
	private final SeminarService seminars;
	private final OrgDirectory org;
	private final CurrentUser user;
	private final AuditLog audit;

	SymposiumService(JdbcClient jdbc, ClassroomService classrooms, SeminarService seminars, OrgDirectory org,
			CurrentUser user, AuditLog audit) {
		this.jdbc = jdbc;
		this.classrooms = classrooms;
		this.seminars = seminars;
		this.org = org;
		this.user = user;
		this.audit = audit;
	}

	private static final String SELECT = "SELECT id, classroom_id, title, held_on, place, minutes, created_by, created_at, version"
			+ " FROM training_symposium";

	public List<Symposium> ofClassroom(long classroomId) {
		requireOfficial(classroomId);
		return jdbc.sql(SELECT + " WHERE classroom_id = :c ORDER BY held_on DESC, id DESC").param("c", classroomId)
			.query((rs, n) -> map(rs, List.of())).list();
	}

	public Symposium get(long id) {
		Symposium s = find(id).orElseThrow(() -> new NotFoundException("no symposium " + id));
		requireOfficial(s.classroomId());
		return s;
	}

	private java.util.Optional<Symposium> find(long id) {
		List<Participant> participants = jdbc.sql("SELECT id, person_id, name, unit_name FROM training_symposium_participant"
				+ " WHERE symposium_id = :s ORDER BY id")
			.param("s", id)
			.query((rs, n) -> new Participant(rs.getLong("id"), Sql.nullableLong(rs, "person_id"), rs.getString("name"),
					rs.getString("unit_name")))
			.list();
		return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query((rs, n) -> map(rs, participants)).optional();
	}

	@Transactional
	public Symposium create(long classroomId, Draft d) {
		Classroom c = requireRunner(classroomId);
		List<FieldError> errors = new ArrayList<>();
		String title = Checks.text(d.title(), "title", true, 200, errors);
		String place = Checks.text(d.place(), "place", false, 200, errors);
		String minutes = Checks.text(d.minutes(), "minutes", false, 8000, errors);
		Checks.required(d.heldOn(), "heldOn", errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		long id = Sql.insert(jdbc.sql("""
				INSERT INTO training_symposium (classroom_id, title, held_on, place, minutes, created_by, created_at, updated_at)
				VALUES (:c, :t, :h, :p, :m, :by, :now, :now)""")
			.param("c", classroomId).param("t", title).param("h", d.heldOn()).param("p", place).param("m", minutes)
			.param("by", user.username()).param("now", Sql.now()));
		audit.action("TRAINING_SYMPOSIUM_CREATE").target("training_symposium", id).region(c.regionCode())
			.after(mapOf("classroomId", classroomId, "title", title, "heldOn", d.heldOn(), "place", place, "minutes", minutes))
			.record();
		return find(id).orElseThrow();
	}

	/** Replaces the minutes (纪要); the version guards against two editors. */
	@Transactional
	public Symposium minutes(long id, String minutes, Integer expectedVersion) {
		Symposium before = get(id);
		Classroom c = requireRunner(before.classroomId());
		List<FieldError> errors = new ArrayList<>();
		String m = Checks.text(minutes, "minutes", true, 8000, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		int n = jdbc.sql("UPDATE training_symposium SET minutes = :m, updated_at = :now, version = version + 1"
				+ " WHERE id = :id AND version = :v")
			.param("m", m).param("now", Sql.now()).param("id", id)
			.param("v", expectedVersion == null ? before.version() : expectedVersion).update();
		if (n == 0) {
			throw new ConflictException("the minutes were changed by someone else; reload and try again");
		}
		audit.action("TRAINING_SYMPOSIUM_MINUTES").target("training_symposium", id).region(c.regionCode())
			.before(Map.of("minutes", before.minutes() == null ? "" : before.minutes())).after(Map.of("minutes", m)).record();
		return find(id).orElseThrow();
	}

	@Transactional
	public Participant addParticipant(long id, ParticipantDraft d) {
		Symposium s = get(id);
		Classroom c = requireRunner(s.classroomId());
		List<FieldError> errors = new ArrayList<>();
		String name = Checks.text(d.name(), "name", d.personId() == null, 50, errors);
		String unit = Checks.text(d.unitName(), "unitName", false, 200, errors);
		if (d.personId() != null) {
			Person p = org.person(d.personId()).orElse(null);
			// the classroom's own trainees and staff are known here even when the roster is out of the caller's reach
			String own = p == null ? classroomPersonName(s.classroomId(), d.personId()) : null;
			if (p == null && own == null) {
				errors.add(new FieldError("personId", "training.person.notFound"));
			}
			else {
				name = p != null ? p.name() : own;
				unit = unit == null && p != null ? p.unitName() : unit;
				if (s.participants().stream().anyMatch(x -> d.personId().equals(x.personId()))) {
					errors.add(new FieldError("personId", "training.symposium.duplicate"));
				}
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		long pid = Sql.insert(jdbc.sql("INSERT INTO training_symposium_participant (symposium_id, person_id, name, unit_name)"
				+ " VALUES (:s, :p, :n, :u)").param("s", id).param("p", d.personId()).param("n", name).param("u", unit));
		audit.action("TRAINING_SYMPOSIUM_PARTICIPANT_ADD").target("training_symposium", id).region(c.regionCode())
			.after(mapOf("participantId", pid, "personId", d.personId(), "name", name, "unitName", unit)).record();
		return new Participant(pid, d.personId(), name, unit);
	}

	private String classroomPersonName(long classroomId, long personId) {
		return jdbc.sql("""
				SELECT person_name FROM training_enrolment WHERE classroom_id = :c AND person_id = :p
				UNION SELECT person_name FROM training_staff WHERE classroom_id = :c AND person_id = :p""")
			.param("c", classroomId).param("p", personId).query(String.class).list().stream().findFirst().orElse(null);
	}

	/** A person of the classroom: a trainee (not excused or withdrawn) or a staff member. */
	public record ClassroomPerson(long personId, String name, String role) {
	}

	/**
	 * Up to {@code limit} of the classroom's trainees and staff whose name contains the text, by name:
	 * the participant picker's suggestions, for those who hold the classroom's symposiums.
	 */
	public List<ClassroomPerson> classroomPeople(long classroomId, String text, int limit) {
		requireRunner(classroomId);
		String q = text == null ? "" : text.strip();
		if (q.isEmpty()) {
			return List.of();
		}
		Map<Long, ClassroomPerson> found = new java.util.LinkedHashMap<>();
		jdbc.sql("""
				SELECT person_id, person_name, 'TRAINEE' AS role FROM training_enrolment
				WHERE classroom_id = :c AND status IN ('CONFIRMED', 'PENDING') AND person_name LIKE :q ESCAPE '\\'
				UNION
				SELECT person_id, person_name, role FROM training_staff WHERE classroom_id = :c AND person_name LIKE :q ESCAPE '\\'
				ORDER BY person_name, person_id, role LIMIT :limit""")
			.param("c", classroomId).param("q", Sql.likeContains(q)).param("limit", Math.max(1, Math.min(limit, 50)) * 2)
			.query(rs -> {
				found.putIfAbsent(rs.getLong("person_id"),
						new ClassroomPerson(rs.getLong("person_id"), rs.getString("person_name"), rs.getString("role")));
			});
		return found.values().stream().limit(Math.max(1, Math.min(limit, 50))).toList();
	}

	private void requireOfficial(long classroomId) {
		classrooms.get(classroomId);
		if (!classrooms.passesOfficial(classroomId)) {
			throw new ForbiddenException("symposiums are read by the classroom's officers and staff");
		}
	}

	private Classroom requireRunner(long classroomId) {
		Classroom c = classrooms.get(classroomId);
		if (!seminars.canRun(classroomId)) {
			throw new ForbiddenException("only the classroom's officers and head teachers hold its symposiums");
		}
		return c;
	}

	private static Symposium map(java.sql.ResultSet rs, List<Participant> participants) throws java.sql.SQLException {
		return new Symposium(rs.getLong("id"), rs.getLong("classroom_id"), rs.getString("title"), Sql.date(rs, "held_on"),
				rs.getString("place"), rs.getString("minutes"), rs.getString("created_by"), Sql.instant(rs, "created_at"),
				rs.getInt("version"), participants);
	}
}
