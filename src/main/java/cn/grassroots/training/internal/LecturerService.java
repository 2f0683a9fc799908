package cn.grassroots.training.internal;

import static cn.grassroots.training.internal.Checks.mapOf;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.Person;
import cn.grassroots.org.Region;
import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.InvalidInputException.FieldError;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.Sql;
import cn.grassroots.platform.audit.AuditLog;

/**
 * 师资: lecturers with their kind, topics, the sessions they teach in plans and how trainees rated
 * them. The list is shared within a province (see {@link LibraryAccess}); an officer adds and edits
 * lecturers of their region. Model secretaries usually come from the case library.
 */
@Service
public class LecturerService {

	public record Lecturer(long id, String name, LecturerKind kind, String title, String unitName, long regionCode,
			Long personId, Long caseId, String profile, boolean active, List<TopicCategory> topics, int version) {
	}

	/** A lecturer in a list, with what trainees said of them (mean of the lecturer scale, 1–5) and how often they taught. */
	public record Row(Lecturer lecturer, BigDecimal meanScore, long ratings, long sessions) {
	}

	public record Draft(String name, LecturerKind kind, String title, String unitName, String regionCode, Long personId,
			List<TopicCategory> topics, String profile, Boolean active) {
	}

	/** A session a lecturer teaches in a classroom's current plan. */
	public record Taught(long sessionId, long classroomId, String classroomName, LocalDate date, String title,
			CourseType courseType, PlanStatus planStatus) {
	}

	private final JdbcClient jdbc;
	private final LibraryAccess library;
	private final TrainingAccess access;
	private final OrgDirectory org;
	private final AuditLog audit;

	LecturerService(JdbcClient jdbc, LibraryAccess library, TrainingAccess access, OrgDirectory org, AuditLog audit) {
		this.jdbc = jdbc;
		this.library = library;
		this.access = access;
		this.org = org;
		this.audit = audit;
	}

	private static final String SELECT = "SELECT l.id, l.name, l.kind, l.title, l.unit_name, l.region_code, l.person_id,"
			+ " l.case_id, l.profile, l.active, l.version FROM training_lecturer l";

	/** Lecturers the caller may read, optionally of a topic or kind or matching a name, best rated first. */
	public List<Row> list(TopicCategory topic, LecturerKind kind, String name) {
		TrainingAccess.Condition c = library.readable("l.region_code", "lr");
		StringBuilder sql = new StringBuilder("""
				SELECT l.id, AVG(CAST(e.lecturer_score AS DECIMAL(6, 2))) AS mean_score, COUNT(e.id) AS ratings,
				    (SELECT COUNT(*) FROM training_session s WHERE s.lecturer_id = l.id) AS sessions
				FROM training_lecturer l LEFT JOIN training_evaluation e ON e.lecturer_id = l.id
				WHERE """).append(c.sql());
		Map<String, Object> params = new LinkedHashMap<>(c.params());
		if (topic != null) {
			sql.append(" AND EXISTS (SELECT 1 FROM training_lecturer_topic t WHERE t.lecturer_id = l.id AND t.topic = :topic)");
			params.put("topic", topic.name());
		}
		if (kind != null) {
			sql.append(" AND l.kind = :kind");
			params.put("kind", kind.name());
		}
		if (name != null && !name.isBlank()) {
			sql.append(" AND l.name LIKE :name ESCAPE '\\'");
			params.put("name", Sql.likeContains(name.strip()));
		}
		sql.append(" GROUP BY l.id ORDER BY mean_score DESC NULLS LAST, l.id LIMIT 500");
		record Stat(long id, BigDecimal mean, long ratings, long sessions) {
		}
		List<Stat> stats = jdbc.sql(sql.toString()).params(params)
			.query((rs, n) -> new Stat(rs.getLong("id"), scale(rs.getBigDecimal("mean_score")), rs.getLong("ratings"),
					rs.getLong("sessions")))
			.list();
		Map<Long, Lecturer> byId = byIds(stats.stream().map(Stat::id).toList());
		return stats.stream().map(s -> new Row(byId.get(s.id()), s.mean(), s.ratings(), s.sessions())).toList();
	}

	public Lecturer get(long id) {
		Lecturer l = find(id).orElseThrow(() -> new NotFoundException("no lecturer " + id));
		if (!library.canRead(l.regionCode())) {
			throw new NotFoundException("no lecturer " + id);
		}
		return l;
	}

