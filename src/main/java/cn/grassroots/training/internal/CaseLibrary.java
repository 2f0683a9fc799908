package cn.grassroots.training.internal;

import static cn.grassroots.training.internal.Checks.mapOf;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.Person;
import cn.grassroots.org.Region;
import cn.grassroots.org.RegionKind;
import cn.grassroots.org.RegionLevel;
import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.InvalidInputException.FieldError;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.Sql;
import cn.grassroots.platform.audit.AuditLog;

/**
 * 案例库: grassroots practices of one community each, searchable by topic and by similar
 * ("相似基础": same community kind and size band) or neighbouring ("相邻地域": same township, then
 * county, then city, by the division code; there is no map data) communities. Case lessons cite a
 * case, and model secretaries are chosen from it on merit: how trainees rated the case lessons.
 */
@Service
public class CaseLibrary {

	public record Case(long id, String title, String practice, String results, TopicCategory topic, long communityCode,
			String communityName, RegionKind communityKind, int households, SizeBand sizeBand, Long secretaryPersonId,
			String secretaryName, int year, Long lecturerId, int version) {
	}

	/** A case found by a search: how near its community is (1 township, 2 county, 3 city, 0 not asked) and its lessons' rating. */
	public record Hit(Case item, int proximity, BigDecimal meanScore, long ratings, long lessons) {
	}

	public record Draft(String title, String practice, String results, TopicCategory topic, String communityCode,
			Integer households, Long secretaryPersonId, Integer year) {
	}

	/** What is searched: all optional; similarTo and near are community codes. */
	public record Query(TopicCategory topic, String text, String similarTo, Integer households, String near) {
	}

	private static final long TOWNSHIP = 1_000L;
	private static final long COUNTY = 1_000_000L;
	private static final long CITY = 100_000_000L;

	private final JdbcClient jdbc;
	private final LibraryAccess library;
	private final OrgDirectory org;
	private final LecturerService lecturers;
	private final AuditLog audit;

	CaseLibrary(JdbcClient jdbc, LibraryAccess library, OrgDirectory org, LecturerService lecturers, AuditLog audit) {
		this.jdbc = jdbc;
		this.library = library;
		this.org = org;
		this.lecturers = lecturers;
		this.audit = audit;
	}

	private static final String SELECT = """
			SELECT k.id, k.title, k.practice, k.results, k.topic, k.community_code, k.community_name, k.community_kind,
			    k.households, k.secretary_person_id, k.secretary_name, k.recorded_year, k.version,
			    (SELECT MIN(l.id) FROM training_lecturer l WHERE l.case_id = k.id) AS lecturer_id,
			    (SELECT AVG(CAST(e.content_score + e.method_score + e.usefulness_score + e.lecturer_score AS DECIMAL(8, 2))) / 4
			       FROM training_evaluation e JOIN training_session s ON s.id = e.session_id WHERE s.case_id = k.id) AS mean_score,
			    (SELECT COUNT(*) FROM training_evaluation e JOIN training_session s ON s.id = e.session_id WHERE s.case_id = k.id) AS ratings,
			    (SELECT COUNT(*) FROM training_session s WHERE s.case_id = k.id) AS lessons
			FROM training_case k""";

