package cn.grassroots.training.internal;

import static cn.grassroots.training.internal.Checks.mapOf;

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
import cn.grassroots.training.internal.ProgrammeRepository.Programme;

/**
 * 督学: a programme's supervision teams (per-person membership, checked in SQL), their visits to
 * classrooms, the findings of each visit and each finding's rectification: the classroom reports
 * what it did (OPEN → RECTIFIED), the team accepts it (CLOSED) or sends it back (OPEN). Officers
 * of the programme act for the team too.
 */
@Service
public class SupervisionService {

	public record Member(long personId, String name, boolean leader) {
	}

	public record Team(long id, long programmeId, String name, List<Member> members) {
	}

	public record Visit(long id, long teamId, String teamName, long classroomId, String classroomName, LocalDate visitedOn,
			String summary, String createdBy, long openFindings) {
	}

	public record Step(String step, String note, String by, Instant at) {
	}

	public record Finding(long id, long visitId, long classroomId, String classroomName, String description,
			LocalDate deadline, FindingStatus status, String createdBy, Instant createdAt, String closedBy,
			Instant closedAt, int version, List<Step> steps) {
	}

	public record TeamDraft(String name, List<Long> memberPersonIds, Long leaderPersonId) {
	}

	public record VisitDraft(Long teamId, Long classroomId, LocalDate visitedOn, String summary) {
	}

	public record FindingDraft(String description, LocalDate deadline) {
	}

	private final JdbcClient jdbc;
	private final ProgrammeService programmes;
	private final ClassroomService classrooms;
	private final ClassroomRepository classroomRows;
	private final SeminarService seminars;
	private final TrainingAccess access;
	private final OrgDirectory org;
	private final CurrentUser user;
	private final AuditLog audit;

	SupervisionService(JdbcClient jdbc, ProgrammeService programmes, ClassroomService classrooms,
			ClassroomRepository classroomRows, SeminarService seminars, TrainingAccess access, OrgDirectory org,
			CurrentUser user, AuditLog audit) {
		this.jdbc = jdbc;
		this.programmes = programmes;
		this.classrooms = classrooms;
		this.classroomRows = classroomRows;
		this.seminars = seminars;
		this.access = access;
		this.org = org;
		this.user = user;
		this.audit = audit;
	}

	// ------------------------------------------------------------------ teams

	public List<Team> teams(long programmeId) {
		requireProgramme(programmeId);
		Map<Long, List<Member>> members = new HashMap<>();
		jdbc.sql("""
				SELECT m.team_id, m.person_id, m.person_name, m.leader FROM training_supervision_member m
				JOIN training_supervision_team t ON t.id = m.team_id WHERE t.programme_id = :p
				ORDER BY m.leader DESC, m.person_name""")
			.param("p", programmeId)
			.query(rs -> {
				members.computeIfAbsent(rs.getLong("team_id"), k -> new ArrayList<>())
					.add(new Member(rs.getLong("person_id"), rs.getString("person_name"), rs.getBoolean("leader")));
			});
		return jdbc.sql("SELECT id, programme_id, name FROM training_supervision_team WHERE programme_id = :p ORDER BY name, id")
			.param("p", programmeId)
			.query((rs, n) -> new Team(rs.getLong("id"), rs.getLong("programme_id"), rs.getString("name"),
					members.getOrDefault(rs.getLong("id"), List.of())))
			.list();
	}