	/** Whether the caller may change the lecturer (TRAINING_MANAGE over its region), for the desk's edit links. */
	public boolean canManage(Lecturer l) {
		return library.canManage(l.regionCode());
	}

	Optional<Lecturer> find(long id) {
		return Optional.ofNullable(byIds(List.of(id)).get(id));
	}

	/** The sessions of the lecturer in classrooms' current plans the caller may see, by date. */
	public List<Taught> taught(long id) {
		get(id);
		TrainingAccess.Condition c = access.classroom();
		return jdbc.sql("""
				SELECT s.id, c.id AS classroom_id, c.name AS classroom_name, s.session_date, s.title, s.course_type, pl.status
				FROM training_session s
				JOIN training_plan pl ON pl.id = s.plan_id
				JOIN training_classroom c ON c.id = pl.classroom_id
				JOIN training_programme p ON p.id = c.programme_id
				WHERE s.lecturer_id = :id
				  AND pl.version_no = (SELECT MAX(p2.version_no) FROM training_plan p2 WHERE p2.classroom_id = c.id)
				  AND """ + c.sql() + " ORDER BY s.session_date DESC, s.start_time, s.id LIMIT 500")
			.param("id", id).params(c.params())
			.query((rs, n) -> new Taught(rs.getLong("id"), rs.getLong("classroom_id"), rs.getString("classroom_name"),
					Sql.date(rs, "session_date"), rs.getString("title"), CourseType.valueOf(rs.getString("course_type")),
					PlanStatus.valueOf(rs.getString("status"))))
			.list();
	}

