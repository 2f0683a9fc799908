package cn.grassroots.training.internal;

import static cn.grassroots.training.internal.Checks.mapOf;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.Region;
import cn.grassroots.org.RegionLevel;
import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.InvalidInputException.FieldError;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.Sql;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.training.ActionListAdopted;
import cn.grassroots.training.internal.ClassroomRepository.Classroom;

/**
 * 研讨课: a classroom's seminar on a topic (typed in, or one of the survey findings the module
 * keeps), its groups of trainees each led by a facilitator, and each group's achievement-conversion
 * list (成果转化清单) of concrete measures. Adopting a list freezes it and publishes
 * {@link ActionListAdopted} in the same transaction (the event publication registry delivers it at
 * least once), so each trainee's items follow them home as measures.
 *
 * <p>The classroom's officers and head teachers run seminars; a group's facilitator (a per-person
 * assignment, checked in SQL) writes the group's list; only officers and head teachers adopt it.
 */
@Service
public class SeminarService {

	public record Seminar(long id, long classroomId, long programmeId, String classroomName, String topic, Long findingId,
			LocalDate heldOn, Long sessionId, String createdBy, Instant createdAt) {
	}

	public record Member(long personId, String name) {
	}

	public record Item(long id, String title, long ownerPersonId, String ownerName, long communityCode,
			LocalDate deadline, String expectedResult) {
	}

	public record Group(long id, long seminarId, String name, long facilitatorPersonId, String facilitatorName,
			List<Member> members, long listId, ActionListStatus listStatus, String adoptedBy, Instant adoptedAt,
			int listVersion, List<Item> items) {
	}

	/** One of the caller's own items, with where it came from. */
	public record OwnItem(Item item, long listId, String groupName, String seminarTopic, long classroomId,
			String classroomName, Instant adoptedAt) {
	}

	public record Draft(String topic, Long findingId, LocalDate heldOn, Long sessionId) {
	}

	public record ItemDraft(String title, Long ownerPersonId, String communityCode, LocalDate deadline,
			String expectedResult) {
	}

	/** A confirmed trainee of the classroom not yet in a group of the seminar, with the region they are enrolled from. */
	public record Candidate(long personId, String name, long regionCode, String regionName) {
	}

	/** A group's list holds concrete measures, not a programme: at most this many. */
	static final int MAX_ITEMS = 50;

	private final JdbcClient jdbc;
	private final ClassroomService classrooms;
	private final ClassroomRepository classroomRows;
	private final ProgrammeRepository programmes;
	private final TrainingAccess access;
	private final OrgDirectory org;
	private final CurrentUser user;
	private final AuditLog audit;
	private final ApplicationEventPublisher events;

	SeminarService(JdbcClient jdbc, ClassroomService classrooms, ClassroomRepository classroomRows,
			ProgrammeRepository programmes, TrainingAccess access, OrgDirectory org, CurrentUser user, AuditLog audit,
			ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.classrooms = classrooms;
		this.classroomRows = classroomRows;
		this.programmes = programmes;
		this.access = access;
		this.org = org;
		this.user = user;
		this.audit = audit;
		this.events = events;
	}

	private static final String SELECT = """
			SELECT s.id, s.classroom_id, c.programme_id, c.name AS classroom_name, s.topic, s.finding_id, s.held_on,
			    s.session_id, s.created_by, s.created_at
			FROM training_seminar s JOIN training_classroom c ON c.id = s.classroom_id""";

	// ------------------------------------------------------------------ reading

	/** The classroom's seminars, newest first; the classroom must be visible. */
	public List<Seminar> ofClassroom(long classroomId) {
		classrooms.get(classroomId);
		return jdbc.sql(SELECT + " WHERE s.classroom_id = :c ORDER BY s.held_on DESC, s.id DESC").param("c", classroomId)
			.query(SeminarService::seminar).list();
	}

	public Seminar get(long id) {
		Seminar s = jdbc.sql(SELECT + " WHERE s.id = :id").param("id", id).query(SeminarService::seminar).optional()
			.orElseThrow(() -> new NotFoundException("no seminar " + id));
		classrooms.get(s.classroomId());
		return s;
	}

	/** The seminar's groups with their members and lists. */
	public List<Group> groups(long seminarId) {
		get(seminarId);
		return groupsOf(seminarId);
	}

