package cn.grassroots.training.internal;

import static cn.grassroots.training.internal.Checks.mapOf;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.Person;
import cn.grassroots.org.PostType;
import cn.grassroots.org.Region;
import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.InvalidInputException.FieldError;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.platform.Sql;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;
import cn.grassroots.training.internal.ClassroomRepository.Classroom;
import cn.grassroots.training.internal.DuplicateCheck.Finding;
import cn.grassroots.training.internal.ProgrammeRepository.Programme;

/**
 * Enrolment from the roster in one step (everyone holding the programme's target posts under a
 * region, each placed in the most specific classroom the caller manages that covers their region)
 * or by picking people. Every new enrolment is checked for duplicate training at once, set-based;
 * clean ones are confirmed, the others wait as PENDING with their findings until an officer
 * confirms, excuses or swaps them, and that decision is recorded.
 */
@Service
public class EnrolmentService {

	public static final int MAX_CHECK = 5000;
	public static final int MAX_PICK = 500;

	public enum Decision {
		CONFIRM, EXCUSE, SWAP
	}

	/** What one enrolment run did. */
	public record Outcome(int enrolled, int confirmed, int pending, int alreadyEnrolled, int unplaced) {
	}

	public record EnrolmentView(long id, long programmeId, long classroomId, String classroomName, long personId,
			String personName, long regionCode, EnrolmentStatus status, List<Finding> findings) {
	}

	private record Placement(Person person, long classroomId) {
	}

	private final JdbcClient jdbc;
	private final NamedParameterJdbcTemplate batch;
	private final DuplicateCheck duplicates;
	private final ProgrammeService programmes;
	private final ProgrammeRepository programmeRows;
	private final ClassroomRepository classrooms;
	private final TrainingAccess access;
	private final OrgDirectory org;
	private final CurrentUser user;
	private final AuditLog audit;