	@Transactional
	public Lecturer create(Draft d) {
		List<FieldError> errors = new ArrayList<>();
		Checked c = check(d, errors);
		if (c.region() != null && !library.canManage(c.region().code())) {
			throw new ForbiddenException("region " + c.region().code() + " is outside your scope");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		long id = insert(c, d.kind(), null);
		Lecturer created = find(id).orElseThrow();
		audit.action("TRAINING_LECTURER_CREATE").target("training_lecturer", id).region(created.regionCode())
			.after(snapshot(created)).record();
		return created;
	}

	@Transactional
	public Lecturer update(long id, Draft d, Integer expectedVersion) {
		Lecturer before = get(id);
		if (!library.canManage(before.regionCode())) {
			throw new ForbiddenException("the lecturer is outside your scope");
		}
		List<FieldError> errors = new ArrayList<>();
		Checked c = check(d, errors);
		if (c.region() != null && !library.canManage(c.region().code())) {
			throw new ForbiddenException("region " + c.region().code() + " is outside your scope");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		int version = expectedVersion == null ? before.version() : expectedVersion;
		int n = jdbc.sql("""
				UPDATE training_lecturer SET name = :name, kind = :kind, title = :title, unit_name = :unit,
				    region_code = :region, person_id = :person, profile = :profile, active = :active, updated_at = :now,
				    version = version + 1
				WHERE id = :id AND version = :version""")
			.params(values(c, d.kind())).param("active", !Boolean.FALSE.equals(d.active())).param("id", id)
			.param("version", version).update();
		if (n == 0) {
			throw new ConflictException("the lecturer was changed by someone else; reload and try again");
		}
		jdbc.sql("DELETE FROM training_lecturer_topic WHERE lecturer_id = :id").param("id", id).update();
		insertTopics(id, c.topics());
		Lecturer after = find(id).orElseThrow();
		audit.action("TRAINING_LECTURER_UPDATE").target("training_lecturer", id).region(after.regionCode())
			.before(snapshot(before)).after(snapshot(after)).record();
		return after;
	}

	/** A model secretary chosen from a case: the lecturer record names the case and its community's secretary. */
	long insertFromCase(String name, LecturerKind kind, String title, String unitName, long regionCode, Long personId,
			long caseId, TopicCategory topic, String profile) {
		Checked c = new Checked(name, title, unitName, null, personId, Set.of(topic), profile);
		long id = insert(c, kind, caseId, regionCode);
		return id;
	}

	private long insert(Checked c, LecturerKind kind, Long caseId) {
		return insert(c, kind, caseId, c.region().code());
	}

	private long insert(Checked c, LecturerKind kind, Long caseId, long regionCode) {
		Map<String, Object> v = values(c, kind);
		v.put("region", regionCode);
		long id = Sql.insert(jdbc.sql("""
				INSERT INTO training_lecturer (name, kind, title, unit_name, region_code, person_id, case_id, profile,
				    active, created_by, created_at, updated_at)
				VALUES (:name, :kind, :title, :unit, :region, :person, :case, :profile, TRUE, :by, :now, :now)""")
			.params(v).param("case", caseId).param("by", library.username()));
		insertTopics(id, c.topics());
		return id;
	}

	private void insertTopics(long id, Set<TopicCategory> topics) {
		for (TopicCategory t : topics) {
			jdbc.sql("INSERT INTO training_lecturer_topic (lecturer_id, topic) VALUES (:id, :t)").param("id", id)
				.param("t", t.name()).update();
		}
	}

	private Map<String, Object> values(Checked c, LecturerKind kind) {
		Map<String, Object> v = new LinkedHashMap<>();
		v.put("name", c.name());
		v.put("kind", kind.name());
		v.put("title", c.title());
		v.put("unit", c.unitName());
		v.put("region", c.region() == null ? null : c.region().code());
		v.put("person", c.personId());
		v.put("profile", c.profile());
		v.put("now", Sql.now());
		return v;
	}

	private record Checked(String name, String title, String unitName, Region region, Long personId,
			Set<TopicCategory> topics, String profile) {
	}

	private Checked check(Draft d, List<FieldError> errors) {
		String name = Checks.text(d.name(), "name", true, 50, errors);
		Checks.required(d.kind(), "kind", errors);
		String title = Checks.text(d.title(), "title", false, 100, errors);
		String unit = Checks.text(d.unitName(), "unitName", false, 200, errors);
		String profile = Checks.text(d.profile(), "profile", false, 2000, errors);
		Region region = Checks.region(org, d.regionCode(), "regionCode", errors);
		Set<TopicCategory> topics = new LinkedHashSet<>();
		if (d.topics() == null || d.topics().isEmpty()) {
			errors.add(new FieldError("topics", "validation.required"));
		}
		else {
			for (int i = 0; i < d.topics().size(); i++) {
				if (d.topics().get(i) == null) {
					errors.add(new FieldError("topics[" + i + "]", "validation.required"));
				}
				else {
					topics.add(d.topics().get(i));
				}
			}
		}
		if (d.personId() != null) {
			Optional<Person> p = org.person(d.personId());
			if (p.isEmpty()) {
				errors.add(new FieldError("personId", "training.person.notFound"));
			}
		}
		return new Checked(name, title, unit, region, d.personId(), topics, profile);
	}

	private Map<Long, Lecturer> byIds(List<Long> ids) {
		Map<Long, Lecturer> out = new LinkedHashMap<>();
		if (ids.isEmpty()) {
			return out;
		}
		Map<Long, List<TopicCategory>> topics = new LinkedHashMap<>();
		jdbc.sql("SELECT lecturer_id, topic FROM training_lecturer_topic WHERE lecturer_id IN (:ids) ORDER BY topic")
			.param("ids", ids)
			.query(rs -> {
				topics.computeIfAbsent(rs.getLong("lecturer_id"), k -> new ArrayList<>())
					.add(TopicCategory.valueOf(rs.getString("topic")));
			});
		jdbc.sql(SELECT + " WHERE l.id IN (:ids)").param("ids", ids).query(rs -> {
			long id = rs.getLong("id");
			out.put(id, new Lecturer(id, rs.getString("name"), LecturerKind.valueOf(rs.getString("kind")),
					rs.getString("title"), rs.getString("unit_name"), rs.getLong("region_code"),
					Sql.nullableLong(rs, "person_id"), Sql.nullableLong(rs, "case_id"), rs.getString("profile"),
					rs.getBoolean("active"), topics.getOrDefault(id, List.of()), rs.getInt("version")));
		});
		return out;
	}

	static BigDecimal scale(BigDecimal b) {
		return b == null ? null : b.setScale(2, java.math.RoundingMode.HALF_UP);
	}

	static Map<String, Object> snapshot(Lecturer l) {
		return mapOf("name", l.name(), "kind", l.kind().name(), "title", l.title(), "unitName", l.unitName(),
				"regionCode", l.regionCode(), "personId", l.personId(), "caseId", l.caseId(), "topics",
				l.topics().stream().map(Enum::name).toList(), "active", l.active());
	}
}