	private List<Group> groupsOf(long seminarId) {
		Map<Long, List<Member>> members = new HashMap<>();
		jdbc.sql("SELECT group_id, person_id, person_name FROM training_seminar_member WHERE seminar_id = :s ORDER BY person_name, person_id")
			.param("s", seminarId)
			.query(rs -> {
				members.computeIfAbsent(rs.getLong("group_id"), k -> new ArrayList<>())
					.add(new Member(rs.getLong("person_id"), rs.getString("person_name")));
			});
		Map<Long, List<Item>> items = new HashMap<>();
		jdbc.sql("""
				SELECT i.list_id, i.id, i.title, i.owner_person_id, i.owner_name, i.community_code, i.deadline, i.expected_result
				FROM training_action_item i JOIN training_action_list l ON l.id = i.list_id
				JOIN training_seminar_group g ON g.id = l.group_id WHERE g.seminar_id = :s ORDER BY i.id""")
			.param("s", seminarId)
			.query(rs -> {
				items.computeIfAbsent(rs.getLong("list_id"), k -> new ArrayList<>()).add(item(rs));
			});
		return jdbc.sql("""
				SELECT g.id, g.seminar_id, g.name, g.facilitator_person_id, g.facilitator_name, l.id AS list_id, l.status,
				    l.adopted_by, l.adopted_at, l.version
				FROM training_seminar_group g JOIN training_action_list l ON l.group_id = g.id
				WHERE g.seminar_id = :s ORDER BY g.name, g.id""")
			.param("s", seminarId)
			.query((rs, n) -> new Group(rs.getLong("id"), rs.getLong("seminar_id"), rs.getString("name"),
					rs.getLong("facilitator_person_id"), rs.getString("facilitator_name"),
					members.getOrDefault(rs.getLong("id"), List.of()), rs.getLong("list_id"),
					ActionListStatus.valueOf(rs.getString("status")), rs.getString("adopted_by"), Sql.instant(rs, "adopted_at"),
					rs.getInt("version"), items.getOrDefault(rs.getLong("list_id"), List.of())))
			.list();
	}

	public Group group(long groupId) {
		long seminarId = seminarOfGroup(groupId);
		return groups(seminarId).stream().filter(g -> g.id() == groupId).findFirst()
			.orElseThrow(() -> new NotFoundException("no group " + groupId));
	}

	/** The caller's own items of adopted lists (照单落实), newest list first. */
	public List<OwnItem> myItems() {
		return itemsOf(access.me());
	}

	List<OwnItem> itemsOf(long personId) {
		return jdbc.sql("""
				SELECT i.id, i.title, i.owner_person_id, i.owner_name, i.community_code, i.deadline, i.expected_result,
				    l.id AS list_id, g.name AS group_name, s.topic, c.id AS classroom_id, c.name AS classroom_name, l.adopted_at
				FROM training_action_item i
				JOIN training_action_list l ON l.id = i.list_id
				JOIN training_seminar_group g ON g.id = l.group_id
				JOIN training_seminar s ON s.id = g.seminar_id
				JOIN training_classroom c ON c.id = s.classroom_id
				WHERE i.owner_person_id = :me AND l.status = 'ADOPTED'
				ORDER BY l.adopted_at DESC, i.deadline, i.id""")
			.param("me", personId)
			.query((rs, n) -> new OwnItem(item(rs), rs.getLong("list_id"), rs.getString("group_name"), rs.getString("topic"),
					rs.getLong("classroom_id"), rs.getString("classroom_name"), Sql.instant(rs, "adopted_at")))
			.list();
	}

	/** Whether the caller may run the classroom's seminars (its officers and head teachers). */
	public boolean canRun(long classroomId) {
		Classroom c = classroomRows.find(classroomId).orElse(null);
		return c != null && (classrooms.canManage(c) || classroomRows.hasStaff(classroomId, access.me(), StaffRole.HEAD_TEACHER));
	}