	EnrolmentService(JdbcClient jdbc, NamedParameterJdbcTemplate batch, DuplicateCheck duplicates,
			ProgrammeService programmes, ProgrammeRepository programmeRows, ClassroomRepository classrooms,
			TrainingAccess access, OrgDirectory org, CurrentUser user, AuditLog audit) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.duplicates = duplicates;
		this.programmes = programmes;
		this.programmeRows = programmeRows;
		this.classrooms = classrooms;
		this.access = access;
		this.org = org;
		this.user = user;
		this.audit = audit;
	}

	/** The findings for these people, were they enrolled now; nothing is written. */
	public List<Finding> check(long programmeId, List<Long> personIds) {
		Programme p = programmes.get(programmeId);
		user.require(Permission.TRAINING_MANAGE);
		List<Long> ids = personIds(personIds, MAX_CHECK);
		// an earlier training is part of a person's record: only for people the caller may read
		Set<Long> visible = org.visiblePeople(ids);
		List<FieldError> errors = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			if (!visible.contains(ids.get(i))) {
				errors.add(new FieldError("personIds[" + i + "]", "training.person.notFound"));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		return duplicates.check(p, DuplicateCheck.Candidates.ids(ids));
	}

	private static List<Long> personIds(List<Long> personIds, int max) {
		if (personIds == null || personIds.isEmpty()) {
			throw InvalidInputException.of("personIds", "validation.required");
		}
		if (personIds.size() > max) {
			throw InvalidInputException.of("personIds", "training.enrolment.tooMany");
		}
		if (personIds.stream().anyMatch(id -> id == null)) {
			throw InvalidInputException.of("personIds", "training.person.notFound");
		}
		return personIds.stream().distinct().toList();
	}

	/** Everyone holding the programme's target posts at or below the region, placed by region. */
	@Transactional
	public Outcome enrolFromRoster(long programmeId, String regionCode, Long classroomId) {
		Programme p = programmes.get(programmeId);
		user.require(Permission.TRAINING_MANAGE);
		List<FieldError> errors = new ArrayList<>();
		Region region = Checks.region(org, regionCode, "regionCode", errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		List<Classroom> targets = targets(p, classroomId);
		Map<Long, Person> people = new LinkedHashMap<>();
		for (String post : p.targetPosts()) {
			for (Person person : org.holdersOf(PostType.valueOf(post), region.code())) {
				people.putIfAbsent(person.id(), person);
			}
		}
		List<Placement> placements = new ArrayList<>();
		int unplaced = 0;
		for (Person person : people.values()) {
			Classroom c = place(targets, person.regionCode());
			if (c == null) {
				unplaced++;
			}
			else {
				placements.add(new Placement(person, c.id()));
			}
		}
		return enrol(p, placements, unplaced, "roster " + region.code());
	}

	/** The people picked, all into one classroom. */
	@Transactional
	public Outcome enrolPicked(long programmeId, List<Long> personIds, Long classroomId) {
		Programme p = programmes.get(programmeId);
		user.require(Permission.TRAINING_MANAGE);
		if (classroomId == null) {
			throw InvalidInputException.of("classroomId", "validation.required");
		}
		List<Classroom> targets = targets(p, classroomId);
		List<Placement> placements = new ArrayList<>();
		List<FieldError> errors = new ArrayList<>();
		List<Long> ids = personIds(personIds, MAX_PICK);
		for (int i = 0; i < ids.size(); i++) {
			var person = org.person(ids.get(i));
			if (person.isEmpty()) {
				errors.add(new FieldError("personIds[" + i + "]", "training.person.notFound"));
			}
			else {
				placements.add(new Placement(person.get(), targets.get(0).id()));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		return enrol(p, placements, 0, "picked");
	}

	/** The classrooms the caller manages in the programme: the one asked for, or all of them. */
	private List<Classroom> targets(Programme p, Long classroomId) {
		List<Classroom> manageable = classrooms.ofProgramme(p.id(), access.manageableClassroom());
		if (classroomId != null) {
			var c = classrooms.find(classroomId).filter(x -> x.programmeId() == p.id())
				.orElseThrow(() -> InvalidInputException.of("classroomId", "training.classroom.notInProgramme"));
			if (manageable.stream().noneMatch(m -> m.id() == c.id())) {
				throw new ForbiddenException("the classroom is outside your scope");
			}
			return List.of(c);
		}
		if (manageable.isEmpty()) {
			throw new ForbiddenException("you manage no classroom of this programme");
		}
		return manageable;
	}

	/** The most specific classroom whose region covers the person's region. */
	static Classroom place(List<Classroom> targets, long regionCode) {
		return targets.stream()
			.filter(c -> AccessScope.Range.of(c.regionCode()).contains(regionCode))
			.min(Comparator.comparingLong(c -> {
				AccessScope.Range r = AccessScope.Range.of(c.regionCode());
				return r.to() - r.from();
			}))
			.orElse(null);
	}

	private Outcome enrol(Programme p, List<Placement> placements, int unplaced, String how) {
		programmeRows.lock(p.id());
		Set<Long> existing = new HashSet<>(jdbc.sql("SELECT person_id FROM training_enrolment WHERE programme_id = :p")
			.param("p", p.id()).query(Long.class).list());
		List<Placement> fresh = placements.stream().filter(x -> !existing.contains(x.person().id())).toList();
		int already = placements.size() - fresh.size();
		if (fresh.isEmpty()) {
			return new Outcome(0, 0, 0, already, unplaced);
		}
		long batchNo = jdbc.sql("SELECT COALESCE(MAX(batch_no), 0) + 1 FROM training_enrolment WHERE programme_id = :p")
			.param("p", p.id()).query(Long.class).single();
		var now = Sql.now();
		MapSqlParameterSource[] rows = fresh.stream().map(x -> new MapSqlParameterSource()
			.addValue("p", p.id())
			.addValue("c", x.classroomId())
			.addValue("person", x.person().id())
			.addValue("name", x.person().name())
			.addValue("region", x.person().regionCode())
			.addValue("batch", batchNo)
			.addValue("now", now)).toArray(MapSqlParameterSource[]::new);
		batch.batchUpdate("""
				INSERT INTO training_enrolment (programme_id, classroom_id, person_id, person_name, region_code, status,
				    batch_no, created_at)
				VALUES (:p, :c, :person, :name, :region, 'PENDING', :batch, :now)""", rows);
		List<Finding> findings = duplicates.check(p, DuplicateCheck.Candidates.batch(p.id(), batchNo));
		if (!findings.isEmpty()) {
			Map<Long, Long> enrolmentOf = new HashMap<>();
			jdbc.sql("SELECT id, person_id FROM training_enrolment WHERE programme_id = :p AND batch_no = :b")
				.param("p", p.id()).param("b", batchNo)
				.query((rs, n) -> enrolmentOf.put(rs.getLong("person_id"), rs.getLong("id"))).list();
			batch.batchUpdate("""
					INSERT INTO training_enrolment_finding (enrolment_id, finding, earlier_programme_id, earlier_record_id)
					VALUES (:e, :f, :q, :r)""", findings.stream().map(f -> new MapSqlParameterSource()
				.addValue("e", enrolmentOf.get(f.personId()))
				.addValue("f", f.finding().name())
				.addValue("q", f.earlierProgrammeId())
				.addValue("r", f.earlierRecordId())).toArray(MapSqlParameterSource[]::new));
		}
		int confirmed = jdbc.sql("""
				UPDATE training_enrolment SET status = 'CONFIRMED'
				WHERE programme_id = :p AND batch_no = :b
				  AND NOT EXISTS (SELECT 1 FROM training_enrolment_finding f WHERE f.enrolment_id = training_enrolment.id)""")
			.param("p", p.id()).param("b", batchNo).update();
		Outcome outcome = new Outcome(fresh.size(), confirmed, fresh.size() - confirmed, already, unplaced);
		audit.action("TRAINING_ENROL").target("training_programme", p.id()).region(p.sponsorRegionCode())
			.after(mapOf("how", how, "batch", batchNo, "enrolled", outcome.enrolled(), "confirmed", outcome.confirmed(),
					"pending", outcome.pending(), "alreadyEnrolled", already, "unplaced", unplaced))
			.record();
		return outcome;
	}

	/** An officer's decision on a pending enrolment; a swap enrols the other person (checked in turn). */
	@Transactional
	public EnrolmentView decide(long enrolmentId, Decision decision, String reason, Long swapPersonId) {
		EnrolmentView e = find(enrolmentId).orElseThrow(() -> new NotFoundException("no enrolment " + enrolmentId));
		if (!classrooms.passes(e.classroomId(), access.manageableClassroom())) {
			throw new ForbiddenException("the enrolment is outside your scope");
		}
		programmeRows.lock(e.programmeId());
		List<FieldError> errors = new ArrayList<>();
		Checks.required(decision, "decision", errors);
		String why = Checks.text(reason, "reason", decision == Decision.EXCUSE || decision == Decision.SWAP, 500, errors);
		Person swap = null;
		if (decision == Decision.SWAP) {
			if (Checks.required(swapPersonId, "swapPersonId", errors) != null) {
				swap = org.person(swapPersonId).orElse(null);
				if (swap == null) {
					errors.add(new FieldError("swapPersonId", "training.person.notFound"));
				}
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		if (e.status() != EnrolmentStatus.PENDING) {
			throw new ConflictException("enrolment " + enrolmentId + " is " + e.status() + ", not PENDING");
		}
		Long swapEnrolment = null;
		if (swap != null) {
			Programme p = programmeRows.find(e.programmeId()).orElseThrow();
			Outcome o = enrol(p, List.of(new Placement(swap, e.classroomId())), 0, "swap for enrolment " + enrolmentId);
			if (o.enrolled() == 0) {
				throw InvalidInputException.of("swapPersonId", "training.enrolment.already");
			}
			swapEnrolment = jdbc.sql("SELECT id FROM training_enrolment WHERE programme_id = :p AND person_id = :person")
				.param("p", e.programmeId()).param("person", swap.id()).query(Long.class).single();
		}
		EnrolmentStatus next = decision == Decision.CONFIRM ? EnrolmentStatus.CONFIRMED : EnrolmentStatus.EXCUSED;
		jdbc.sql("UPDATE training_enrolment SET status = :s WHERE id = :id AND status = 'PENDING'")
			.param("s", next.name()).param("id", enrolmentId).update();
		jdbc.sql("""
				INSERT INTO training_enrolment_decision (enrolment_id, decision, reason, swap_enrolment_id, decided_by, decided_at)
				VALUES (:e, :d, :r, :s, :by, :now)""")
			.param("e", enrolmentId).param("d", decision.name()).param("r", why).param("s", swapEnrolment)
			.param("by", user.username()).param("now", Sql.now()).update();
		audit.action("TRAINING_ENROLMENT_DECIDE").target("training_enrolment", enrolmentId).region(e.regionCode())
			.before(mapOf("status", e.status().name()))
			.after(mapOf("status", next.name(), "decision", decision.name(), "reason", why, "swapEnrolmentId", swapEnrolment))
			.record();
		return find(enrolmentId).orElseThrow();
	}

	/** Records a national training done outside the platform, for TRAINED_HIGHER. */
	@Transactional
	public long recordExternal(Long personId, String title, TopicCategory topic, LocalDate endDate,
			java.math.BigDecimal hours) {
		user.require(Permission.TRAINING_MANAGE);
		List<FieldError> errors = new ArrayList<>();
		Person person = null;
		if (Checks.required(personId, "personId", errors) != null) {
			person = org.person(personId).orElse(null);
			if (person == null) {
				errors.add(new FieldError("personId", "training.person.notFound"));
			}
		}
		String t = Checks.text(title, "title", true, 200, errors);
		Checks.required(topic, "topic", errors);
		Checks.required(endDate, "endDate", errors);
		if (endDate != null && (endDate.getYear() < 2000 || endDate.getYear() > 2100)) {
			errors.add(new FieldError("endDate", "training.validation.range"));
		}
		// hours count toward the yearly-hours requirement; optional, 0 when not given
		if (hours != null) {
			Checks.decimal(hours, "hours", java.math.BigDecimal.ZERO, new java.math.BigDecimal("500"), 1, errors);
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		if (!access.manageScope().reachesRegion(person.regionCode())) {
			throw new ForbiddenException("the person is outside your scope");
		}
		long id = duplicates.recordExternal(person.id(), t, "NATIONAL", topic, endDate, user.username());
		if (hours != null) {
			jdbc.sql("UPDATE training_external_record SET hours = :h WHERE id = :id").param("h", hours).param("id", id).update();
		}
		audit.action("TRAINING_EXTERNAL_RECORD").target("training_external_record", id).region(person.regionCode())
			.after(mapOf("personId", person.id(), "title", t, "level", "NATIONAL", "topic", topic.name(), "endDate",
					endDate.toString(), "hours", hours == null ? null : hours.toPlainString()))
			.record();
		return id;
	}

	public PageResult<EnrolmentView> list(long programmeId, EnrolmentStatus status, Long classroomId, PageRequest page) {
		programmes.get(programmeId);
		var visible = access.classroom();
		StringBuilder where = new StringBuilder(" WHERE e.programme_id = :pid AND ").append(visible.sql());
		Map<String, Object> params = new HashMap<>(visible.params());
		params.put("pid", programmeId);
		if (status != null) {
			where.append(" AND e.status = :status");
			params.put("status", status.name());
		}
		if (classroomId != null) {
			where.append(" AND e.classroom_id = :cid");
			params.put("cid", classroomId);
		}
		String from = " FROM training_enrolment e JOIN training_classroom c ON c.id = e.classroom_id"
				+ " JOIN training_programme p ON p.id = e.programme_id";
		long total = jdbc.sql("SELECT COUNT(*)" + from + where).params(params).query(Long.class).single();
		List<EnrolmentView> rows = jdbc.sql("SELECT e.id, e.programme_id, e.classroom_id, c.name AS classroom_name,"
				+ " e.person_id, e.person_name, e.region_code, e.status" + from + where
				+ " ORDER BY c.region_code, e.person_name, e.id LIMIT :limit OFFSET :offset")
			.params(params).param("limit", page.size()).param("offset", page.offset())
			.query((rs, n) -> view(rs))
			.list();
		return PageResult.of(withFindings(rows), page, total);
	}

	public java.util.Optional<EnrolmentView> find(long id) {
		return jdbc.sql("SELECT e.id, e.programme_id, e.classroom_id, c.name AS classroom_name, e.person_id, e.person_name,"
				+ " e.region_code, e.status FROM training_enrolment e JOIN training_classroom c ON c.id = e.classroom_id"
				+ " WHERE e.id = :id")
			.param("id", id).query((rs, n) -> view(rs)).optional()
			.map(v -> withFindings(List.of(v)).get(0));
	}

	private static EnrolmentView view(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new EnrolmentView(rs.getLong("id"), rs.getLong("programme_id"), rs.getLong("classroom_id"),
				rs.getString("classroom_name"), rs.getLong("person_id"), rs.getString("person_name"),
				rs.getLong("region_code"), EnrolmentStatus.valueOf(rs.getString("status")), List.of());
	}

	private List<EnrolmentView> withFindings(List<EnrolmentView> rows) {
		if (rows.isEmpty()) {
			return rows;
		}
		Map<Long, List<Finding>> byEnrolment = new HashMap<>();
		Map<Long, Long> personOf = new HashMap<>();
		rows.forEach(r -> personOf.put(r.id(), r.personId()));
		jdbc.sql("SELECT enrolment_id, finding, earlier_programme_id, earlier_record_id FROM training_enrolment_finding"
				+ " WHERE enrolment_id IN (:ids) ORDER BY enrolment_id, finding")
			.param("ids", rows.stream().map(EnrolmentView::id).toList())
			.query((rs, n) -> byEnrolment.computeIfAbsent(rs.getLong("enrolment_id"), k -> new ArrayList<>())
				.add(new Finding(personOf.get(rs.getLong("enrolment_id")), DuplicateCheck.Kind.valueOf(rs.getString("finding")),
						Sql.nullableLong(rs, "earlier_programme_id"), Sql.nullableLong(rs, "earlier_record_id"))))
			.list();
		return rows.stream().map(r -> new EnrolmentView(r.id(), r.programmeId(), r.classroomId(), r.classroomName(),
				r.personId(), r.personName(), r.regionCode(), r.status(), byEnrolment.getOrDefault(r.id(), List.of())))
			.toList();
	}
}