	@Transactional
	public Team createTeam(long programmeId, TeamDraft d) {
		Programme p = programmes.requireManageable(programmeId);
		List<FieldError> errors = new ArrayList<>();
		String name = Checks.text(d.name(), "name", true, 100, errors);
		if (name != null && name.length() <= 100 && jdbc.sql("SELECT COUNT(*) FROM training_supervision_team WHERE programme_id = :p AND name = :n")
			.param("p", programmeId).param("n", name).query(Long.class).single() > 0) {
			errors.add(new FieldError("name", "training.supervision.teamDuplicate"));
		}
		Map<Long, Person> people = new LinkedHashMap<>();
		if (d.memberPersonIds() == null || d.memberPersonIds().isEmpty()) {
			errors.add(new FieldError("memberPersonIds", "validation.required"));
		}
		else if (d.memberPersonIds().size() > 50) {
			errors.add(new FieldError("memberPersonIds", "training.validation.range"));
		}
		else {
			for (int i = 0; i < d.memberPersonIds().size(); i++) {
				Long id = d.memberPersonIds().get(i);
				Person person = id == null ? null : org.person(id).orElse(null);
				if (person == null) {
					errors.add(new FieldError("memberPersonIds[" + i + "]", "training.person.notFound"));
				}
				else {
					people.put(id, person);
				}
			}
		}
		if (d.leaderPersonId() != null && !people.containsKey(d.leaderPersonId())) {
			errors.add(new FieldError("leaderPersonId", "training.supervision.leaderNotMember"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		long id = Sql.insert(jdbc.sql("INSERT INTO training_supervision_team (programme_id, name, created_by, created_at)"
				+ " VALUES (:p, :n, :by, :now)").param("p", programmeId).param("n", name).param("by", user.username())
			.param("now", Sql.now()));
		people.values().forEach(person -> jdbc.sql("INSERT INTO training_supervision_member (team_id, person_id, person_name, leader)"
				+ " VALUES (:t, :p, :n, :l)").param("t", id).param("p", person.id()).param("n", person.name())
			.param("l", person.id() == (d.leaderPersonId() == null ? -1L : d.leaderPersonId())).update());
		audit.action("TRAINING_SUPERVISION_TEAM_CREATE").target("training_supervision_team", id).region(p.sponsorRegionCode())
			.after(mapOf("programmeId", programmeId, "name", name, "members", List.copyOf(people.keySet()), "leader",
					d.leaderPersonId()))
			.record();
		return teams(programmeId).stream().filter(t -> t.id() == id).findFirst().orElseThrow();
	}

	// ------------------------------------------------------------------ visits

	private static final String VISITS = """
			SELECT v.id, v.team_id, t.name AS team_name, v.classroom_id, c.name AS classroom_name, v.visited_on, v.summary,
			    v.created_by, (SELECT COUNT(*) FROM training_supervision_finding f WHERE f.visit_id = v.id AND f.status <> 'CLOSED') AS open_findings
			FROM training_supervision_visit v
			JOIN training_supervision_team t ON t.id = v.team_id
			JOIN training_classroom c ON c.id = v.classroom_id
			JOIN training_programme p ON p.id = c.programme_id""";

	/** The programme's visits the caller may read: to classrooms seen officially, or by a team the caller is on. */
	public List<Visit> visits(long programmeId) {
		requireProgramme(programmeId);
		TrainingAccess.Condition c = readable();
		return jdbc.sql(VISITS + " WHERE t.programme_id = :p AND " + c.sql() + " ORDER BY v.visited_on DESC, v.id DESC")
			.param("p", programmeId).params(c.params()).query(SupervisionService::visit).list();
	}

	public Visit visit(long id) {
		TrainingAccess.Condition c = readable();
		Visit v = jdbc.sql(VISITS + " WHERE v.id = :id").param("id", id).query(SupervisionService::visit).optional()
			.orElseThrow(() -> new NotFoundException("no visit " + id));
		boolean ok = jdbc.sql(VISITS + " WHERE v.id = :id AND " + c.sql()).param("id", id).params(c.params())
			.query(SupervisionService::visit).optional().isPresent();
		if (!ok) {
			throw new ForbiddenException("the visit is outside your scope");
		}
		return v;
	}

	@Transactional
	public Visit createVisit(long programmeId, VisitDraft d) {
		Programme p = requireProgramme(programmeId);
		List<FieldError> errors = new ArrayList<>();
		Checks.required(d.teamId(), "teamId", errors);
		Checks.required(d.classroomId(), "classroomId", errors);
		Checks.required(d.visitedOn(), "visitedOn", errors);
		String summary = Checks.text(d.summary(), "summary", false, 4000, errors);
		if (d.teamId() != null && jdbc.sql("SELECT COUNT(*) FROM training_supervision_team WHERE id = :t AND programme_id = :p")
			.param("t", d.teamId()).param("p", programmeId).query(Long.class).single() == 0) {
			errors.add(new FieldError("teamId", "training.supervision.teamNotFound"));
		}
		Classroom c = d.classroomId() == null ? null : classroomRows.find(d.classroomId()).orElse(null);
		if (d.classroomId() != null && (c == null || c.programmeId() != programmeId)) {
			errors.add(new FieldError("classroomId", "training.supervision.classroomNotFound"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		if (!programmes.canManage(p) && !onTeam(d.teamId())) {
			throw new ForbiddenException("only the programme's officers and the team's members record its visits");
		}
		long id = Sql.insert(jdbc.sql("""
				INSERT INTO training_supervision_visit (team_id, classroom_id, visited_on, summary, created_by, created_at)
				VALUES (:t, :c, :d, :s, :by, :now)""")
			.param("t", d.teamId()).param("c", d.classroomId()).param("d", d.visitedOn()).param("s", summary)
			.param("by", user.username()).param("now", Sql.now()));
		audit.action("TRAINING_SUPERVISION_VISIT_CREATE").target("training_supervision_visit", id).region(c.regionCode())
			.after(mapOf("teamId", d.teamId(), "classroomId", d.classroomId(), "visitedOn", d.visitedOn(), "summary", summary))
			.record();
		return visit(id);
	}

	// ------------------------------------------------------------------ findings

	private static final String FINDINGS = """
			SELECT f.id, f.visit_id, f.classroom_id, c.name AS classroom_name, f.description, f.deadline, f.status,
			    f.created_by, f.created_at, f.closed_by, f.closed_at, f.version
			FROM training_supervision_finding f
			JOIN training_supervision_visit v ON v.id = f.visit_id
			JOIN training_supervision_team t ON t.id = v.team_id
			JOIN training_classroom c ON c.id = f.classroom_id
			JOIN training_programme p ON p.id = c.programme_id""";

	/** The programme's findings the caller may read, optionally of one status, oldest deadline first. */
	public List<Finding> findings(long programmeId, FindingStatus status) {
		requireProgramme(programmeId);
		TrainingAccess.Condition c = readable();
		Map<String, Object> params = new HashMap<>(c.params());
		params.put("p", programmeId);
		String extra = "";
		if (status != null) {
			extra = " AND f.status = :status";
			params.put("status", status.name());
		}
		return jdbc.sql(FINDINGS + " WHERE c.programme_id = :p AND " + c.sql() + extra + " ORDER BY f.deadline, f.id LIMIT 1000")
			.params(params).query((rs, n) -> finding(rs, List.of())).list();
	}

	public Finding finding(long id) {
		Finding f = findRow(id).orElseThrow(() -> new NotFoundException("no finding " + id));
		visit(f.visitId());
		return f;
	}

	private java.util.Optional<Finding> findRow(long id) {
		List<Step> steps = jdbc.sql("SELECT step, note, by_username, step_at FROM training_rectification WHERE finding_id = :f ORDER BY id")
			.param("f", id)
			.query((rs, n) -> new Step(rs.getString("step"), rs.getString("note"), rs.getString("by_username"),
					Sql.instant(rs, "step_at")))
			.list();
		return jdbc.sql(FINDINGS + " WHERE f.id = :id").param("id", id).query((rs, n) -> finding(rs, steps)).optional();
	}

	@Transactional
	public Finding addFinding(long visitId, FindingDraft d) {
		Visit v = visit(visitId);
		requireTeamSide(v.teamId());
		List<FieldError> errors = new ArrayList<>();
		String description = Checks.text(d.description(), "description", true, 2000, errors);
		if (Checks.required(d.deadline(), "deadline", errors) != null
				&& (d.deadline().isBefore(v.visitedOn()) || d.deadline().isAfter(v.visitedOn().plusYears(2)))) {
			errors.add(new FieldError("deadline", "training.supervision.deadlineRange"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		long id = Sql.insert(jdbc.sql("""
				INSERT INTO training_supervision_finding (visit_id, classroom_id, description, deadline, status, created_by, created_at)
				VALUES (:v, :c, :d, :dl, 'OPEN', :by, :now)""")
			.param("v", visitId).param("c", v.classroomId()).param("d", description).param("dl", d.deadline())
			.param("by", user.username()).param("now", Sql.now()));
		step(id, "FOUND", description);
		audit.action("TRAINING_SUPERVISION_FINDING_CREATE").target("training_supervision_finding", id)
			.region(regionOf(v.classroomId()))
			.after(mapOf("visitId", visitId, "description", description, "deadline", d.deadline(), "status", "OPEN")).record();
		return findRow(id).orElseThrow();
	}

	/** The classroom reports what it did about an open finding. */
	@Transactional
	public Finding reportRectification(long findingId, String note) {
		Finding f = finding(findingId);
		if (!seminars.canRun(f.classroomId())) {
			throw new ForbiddenException("only the classroom's officers and head teachers report its rectification");
		}
		return move(f, FindingStatus.OPEN, FindingStatus.RECTIFIED, "REPORTED", note);
	}

	/** The team accepts a rectification (closed) or sends the finding back (open again). */
	@Transactional
	public Finding review(long findingId, boolean accept, String note) {
		Finding f = finding(findingId);
		long team = jdbc.sql("SELECT v.team_id FROM training_supervision_visit v WHERE v.id = :v").param("v", f.visitId())
			.query(Long.class).single();
		requireTeamSide(team);
		return move(f, FindingStatus.RECTIFIED, accept ? FindingStatus.CLOSED : FindingStatus.OPEN,
				accept ? "CLOSED" : "RETURNED", note);
	}

	/** Findings not yet closed in the programme (or one classroom of it) the caller may read: for dashboards. */
	public long openFindingCount(long programmeId, Long classroomId) {
		requireProgramme(programmeId);
		TrainingAccess.Condition c = readable();
		Map<String, Object> params = new HashMap<>(c.params());
		params.put("p", programmeId);
		String extra = "";
		if (classroomId != null) {
			extra = " AND f.classroom_id = :room";
			params.put("room", classroomId);
		}
		return jdbc.sql("SELECT COUNT(*) FROM (" + FINDINGS + " WHERE c.programme_id = :p AND f.status <> 'CLOSED' AND " + c.sql()
				+ extra + ") x").params(params).query(Long.class).single();
	}

	private Finding move(Finding f, FindingStatus from, FindingStatus to, String step, String note) {
		List<FieldError> errors = new ArrayList<>();
		String n = Checks.text(note, "note", true, 2000, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		boolean closing = to == FindingStatus.CLOSED;
		int updated = jdbc.sql("""
				UPDATE training_supervision_finding SET status = :to, version = version + 1,
				    closed_by = :cb, closed_at = :ca
				WHERE id = :id AND status = :from""")
			.param("to", to.name()).param("from", from.name()).param("id", f.id())
			.param("cb", closing ? user.username() : null).param("ca", closing ? Sql.now() : null).update();
		if (updated == 0) {
			throw new ConflictException("the finding is " + f.status() + ", not " + from);
		}
		step(f.id(), step, n);
		audit.action("TRAINING_SUPERVISION_FINDING_" + step).target("training_supervision_finding", f.id())
			.region(regionOf(f.classroomId()))
			.before(mapOf("status", f.status().name())).after(mapOf("status", to.name(), "note", n)).record();
		return findRow(f.id()).orElseThrow();
	}

	private void step(long findingId, String step, String note) {
		jdbc.sql("INSERT INTO training_rectification (finding_id, step, note, by_username, step_at) VALUES (:f, :s, :n, :by, :now)")
			.param("f", findingId).param("s", step).param("n", note).param("by", user.username()).param("now", Sql.now())
			.update();
	}

	/** The programme, if the caller sees it or sits on one of its supervision teams. */
	private Programme requireProgramme(long programmeId) {
		Programme p = programmes.requireVisibleForUpdate(programmeId);
		boolean supervisor = jdbc.sql("""
				SELECT COUNT(*) FROM training_supervision_member m JOIN training_supervision_team t ON t.id = m.team_id
				WHERE t.programme_id = :p AND m.person_id = :me""").param("p", programmeId).param("me", access.me())
			.query(Long.class).single() > 0;
		return supervisor ? p : programmes.get(programmeId);
	}

	/** The programme, for the caller who sees it or sits on one of its supervision teams. */
	public Programme programme(long programmeId) {
		return requireProgramme(programmeId);
	}

	/** The programme a team belongs to. */
	public long programmeOfTeam(long teamId) {
		return jdbc.sql("SELECT programme_id FROM training_supervision_team WHERE id = :t").param("t", teamId)
			.query(Long.class).optional().orElseThrow(() -> new NotFoundException("no team " + teamId));
	}

	/** The findings of a visit the caller may read, oldest deadline first, each with its steps. */
	public List<Finding> findingsOfVisit(long visitId) {
		visit(visitId);
		List<Long> ids = jdbc.sql("SELECT id FROM training_supervision_finding WHERE visit_id = :v ORDER BY deadline, id")
			.param("v", visitId).query(Long.class).list();
		return ids.stream().map(id -> findRow(id).orElseThrow()).toList();
	}

	/** A person of the roster offered for a team, with where they are, to tell namesakes apart. */
	public record Candidate(long personId, String name, String regionPath, String unitName) {

		static Candidate of(Person p) {
			return new Candidate(p.id(), p.name(), p.regionPath(), p.unitName());
		}
	}

	/** Up to ten people of the roster in the caller's scope whose name contains the text (the programme's officers). */
	public List<Candidate> rosterCandidates(long programmeId, String text, java.util.Collection<Long> picked) {
		programmes.requireManageable(programmeId);
		return org.findPeople(text, 10 + picked.size()).stream()
			.filter(p -> !picked.contains(p.id()))
			.limit(10)
			.map(Candidate::of)
			.toList();
	}

	/** These people of the roster as the caller sees them, in the given order (the programme's officers). */
	public List<Candidate> rosterPeople(long programmeId, List<Long> personIds) {
		programmes.requireManageable(programmeId);
		return personIds.stream().distinct().limit(50).map(id -> org.person(id).map(Candidate::of).orElse(null))
			.filter(java.util.Objects::nonNull).toList();
	}

	/** Whether the caller acts for the team: one of its members, or an officer of its programme (for forms). */
	public boolean canActForTeam(long teamId) {
		Long programmeId = jdbc.sql("SELECT programme_id FROM training_supervision_team WHERE id = :t").param("t", teamId)
			.query(Long.class).optional().orElse(null);
		return programmeId != null && (onTeam(teamId) || programmes.canManage(programmes.requireVisibleForUpdate(programmeId)));
	}

	/** Whether the caller may record visits in the programme: its officers and the members of its teams. */
	public boolean canRecordVisits(long programmeId) {
		Programme p = requireProgramme(programmeId);
		return programmes.canManage(p) || jdbc.sql("""
				SELECT COUNT(*) FROM training_supervision_member m JOIN training_supervision_team t ON t.id = m.team_id
				WHERE t.programme_id = :p AND m.person_id = :me""").param("p", programmeId).param("me", access.me())
			.query(Long.class).single() > 0;
	}

	/** The teams the caller may record a visit for: all for the programme's officers, else the caller's own. */
	public List<Team> teamsToVisitWith(long programmeId) {
		Programme p = requireProgramme(programmeId);
		List<Team> all = teams(programmeId);
		if (programmes.canManage(p)) {
			return all;
		}
		long me = access.me();
		return all.stream().filter(t -> t.members().stream().anyMatch(m -> m.personId() == me)).toList();
	}

	/** The programme's classrooms a team may visit (all of them), for a caller who may record visits. */
	public List<Classroom> visitableClassrooms(long programmeId) {
		if (!canRecordVisits(programmeId)) {
			throw new ForbiddenException("only the programme's officers and the team's members record its visits");
		}
		return classroomRows.ofProgramme(programmeId, new TrainingAccess.Condition("1=1", Map.of()));
	}

	private boolean onTeam(long teamId) {
		return jdbc.sql("SELECT COUNT(*) FROM training_supervision_member WHERE team_id = :t AND person_id = :me")
			.param("t", teamId).param("me", access.me()).query(Long.class).single() > 0;
	}

	/** The team's members, or the programme's officers. */
	private void requireTeamSide(long teamId) {
		long programmeId = jdbc.sql("SELECT programme_id FROM training_supervision_team WHERE id = :t").param("t", teamId)
			.query(Long.class).single();
		Programme p = programmes.requireVisibleForUpdate(programmeId);
		if (!onTeam(teamId) && !programmes.canManage(p)) {
			throw new ForbiddenException("only the team's members and the programme's officers act for the team");
		}
	}

	/** Official sight of the classroom, or membership of the visiting team. */
	private TrainingAccess.Condition readable() {
		TrainingAccess.Condition official = access.officialClassroom();
		Map<String, Object> params = new HashMap<>(official.params());
		params.put("sme", access.me());
		return new TrainingAccess.Condition("(" + official.sql() + " OR EXISTS (SELECT 1 FROM training_supervision_member sm"
				+ " WHERE sm.team_id = t.id AND sm.person_id = :sme))", params);
	}

	private long regionOf(long classroomId) {
		return classroomRows.find(classroomId).map(Classroom::regionCode).orElse(0L);
	}

	private static Visit visit(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Visit(rs.getLong("id"), rs.getLong("team_id"), rs.getString("team_name"), rs.getLong("classroom_id"),
				rs.getString("classroom_name"), Sql.date(rs, "visited_on"), rs.getString("summary"), rs.getString("created_by"),
				rs.getLong("open_findings"));
	}

	private static Finding finding(java.sql.ResultSet rs, List<Step> steps) throws java.sql.SQLException {
		return new Finding(rs.getLong("id"), rs.getLong("visit_id"), rs.getLong("classroom_id"), rs.getString("classroom_name"),
				rs.getString("description"), Sql.date(rs, "deadline"), FindingStatus.valueOf(rs.getString("status")),
				rs.getString("created_by"), Sql.instant(rs, "created_at"), rs.getString("closed_by"),
				Sql.instant(rs, "closed_at"), rs.getInt("version"), steps);
	}
}