	/** Whether the caller may write the group's list: the classroom's officers and head teachers, or the group's facilitator. */
	public boolean canWrite(long groupId) {
		TrainingAccess.Condition m = access.manageableClassroom();
		Map<String, Object> params = new HashMap<>(m.params());
		params.put("g", groupId);
		params.put("gme", access.me());
		return jdbc.sql("""
				SELECT COUNT(*) FROM training_seminar_group g
				JOIN training_seminar s ON s.id = g.seminar_id
				JOIN training_classroom c ON c.id = s.classroom_id
				JOIN training_programme p ON p.id = c.programme_id
				WHERE g.id = :g AND (g.facilitator_person_id = :gme
				    OR EXISTS (SELECT 1 FROM training_staff t WHERE t.classroom_id = c.id AND t.person_id = :gme AND t.role = 'HEAD_TEACHER')
				    OR """ + m.sql() + ")")
			.params(params).query(Long.class).single() > 0;
	}

	// ------------------------------------------------------------------ writing

	@Transactional
	public Seminar create(long classroomId, Draft d) {
		Classroom c = requireRunner(classroomId);
		List<FieldError> errors = new ArrayList<>();
		String topic = Checks.text(d.topic(), "topic", false, 500, errors);
		if (d.findingId() != null) {
			Optional<String> title = jdbc.sql("SELECT title FROM training_topic_candidate WHERE finding_id = :f")
				.param("f", d.findingId()).query(String.class).optional();
			boolean visible = title.isPresent()
					&& access.readScope().reachesRegion(jdbc.sql("SELECT region_code FROM training_topic_candidate WHERE finding_id = :f")
						.param("f", d.findingId()).query(Long.class).single());
			if (!visible) {
				errors.add(new FieldError("findingId", "training.seminar.findingNotFound"));
			}
			else if (topic == null) {
				topic = title.get();
			}
		}
		else if (topic == null) {
			errors.add(new FieldError("topic", "validation.required"));
		}
		var programme = programmes.find(c.programmeId()).orElseThrow();
		if (Checks.required(d.heldOn(), "heldOn", errors) != null
				&& (d.heldOn().isBefore(programme.startDate().minusDays(30)) || d.heldOn().isAfter(programme.endDate().plusDays(30)))) {
			errors.add(new FieldError("heldOn", "training.seminar.outsideProgramme"));
		}
		if (d.sessionId() != null && jdbc.sql("""
				SELECT COUNT(*) FROM training_session s JOIN training_plan pl ON pl.id = s.plan_id
				WHERE s.id = :s AND pl.classroom_id = :c AND s.course_type = 'SEMINAR'""")
			.param("s", d.sessionId()).param("c", classroomId).query(Long.class).single() == 0) {
			errors.add(new FieldError("sessionId", "training.seminar.sessionNotSeminar"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		long id = Sql.insert(jdbc.sql("""
				INSERT INTO training_seminar (classroom_id, topic, finding_id, held_on, session_id, created_by, created_at)
				VALUES (:c, :topic, :finding, :held, :session, :by, :now)""")
			.param("c", classroomId).param("topic", topic).param("finding", d.findingId()).param("held", d.heldOn())
			.param("session", d.sessionId()).param("by", user.username()).param("now", Sql.now()));
		audit.action("TRAINING_SEMINAR_CREATE").target("training_seminar", id).region(c.regionCode())
			.after(mapOf("classroomId", classroomId, "topic", topic, "findingId", d.findingId(), "heldOn", d.heldOn(),
					"sessionId", d.sessionId()))
			.record();
		return get(id);
	}

	/** A group led by a facilitator: someone assigned to the classroom as facilitator or head teacher. */
	@Transactional
	public Group addGroup(long seminarId, String name, Long facilitatorPersonId) {
		Seminar s = get(seminarId);
		Classroom c = requireRunner(s.classroomId());
		List<FieldError> errors = new ArrayList<>();
		String n = Checks.text(name, "name", true, 100, errors);
		if (n != null && n.length() <= 100 && jdbc.sql("SELECT COUNT(*) FROM training_seminar_group WHERE seminar_id = :s AND name = :n")
			.param("s", seminarId).param("n", n).query(Long.class).single() > 0) {
			errors.add(new FieldError("name", "training.group.duplicate"));
		}
		String facilitatorName = facilitatorName(s.classroomId(), facilitatorPersonId, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		long id = Sql.insert(jdbc.sql("""
				INSERT INTO training_seminar_group (seminar_id, name, facilitator_person_id, facilitator_name)
				VALUES (:s, :n, :p, :pn)""")
			.param("s", seminarId).param("n", n).param("p", facilitatorPersonId).param("pn", facilitatorName));
		jdbc.sql("INSERT INTO training_action_list (group_id, status) VALUES (:g, 'DRAFT')").param("g", id).update();
		audit.action("TRAINING_SEMINAR_GROUP_CREATE").target("training_seminar", seminarId).region(c.regionCode())
			.after(mapOf("groupId", id, "name", n, "facilitatorPersonId", facilitatorPersonId)).record();
		return group(id);
	}

	/**
	 * Puts trainees of the classroom (confirmed enrolments) into the group while its list is a draft;
	 * each sits in one group per seminar.
	 */
	@Transactional
	public Group addMembers(long groupId, List<Long> personIds) {
		long seminarId = seminarOfGroup(groupId);
		Seminar s = get(seminarId);
		Classroom c = requireRunner(s.classroomId());
		lockDraftList(groupId);
		List<FieldError> errors = new ArrayList<>();
		if (personIds == null || personIds.isEmpty()) {
			throw InvalidInputException.of("personIds", "validation.required");
		}
		if (personIds.size() > 500) {
			throw InvalidInputException.of("personIds", "training.validation.range");
		}
		Map<Long, String> names = new LinkedHashMap<>();
		for (int i = 0; i < personIds.size(); i++) {
			Long p = personIds.get(i);
			String field = "personIds[" + i + "]";
			if (p == null) {
				errors.add(new FieldError(field, "validation.required"));
				continue;
			}
			Optional<String> name = jdbc.sql("""
					SELECT person_name FROM training_enrolment WHERE classroom_id = :c AND person_id = :p AND status = 'CONFIRMED'""")
				.param("c", s.classroomId()).param("p", p).query(String.class).optional();
			if (name.isEmpty()) {
				errors.add(new FieldError(field, "training.seminar.notTrainee"));
			}
			else if (names.containsKey(p) || jdbc.sql("SELECT COUNT(*) FROM training_seminar_member WHERE seminar_id = :s AND person_id = :p")
				.param("s", seminarId).param("p", p).query(Long.class).single() > 0) {
				errors.add(new FieldError(field, "training.seminar.alreadyInGroup"));
			}
			else {
				names.put(p, name.get());
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		names.forEach((p, name) -> jdbc.sql("""
				INSERT INTO training_seminar_member (seminar_id, group_id, person_id, person_name) VALUES (:s, :g, :p, :n)""")
			.param("s", seminarId).param("g", groupId).param("p", p).param("n", name).update());
		audit.action("TRAINING_SEMINAR_MEMBERS_ADD").target("training_seminar", seminarId).region(c.regionCode())
			.after(mapOf("groupId", groupId, "personIds", List.copyOf(names.keySet()))).record();
		return group(groupId);
	}

	/**
	 * Confirmed trainees of the group's classroom who sit in no group of its seminar yet, whose name
	 * contains the text (all of them when it is blank), by name, at most {@code limit}: the desk's
	 * member picker, for classrooms of a few hundred.
	 */
	public List<Candidate> candidates(long groupId, String name, int limit) {
		long seminarId = seminarOfGroup(groupId);
		Seminar s = get(seminarId);
		requireRunner(s.classroomId());
		String text = name == null ? "" : name.strip();
		String sql = """
				SELECT e.person_id, e.person_name, e.region_code FROM training_enrolment e
				WHERE e.classroom_id = :c AND e.status = 'CONFIRMED'
				    AND NOT EXISTS (SELECT 1 FROM training_seminar_member m WHERE m.seminar_id = :s AND m.person_id = e.person_id)"""
				+ (text.isEmpty() ? "" : " AND e.person_name LIKE :q ESCAPE '\\'")
				+ " ORDER BY e.person_name, e.person_id LIMIT :limit";
		var query = jdbc.sql(sql).param("c", s.classroomId()).param("s", seminarId).param("limit", Math.max(1, Math.min(limit, 100)));
		if (!text.isEmpty()) {
			query = query.param("q", Sql.likeContains(text.length() > 50 ? text.substring(0, 50) : text));
		}
		Map<Long, String> regionNames = new HashMap<>();
		return query.query((rs, n) -> {
			long region = rs.getLong("region_code");
			return new Candidate(rs.getLong("person_id"), rs.getString("person_name"), region,
					regionNames.computeIfAbsent(region, r -> org.region(r).map(Region::name).orElse(Long.toString(r))));
		}).list();
	}

	/** How many confirmed trainees of the seminar's classroom sit in none of its groups. */
	public long unassigned(long seminarId) {
		Seminar s = get(seminarId);
		return jdbc.sql("""
				SELECT COUNT(*) FROM training_enrolment e WHERE e.classroom_id = :c AND e.status = 'CONFIRMED'
				    AND NOT EXISTS (SELECT 1 FROM training_seminar_member m WHERE m.seminar_id = :s AND m.person_id = e.person_id)""")
			.param("c", s.classroomId()).param("s", seminarId).query(Long.class).single();
	}

	/** The classroom's people who may lead a group: those assigned as facilitator or head teacher, once each. */
	public List<Member> facilitatorChoices(long classroomId) {
		classrooms.get(classroomId);
		return jdbc.sql("""
				SELECT person_id, MIN(person_name) AS person_name FROM training_staff
				WHERE classroom_id = :c AND role IN ('FACILITATOR', 'HEAD_TEACHER')
				GROUP BY person_id ORDER BY MIN(person_name), person_id""")
			.param("c", classroomId).query((rs, n) -> new Member(rs.getLong("person_id"), rs.getString("person_name"))).list();
	}

	/**
	 * Takes a trainee out of the group while its list is a draft; someone who still owns one of the
	 * list's measures stays until that measure is removed or given to another member.
	 */
	@Transactional
	public Group removeMember(long groupId, long personId) {
		long seminarId = seminarOfGroup(groupId);
		Seminar s = get(seminarId);
		Classroom c = requireRunner(s.classroomId());
		long listId = lockDraftList(groupId);
		String name = jdbc.sql("SELECT person_name FROM training_seminar_member WHERE group_id = :g AND person_id = :p")
			.param("g", groupId).param("p", personId).query(String.class).optional()
			.orElseThrow(() -> new NotFoundException("person " + personId + " is not in group " + groupId));
		if (jdbc.sql("SELECT COUNT(*) FROM training_action_item WHERE list_id = :l AND owner_person_id = :p")
			.param("l", listId).param("p", personId).query(Long.class).single() > 0) {
			throw InvalidInputException.of("personId", "seminarForms.error.memberOwnsItems");
		}
		jdbc.sql("DELETE FROM training_seminar_member WHERE group_id = :g AND person_id = :p").param("g", groupId)
			.param("p", personId).update();
		audit.action("TRAINING_SEMINAR_MEMBER_REMOVE").target("training_seminar", seminarId).region(c.regionCode())
			.before(mapOf("groupId", groupId, "personId", personId, "name", name)).record();
		return group(groupId);
	}

	/** Gives the group another facilitator (assigned to the classroom as one, or its head teacher) while its list is a draft. */
	@Transactional
	public Group setFacilitator(long groupId, Long facilitatorPersonId) {
		long seminarId = seminarOfGroup(groupId);
		Seminar s = get(seminarId);
		Classroom c = requireRunner(s.classroomId());
		lockDraftList(groupId);
		List<FieldError> errors = new ArrayList<>();
		String name = facilitatorName(s.classroomId(), facilitatorPersonId, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		Group before = group(groupId);
		if (before.facilitatorPersonId() == facilitatorPersonId) {
			return before;
		}
		jdbc.sql("UPDATE training_seminar_group SET facilitator_person_id = :p, facilitator_name = :n WHERE id = :g")
			.param("p", facilitatorPersonId).param("n", name).param("g", groupId).update();
		audit.action("TRAINING_SEMINAR_GROUP_FACILITATOR").target("training_seminar", seminarId).region(c.regionCode())
			.before(mapOf("groupId", groupId, "facilitatorPersonId", before.facilitatorPersonId()))
			.after(mapOf("groupId", groupId, "facilitatorPersonId", facilitatorPersonId))
			.record();
		return group(groupId);
	}

	/** Adds a measure to the group's list while it is a draft: owned by a member, for a community, with a deadline. */
	@Transactional
	public Item addItem(long groupId, ItemDraft d) {
		long seminarId = seminarOfGroup(groupId);
		Seminar s = get(seminarId);
		if (!canWrite(groupId)) {
			throw new ForbiddenException("only the classroom's officers, head teachers and the group's facilitator write its list");
		}
		long listId = lockDraftList(groupId);
		List<FieldError> errors = new ArrayList<>();
		String title = Checks.text(d.title(), "title", true, 300, errors);
		String expected = Checks.text(d.expectedResult(), "expectedResult", true, 1000, errors);
		String owner = null;
		if (Checks.required(d.ownerPersonId(), "ownerPersonId", errors) != null) {
			owner = jdbc.sql("SELECT person_name FROM training_seminar_member WHERE group_id = :g AND person_id = :p")
				.param("g", groupId).param("p", d.ownerPersonId()).query(String.class).optional().orElse(null);
			if (owner == null) {
				errors.add(new FieldError("ownerPersonId", "training.seminar.ownerNotMember"));
			}
		}
		Region community = Checks.region(org, d.communityCode(), "communityCode", errors);
		if (community != null && community.level() != RegionLevel.VILLAGE) {
			errors.add(new FieldError("communityCode", "training.case.notCommunity"));
		}
		if (Checks.required(d.deadline(), "deadline", errors) != null
				&& (d.deadline().isBefore(s.heldOn()) || d.deadline().isAfter(s.heldOn().plusYears(3)))) {
			errors.add(new FieldError("deadline", "training.seminar.deadlineRange"));
		}
		if (jdbc.sql("SELECT COUNT(*) FROM training_action_item WHERE list_id = :l").param("l", listId).query(Long.class)
			.single() >= MAX_ITEMS) {
			errors.add(new FieldError("title", "training.seminar.listFull"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		long id = Sql.insert(jdbc.sql("""
				INSERT INTO training_action_item (list_id, title, owner_person_id, owner_name, community_code, deadline,
				    expected_result, created_at)
				VALUES (:l, :t, :o, :on, :c, :d, :e, :now)""")
			.param("l", listId).param("t", title).param("o", d.ownerPersonId()).param("on", owner)
			.param("c", community.code()).param("d", d.deadline()).param("e", expected).param("now", Sql.now()));
		jdbc.sql("UPDATE training_action_list SET version = version + 1 WHERE id = :l").param("l", listId).update();
		Item item = new Item(id, title, d.ownerPersonId(), owner, community.code(), d.deadline(), expected);
		audit.action("TRAINING_ACTION_ITEM_ADD").target("training_action_list", listId).region(community.code())
			.after(itemSnapshot(item)).record();
		return item;
	}

	@Transactional
	public void removeItem(long itemId) {
		Long groupId = jdbc.sql("""
				SELECT l.group_id FROM training_action_item i JOIN training_action_list l ON l.id = i.list_id WHERE i.id = :i""")
			.param("i", itemId).query(Long.class).optional().orElseThrow(() -> new NotFoundException("no item " + itemId));
		get(seminarOfGroup(groupId));
		if (!canWrite(groupId)) {
			throw new ForbiddenException("only the classroom's officers, head teachers and the group's facilitator write its list");
		}
		long listId = lockDraftList(groupId);
		Item before = jdbc.sql("SELECT id, title, owner_person_id, owner_name, community_code, deadline, expected_result"
				+ " FROM training_action_item WHERE id = :i").param("i", itemId).query((rs, n) -> item(rs)).single();
		jdbc.sql("DELETE FROM training_action_item WHERE id = :i").param("i", itemId).update();
		jdbc.sql("UPDATE training_action_list SET version = version + 1 WHERE id = :l").param("l", listId).update();
		audit.action("TRAINING_ACTION_ITEM_REMOVE").target("training_action_list", listId).region(before.communityCode())
			.before(itemSnapshot(before)).record();
	}

	/**
	 * Adopts the group's list: it never changes afterwards, and {@link ActionListAdopted} is published
	 * within this transaction, so the event and the adoption commit together.
	 */
	@Transactional
	public Group adopt(long groupId, Integer expectedVersion) {
		long seminarId = seminarOfGroup(groupId);
		Seminar s = get(seminarId);
		Classroom c = requireRunner(s.classroomId());
		long listId = lockDraftList(groupId);
		Group g = group(groupId);
		if (expectedVersion != null && expectedVersion != g.listVersion()) {
			throw new ConflictException("the list was changed by someone else; reload and try again");
		}
		if (g.items().isEmpty()) {
			throw InvalidInputException.of("items", "training.seminar.emptyList");
		}
		jdbc.sql("""
				UPDATE training_action_list SET status = 'ADOPTED', adopted_by = :by, adopted_at = :now, version = version + 1
				WHERE id = :l AND status = 'DRAFT'""")
			.param("by", user.username()).param("now", Sql.now()).param("l", listId).update();
		var programme = programmes.find(c.programmeId()).orElseThrow();
		List<ActionListAdopted.Item> items = g.items().stream()
			.map(i -> new ActionListAdopted.Item(i.id(), i.title(), i.ownerPersonId(), i.communityCode(), i.deadline(),
					i.expectedResult()))
			.toList();
		events.publishEvent(new ActionListAdopted(listId, programme.id(), programme.sponsorRegionCode(), items));
		audit.action("TRAINING_ACTION_LIST_ADOPT").target("training_action_list", listId).region(c.regionCode())
			.before(mapOf("status", "DRAFT"))
			.after(mapOf("status", "ADOPTED", "seminarId", seminarId, "groupId", groupId, "items",
					items.stream().map(ActionListAdopted.Item::itemId).toList()))
			.record();
		return group(groupId);
	}

	// ------------------------------------------------------------------ helpers

	private Classroom requireRunner(long classroomId) {
		Classroom c = classrooms.get(classroomId);
		if (!canRun(classroomId)) {
			throw new ForbiddenException("only the classroom's officers and head teachers run its seminars");
		}
		return c;
	}

	/** The name of a person assigned to the classroom as facilitator or head teacher, or a field error. */
	private String facilitatorName(long classroomId, Long personId, List<FieldError> errors) {
		if (Checks.required(personId, "facilitatorPersonId", errors) == null) {
			return null;
		}
		String name = jdbc.sql("""
				SELECT MIN(person_name) FROM training_staff
				WHERE classroom_id = :c AND person_id = :p AND role IN ('FACILITATOR', 'HEAD_TEACHER')""")
			.param("c", classroomId).param("p", personId).query(String.class).optional().orElse(null);
		if (name == null) {
			errors.add(new FieldError("facilitatorPersonId", "training.seminar.notFacilitator"));
		}
		return name;
	}

	long seminarOfGroup(long groupId) {
		return jdbc.sql("SELECT seminar_id FROM training_seminar_group WHERE id = :g").param("g", groupId).query(Long.class)
			.optional().orElseThrow(() -> new NotFoundException("no group " + groupId));
	}

	/** Locks the group's list row and returns its id; an adopted list refuses every change (409). */
	private long lockDraftList(long groupId) {
		record L(long id, String status) {
		}
		L l = jdbc.sql("SELECT id, status FROM training_action_list WHERE group_id = :g FOR UPDATE").param("g", groupId)
			.query((rs, n) -> new L(rs.getLong("id"), rs.getString("status"))).single();
		if (!"DRAFT".equals(l.status())) {
			throw new ConflictException("the list was adopted and never changes afterwards");
		}
		return l.id();
	}

	private static Item item(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Item(rs.getLong("id"), rs.getString("title"), rs.getLong("owner_person_id"), rs.getString("owner_name"),
				rs.getLong("community_code"), Sql.date(rs, "deadline"), rs.getString("expected_result"));
	}

	private static Seminar seminar(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Seminar(rs.getLong("id"), rs.getLong("classroom_id"), rs.getLong("programme_id"),
				rs.getString("classroom_name"), rs.getString("topic"), Sql.nullableLong(rs, "finding_id"),
				Sql.date(rs, "held_on"), Sql.nullableLong(rs, "session_id"), rs.getString("created_by"),
				Sql.instant(rs, "created_at"));
	}

	private static Map<String, Object> itemSnapshot(Item i) {
		return mapOf("itemId", i.id(), "title", i.title(), "ownerPersonId", i.ownerPersonId(), "communityCode",
				i.communityCode(), "deadline", i.deadline(), "expectedResult", i.expectedResult());
	}
}