	/** Cases the caller may read that match the query; neighbours nearest first, otherwise best rated first. */
	public List<Hit> search(Query q) {
		TrainingAccess.Condition c = library.readable("k.community_code", "kr");
		List<FieldError> errors = new ArrayList<>();
		StringBuilder where = new StringBuilder(" WHERE ").append(c.sql());
		Map<String, Object> params = new LinkedHashMap<>(c.params());
		if (q.topic() != null) {
			where.append(" AND k.topic = :topic");
			params.put("topic", q.topic().name());
		}
		String text = Checks.text(q.text(), "q", false, 100, errors);
		if (text != null) {
			where.append(" AND (k.title LIKE :text ESCAPE '\\' OR k.practice LIKE :text ESCAPE '\\' OR k.community_name LIKE :text ESCAPE '\\')");
			params.put("text", Sql.likeContains(text));
		}
		if (q.similarTo() != null && !q.similarTo().isBlank()) {
			Region r = community(q.similarTo(), "similarTo", errors);
			if (r != null) {
				Integer households = q.households();
				if (households != null && (households < 0 || households > 1_000_000)) {
					errors.add(new FieldError("households", "training.validation.range"));
					households = null;
				}
				if (households == null) {
					households = jdbc.sql("SELECT households FROM training_case WHERE community_code = :c ORDER BY recorded_year DESC, id DESC LIMIT 1")
						.param("c", r.code()).query(Integer.class).optional().orElse(null);
				}
				if (households == null) {
					errors.add(new FieldError("households", "training.case.householdsUnknown"));
				}
				else {
					SizeBand band = SizeBand.of(households);
					where.append(" AND k.community_kind = :skind AND k.households BETWEEN :sfrom AND :sto AND k.community_code <> :self");
					params.put("skind", kindOf(r).name());
					params.put("sfrom", band.from());
					params.put("sto", band.to());
					params.put("self", r.code());
				}
			}
		}
		else if (q.households() != null) {
			errors.add(new FieldError("similarTo", "validation.required"));
		}
		String proximity = "0";
		if (q.near() != null && !q.near().isBlank()) {
			Region r = community(q.near(), "near", errors);
			if (r != null) {
				proximity = "CASE WHEN k.community_code / " + TOWNSHIP + " = :nt THEN 1 WHEN k.community_code / " + COUNTY
						+ " = :nc THEN 2 ELSE 3 END";
				where.append(" AND k.community_code / " + CITY + " = :ny AND k.community_code <> :nself");
				params.put("nt", r.code() / TOWNSHIP);
				params.put("nc", r.code() / COUNTY);
				params.put("ny", r.code() / CITY);
				params.put("nself", r.code());
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		String sql = "SELECT * FROM (" + SELECT.replace("FROM training_case k", ", " + proximity + " AS proximity FROM training_case k")
				+ where + ") x ORDER BY x.proximity, x.mean_score DESC NULLS LAST, x.id DESC LIMIT 200";
		return jdbc.sql(sql).params(params).query((rs, n) -> new Hit(map(rs), rs.getInt("proximity"),
				LecturerService.scale(rs.getBigDecimal("mean_score")), rs.getLong("ratings"), rs.getLong("lessons"))).list();
	}

	public Hit get(long id) {
		Hit h = jdbc.sql("SELECT x.*, 0 AS proximity FROM (" + SELECT + " WHERE k.id = :id) x").param("id", id)
			.query((rs, n) -> new Hit(map(rs), 0, LecturerService.scale(rs.getBigDecimal("mean_score")), rs.getLong("ratings"),
					rs.getLong("lessons")))
			.optional().orElseThrow(() -> new NotFoundException("no case " + id));
		if (!library.canRead(h.item().communityCode())) {
			throw new NotFoundException("no case " + id);
		}
		return h;
	}

	/** Whether the caller may change the case or choose its secretary (TRAINING_MANAGE over its community). */
	public boolean canManage(Case k) {
		return library.canManage(k.communityCode());
	}

	Optional<Case> find(long id) {
		return jdbc.sql(SELECT + " WHERE k.id = :id").param("id", id).query((rs, n) -> map(rs)).optional();
	}

	@Transactional
	public Case create(Draft d) {
		List<FieldError> errors = new ArrayList<>();
		Checked c = check(d, errors);
		if (c.community() != null && !library.canManage(c.community().code())) {
			throw new ForbiddenException("community " + c.community().code() + " is outside your scope");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		long id = Sql.insert(jdbc.sql("""
				INSERT INTO training_case (title, practice, results, topic, community_code, community_name, community_kind,
				    households, secretary_person_id, secretary_name, recorded_year, created_by, created_at, updated_at)
				VALUES (:title, :practice, :results, :topic, :code, :cname, :ckind, :households, :sp, :sn, :year, :by, :now, :now)""")
			.params(values(c)).param("by", library.username()));
		Case created = find(id).orElseThrow();
		audit.action("TRAINING_CASE_CREATE").target("training_case", id).region(created.communityCode())
			.after(snapshot(created)).record();
		return created;
	}

	@Transactional
	public Case update(long id, Draft d, Integer expectedVersion) {
		Case before = get(id).item();
		if (!library.canManage(before.communityCode())) {
			throw new ForbiddenException("the case is outside your scope");
		}
		List<FieldError> errors = new ArrayList<>();
		Checked c = check(d, errors);
		if (c.community() != null && !library.canManage(c.community().code())) {
			throw new ForbiddenException("community " + c.community().code() + " is outside your scope");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		int n = jdbc.sql("""
				UPDATE training_case SET title = :title, practice = :practice, results = :results, topic = :topic,
				    community_code = :code, community_name = :cname, community_kind = :ckind, households = :households,
				    secretary_person_id = :sp, secretary_name = :sn, recorded_year = :year, updated_at = :now, version = version + 1
				WHERE id = :id AND version = :version""")
			.params(values(c)).param("id", id).param("version", expectedVersion == null ? before.version() : expectedVersion)
			.update();
		if (n == 0) {
			throw new ConflictException("the case was changed by someone else; reload and try again");
		}
		Case after = find(id).orElseThrow();
		audit.action("TRAINING_CASE_UPDATE").target("training_case", id).region(after.communityCode())
			.before(snapshot(before)).after(snapshot(after)).record();
		return after;
	}

	/**
	 * Chooses the case's community secretary as a model-secretary lecturer (national or provincial),
	 * teaching the case's topic; a case gives at most one such lecturer.
	 */
	@Transactional
	public LecturerService.Lecturer chooseSecretary(long caseId, LecturerKind kind, String title) {
		Case k = get(caseId).item();
		if (!library.canManage(k.communityCode())) {
			throw new ForbiddenException("the case is outside your scope");
		}
		List<FieldError> errors = new ArrayList<>();
		if (Checks.required(kind, "kind", errors) != null && !kind.modelSecretary()) {
			errors.add(new FieldError("kind", "training.case.notModelSecretary"));
		}
		String t = Checks.text(title, "title", false, 100, errors);
		if (k.secretaryName() == null) {
			errors.add(new FieldError("caseId", "training.case.noSecretary"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		jdbc.sql("SELECT id FROM training_case WHERE id = :id FOR UPDATE").param("id", caseId).query(Long.class).single();
		if (k.lecturerId() != null || jdbc.sql("SELECT COUNT(*) FROM training_lecturer WHERE case_id = :id").param("id", caseId)
			.query(Long.class).single() > 0) {
			throw new ConflictException("the case's secretary is already a lecturer");
		}
		long id = lecturers.insertFromCase(k.secretaryName(), kind, t == null ? "社区党组织书记" : t, k.communityName(),
				k.communityCode(), k.secretaryPersonId(), caseId, k.topic(), k.title());
		LecturerService.Lecturer l = lecturers.find(id).orElseThrow();
		audit.action("TRAINING_CASE_SECRETARY_CHOSEN").target("training_case", caseId).region(k.communityCode())
			.after(mapOf("lecturerId", id, "name", l.name(), "kind", kind.name())).record();
		return l;
	}

	private record Checked(String title, String practice, String results, TopicCategory topic, Region community,
			int households, Person secretary, int year) {
	}

	private Checked check(Draft d, List<FieldError> errors) {
		String title = Checks.text(d.title(), "title", true, 200, errors);
		String practice = Checks.text(d.practice(), "practice", true, 4000, errors);
		String results = Checks.text(d.results(), "results", true, 2000, errors);
		Checks.required(d.topic(), "topic", errors);
		Region community = community(d.communityCode(), "communityCode", errors);
		int households = Checks.range(d.households(), "households", 1, 1_000_000, errors);
		int year = Checks.range(d.year(), "year", 2000, 2100, errors);
		Person secretary = null;
		if (d.secretaryPersonId() != null) {
			secretary = org.person(d.secretaryPersonId()).orElse(null);
			if (secretary == null) {
				errors.add(new FieldError("secretaryPersonId", "training.person.notFound"));
			}
		}
		return new Checked(title, practice, results, d.topic(), community, households, secretary, year);
	}

	/** A community or village committee (a village-level region). */
	private Region community(String code, String field, List<FieldError> errors) {
		Region r = Checks.region(org, code, field, errors);
		if (r != null && r.level() != RegionLevel.VILLAGE) {
			errors.add(new FieldError(field, "training.case.notCommunity"));
			return null;
		}
		return r;
	}

	private static RegionKind kindOf(Region r) {
		return r.kind() == null ? RegionKind.OTHER : r.kind();
	}

	private Map<String, Object> values(Checked c) {
		Map<String, Object> v = new LinkedHashMap<>();
		v.put("title", c.title());
		v.put("practice", c.practice());
		v.put("results", c.results());
		v.put("topic", c.topic().name());
		v.put("code", c.community().code());
		v.put("cname", c.community().name());
		v.put("ckind", kindOf(c.community()).name());
		v.put("households", c.households());
		v.put("sp", c.secretary() == null ? null : c.secretary().id());
		v.put("sn", c.secretary() == null ? null : c.secretary().name());
		v.put("year", c.year());
		v.put("now", Sql.now());
		return v;
	}

	private static Case map(java.sql.ResultSet rs) throws java.sql.SQLException {
		int households = rs.getInt("households");
		return new Case(rs.getLong("id"), rs.getString("title"), rs.getString("practice"), rs.getString("results"),
				TopicCategory.valueOf(rs.getString("topic")), rs.getLong("community_code"), rs.getString("community_name"),
				RegionKind.valueOf(rs.getString("community_kind")), households, SizeBand.of(households),
				Sql.nullableLong(rs, "secretary_person_id"), rs.getString("secretary_name"), rs.getInt("recorded_year"),
				Sql.nullableLong(rs, "lecturer_id"), rs.getInt("version"));
	}

	static Map<String, Object> snapshot(Case k) {
		return mapOf("title", k.title(), "topic", k.topic().name(), "communityCode", k.communityCode(), "households",
				k.households(), "secretaryPersonId", k.secretaryPersonId(), "year", k.year(), "practice", k.practice(),
				"results", k.results());
	}
}
