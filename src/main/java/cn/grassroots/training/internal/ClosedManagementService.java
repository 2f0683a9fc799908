package cn.grassroots.training.internal;

import static cn.grassroots.training.internal.Checks.mapOf;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
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
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.training.internal.ClassroomRepository.Classroom;

/**
 * Closed management (封闭管理) of a classroom: a bed for each confirmed trainee (set one by one,
 * imported from XLSX all or nothing, or filled room by room keeping study groups together), and
 * each time a trainee leaves the school, recorded against an approved leave covering that day or
 * flagged when there is none, until they are recorded back. The head teacher and the classroom's
 * managers record; officers who see the classroom read.
 */
@Service
public class ClosedManagementService {

	public static final List<String> IMPORT_HEADER = List.of("人员ID", "姓名", "楼栋", "房间", "床位");
	static final int MAX_ROWS = 2000;

	public record LodgingBed(long personId, String personName, String groupName, String building, String room, String bed) {
	}

	public record SchoolAbsence(long id, long personId, String personName, Long leaveId, boolean withoutLeave,
			Instant leftAt, Instant returnedAt, String note, String recordedBy) {
	}

	private record Assignment(long personId, String building, String room, String bed) {
	}

	private final JdbcClient jdbc;
	private final NamedParameterJdbcTemplate batch;
	private final ClassroomService classrooms;
	private final PlanService plans;
	private final ClassroomRepository classroomRows;
	private final CurrentUser user;
	private final AuditLog audit;

	ClosedManagementService(JdbcClient jdbc, NamedParameterJdbcTemplate batch, ClassroomService classrooms,
			PlanService plans, ClassroomRepository classroomRows, CurrentUser user, AuditLog audit) {
		this.classroomRows = classroomRows;
		this.jdbc = jdbc;
		this.batch = batch;
		this.classrooms = classrooms;
		this.plans = plans;
		this.user = user;
		this.audit = audit;
	}

	private Classroom readable(long classroomId) {
		Classroom c = classrooms.get(classroomId);
		if (!classrooms.passesOfficial(classroomId)) {
			throw new ForbiddenException("only the classroom's staff and officers see its lodging");
		}
		return c;
	}

	private Classroom writable(long classroomId) {
		Classroom c = classrooms.get(classroomId);
		if (!plans.canEdit(c)) {
			throw new ForbiddenException("only the classroom's head teacher or managers record closed management");
		}
		return c;
	}

	public boolean canRecord(Classroom c) {
		return plans.canEdit(c);
	}

	/** Every confirmed trainee with their study group and bed (blank when none yet). */
	public List<LodgingBed> lodging(long classroomId) {
		readable(classroomId);
		return jdbc.sql("""
				SELECT e.person_id, e.person_name, g.name AS group_name, l.building, l.room, l.bed
				FROM training_enrolment e
				LEFT JOIN training_study_group g ON g.id = e.group_id
				LEFT JOIN training_lodging l ON l.classroom_id = e.classroom_id AND l.person_id = e.person_id
				WHERE e.classroom_id = :c AND e.status = 'CONFIRMED'
				ORDER BY l.building, l.room, l.bed, g.name, e.person_name, e.person_id""")
			.param("c", classroomId)
			.query((rs, n) -> new LodgingBed(rs.getLong("person_id"), rs.getString("person_name"), rs.getString("group_name"),
					rs.getString("building"), rs.getString("room"), rs.getString("bed")))
			.list();
	}

	private Map<Long, String> trainees(long classroomId) {
		Map<Long, String> names = new LinkedHashMap<>();
		jdbc.sql("SELECT person_id, person_name FROM training_enrolment WHERE classroom_id = :c AND status = 'CONFIRMED'")
			.param("c", classroomId).query((rs, n) -> names.put(rs.getLong("person_id"), rs.getString("person_name"))).list();
		return names;
	}

	/** Gives one trainee a bed (replacing their earlier one). */
	@Transactional
	public LodgingBed assign(long classroomId, Long personId, String building, String room, String bed) {
		Classroom c = writable(classroomId);
		List<FieldError> errors = new ArrayList<>();
		Assignment a = check(classroomId, trainees(classroomId), personId, building, room, bed, "", errors);
		if (a != null && taken(classroomId, a).filter(other -> other != a.personId()).isPresent()) {
			errors.add(new FieldError("bed", "training.lodging.bedTaken"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		replace(classroomId, List.of(a));
		audit.action("TRAINING_LODGING_ASSIGN").target("training_classroom", classroomId).region(c.regionCode())
			.after(mapOf("personId", a.personId(), "building", a.building(), "room", a.room(), "bed", a.bed())).record();
		return lodging(classroomId).stream().filter(b -> b.personId() == a.personId()).findFirst().orElseThrow();
	}

	private java.util.Optional<Long> taken(long classroomId, Assignment a) {
		return jdbc.sql("SELECT person_id FROM training_lodging WHERE classroom_id = :c AND building = :b AND room = :r AND bed = :d")
			.param("c", classroomId).param("b", a.building()).param("r", a.room()).param("d", a.bed())
			.query(Long.class).optional();
	}

	private static Assignment check(long classroomId, Map<Long, String> trainees, Long personId, String building,
			String room, String bed, String prefix, List<FieldError> errors) {
		int before = errors.size();
		if (personId == null) {
			errors.add(new FieldError(prefix + "personId", "validation.required"));
		}
		else if (!trainees.containsKey(personId)) {
			errors.add(new FieldError(prefix + "personId", "training.lodging.notTrainee"));
		}
		String b = Checks.text(building, prefix + "building", true, 50, errors);
		String r = Checks.text(room, prefix + "room", true, 50, errors);
		String d = Checks.text(bed, prefix + "bed", true, 20, errors);
		return errors.size() > before ? null : new Assignment(personId, b, r, d);
	}

	private void replace(long classroomId, List<Assignment> rows) {
		List<Long> people = rows.stream().map(Assignment::personId).toList();
		for (int i = 0; i < people.size(); i += 1000) {
			jdbc.sql("DELETE FROM training_lodging WHERE classroom_id = :c AND person_id IN (:ids)").param("c", classroomId)
				.param("ids", people.subList(i, Math.min(people.size(), i + 1000))).update();
		}
		var now = Sql.now();
		batch.batchUpdate("""
				INSERT INTO training_lodging (classroom_id, person_id, building, room, bed, assigned_by, assigned_at)
				VALUES (:c, :p, :b, :r, :d, :by, :now)""", rows.stream().map(a -> new MapSqlParameterSource()
			.addValue("c", classroomId).addValue("p", a.personId()).addValue("b", a.building()).addValue("r", a.room())
			.addValue("d", a.bed()).addValue("by", user.username()).addValue("now", now))
			.toArray(MapSqlParameterSource[]::new));
	}

	/**
	 * Beds from an XLSX sheet (人员ID, 姓名, 楼栋, 房间, 床位): every row is checked first (a trainee of
	 * the classroom whose name matches, each bed once, not held by someone outside the file), then all
	 * are written or none. Trainees in the file lose their earlier beds.
	 */
	@Transactional
	public int importFrom(long classroomId, InputStream in) {
		Classroom c = writable(classroomId);
		Map<Long, String> trainees = trainees(classroomId);
		List<Assignment> rows = new ArrayList<>();
		List<FieldError> errors = new ArrayList<>();
		try (Workbook wb = new XSSFWorkbook(in)) {
			Sheet sheet = wb.getNumberOfSheets() == 0 ? null : wb.getSheetAt(0);
			DataFormatter f = new DataFormatter(Locale.ROOT);
			if (sheet == null || sheet.getRow(0) == null) {
				throw InvalidInputException.of("file", "training.lodging.header");
			}
			for (int i = 0; i < IMPORT_HEADER.size(); i++) {
				if (!IMPORT_HEADER.get(i).equals(f.formatCellValue(sheet.getRow(0).getCell(i)).trim())) {
					throw InvalidInputException.of("file", "training.lodging.header");
				}
			}
			if (sheet.getLastRowNum() > MAX_ROWS) {
				throw InvalidInputException.of("file", "training.import.tooMany");
			}
			Set<String> beds = new HashSet<>();
			Set<Long> people = new HashSet<>();
			for (int r = 1; r <= sheet.getLastRowNum(); r++) {
				Row row = sheet.getRow(r);
				if (row == null) {
					continue;
				}
				String[] cells = new String[5];
				boolean blank = true;
				for (int i = 0; i < 5; i++) {
					cells[i] = f.formatCellValue(row.getCell(i)).trim();
					blank &= cells[i].isEmpty();
				}
				if (blank) {
					continue;
				}
				String prefix = "rows[" + (r + 1) + "].";
				Long personId = null;
				if (!cells[0].isEmpty()) {
					try {
						personId = Long.parseLong(cells[0]);
					}
					catch (NumberFormatException e) {
						errors.add(new FieldError(prefix + "personId", "training.lodging.notTrainee"));
						continue;
					}
				}
				Assignment a = check(classroomId, trainees, personId, cells[2], cells[3], cells[4], prefix, errors);
				if (a == null) {
					continue;
				}
				if (!cells[1].isEmpty() && !cells[1].equals(trainees.get(a.personId()))) {
					errors.add(new FieldError(prefix + "name", "training.lodging.nameMismatch"));
				}
				if (!people.add(a.personId())) {
					errors.add(new FieldError(prefix + "personId", "training.lodging.personTwice"));
				}
				if (!beds.add(a.building() + "\u0000" + a.room() + "\u0000" + a.bed())) {
					errors.add(new FieldError(prefix + "bed", "training.lodging.bedTaken"));
				}
				rows.add(a);
			}
			if (rows.isEmpty() && errors.isEmpty()) {
				errors.add(new FieldError("file", "training.lodging.empty"));
			}
			// a bed in the file still held by a trainee the file does not move
			Map<String, Long> held = new HashMap<>();
			jdbc.sql("SELECT person_id, building, room, bed FROM training_lodging WHERE classroom_id = :c").param("c", classroomId)
				.query((rs, n) -> held.put(rs.getString("building") + "\u0000" + rs.getString("room") + "\u0000"
						+ rs.getString("bed"), rs.getLong("person_id"))).list();
			for (int i = 0; i < rows.size(); i++) {
				Assignment a = rows.get(i);
				Long holder = held.get(a.building() + "\u0000" + a.room() + "\u0000" + a.bed());
				if (holder != null && !people.contains(holder)) {
					errors.add(new FieldError("rows[" + (i + 2) + "].bed", "training.lodging.bedTaken"));
				}
			}
		}
		catch (IOException | RuntimeException e) {
			if (e instanceof InvalidInputException invalid) {
				throw invalid;
			}
			throw InvalidInputException.of("file", "training.import.unreadable");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		replace(classroomId, rows);
		audit.action("TRAINING_LODGING_IMPORT").target("training_classroom", classroomId).region(c.regionCode())
			.after(mapOf("assigned", rows.size())).record();
		return rows.size();
	}

	/**
	 * Gives every trainee without a bed one in the building, room after room of the given size
	 * numbered on from {@code firstRoom}, study group by study group so that a group lodges together
	 * (a new group starts a new room); beds already taken are skipped. Returns how many got one.
	 */
	@Transactional
	public int autoAssign(long classroomId, String building, Integer bedsPerRoom, Integer firstRoom) {
		Classroom c = writable(classroomId);
		List<FieldError> errors = new ArrayList<>();
		String b = Checks.text(building, "building", true, 50, errors);
		int perRoom = Checks.range(bedsPerRoom, "bedsPerRoom", 1, 12, errors);
		int room = Checks.rangeOr(firstRoom, 101, "firstRoom", 1, 99999, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		List<long[]> waiting = new ArrayList<>();
		jdbc.sql("""
				SELECT e.person_id, COALESCE(e.group_id, 0) AS grp FROM training_enrolment e
				LEFT JOIN training_study_group g ON g.id = e.group_id
				WHERE e.classroom_id = :c AND e.status = 'CONFIRMED'
				    AND NOT EXISTS (SELECT 1 FROM training_lodging l WHERE l.classroom_id = e.classroom_id AND l.person_id = e.person_id)
				ORDER BY CASE WHEN g.name IS NULL THEN 1 ELSE 0 END, g.name, e.person_name, e.person_id""")
			.param("c", classroomId)
			.query((rs, n) -> waiting.add(new long[] { rs.getLong("person_id"), rs.getLong("grp") })).list();
		Set<String> taken = new HashSet<>(jdbc.sql("SELECT room || '/' || bed FROM training_lodging"
				+ " WHERE classroom_id = :c AND building = :b").param("c", classroomId).param("b", b).query(String.class).list());
		List<Assignment> rows = new ArrayList<>();
		int bed = 1;
		Long group = null;
		for (long[] w : waiting) {
			if (group != null && group != w[1] && bed > 1) {
				room++;
				bed = 1;
			}
			group = w[1];
			while (taken.contains(room + "/" + bed)) {
				bed++;
				if (bed > perRoom) {
					room++;
					bed = 1;
				}
			}
			rows.add(new Assignment(w[0], b, Integer.toString(room), Integer.toString(bed)));
			bed++;
			if (bed > perRoom) {
				room++;
				bed = 1;
			}
		}
		if (!rows.isEmpty()) {
			replace(classroomId, rows);
		}
		audit.action("TRAINING_LODGING_AUTO").target("training_classroom", classroomId).region(c.regionCode())
			.after(mapOf("building", b, "bedsPerRoom", perRoom, "assigned", rows.size())).record();
		return rows.size();
	}

	// ------------------------------------------------------------------ leaving the school

	public List<SchoolAbsence> absences(long classroomId, boolean openOnly) {
		readable(classroomId);
		return jdbc.sql("""
				SELECT a.id, a.person_id, e.person_name, a.leave_id, a.left_at, a.returned_at, a.note, a.recorded_by
				FROM training_absence a JOIN training_enrolment e ON e.classroom_id = a.classroom_id AND e.person_id = a.person_id
				WHERE a.classroom_id = :c""" + (openOnly ? " AND a.returned_at IS NULL" : "") + " ORDER BY a.left_at DESC, a.id DESC")
			.param("c", classroomId)
			.query(ClosedManagementService::absence)
			.list();
	}

	private static SchoolAbsence absence(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		Long leave = Sql.nullableLong(rs, "leave_id");
		return new SchoolAbsence(rs.getLong("id"), rs.getLong("person_id"), rs.getString("person_name"), leave, leave == null,
				Sql.instant(rs, "left_at"), Sql.instant(rs, "returned_at"), rs.getString("note"), rs.getString("recorded_by"));
	}

	/** A trainee leaves the school: matched to their approved leave covering the day, or flagged without one. */
	@Transactional
	public SchoolAbsence recordLeaving(long classroomId, Long personId, OffsetDateTime leftAt, String note) {
		Classroom c = writable(classroomId);
		List<FieldError> errors = new ArrayList<>();
		if (Checks.required(personId, "personId", errors) != null && !trainees(classroomId).containsKey(personId)) {
			errors.add(new FieldError("personId", "training.lodging.notTrainee"));
		}
		String text = Checks.text(note, "note", false, 500, errors);
		OffsetDateTime at = leftAt == null ? Sql.now() : leftAt;
		if (at.isAfter(Sql.now().plusMinutes(5))) {
			errors.add(new FieldError("leftAt", "training.absence.future"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		classroomRows.lock(classroomId);
		long open = jdbc.sql("SELECT COUNT(*) FROM training_absence WHERE classroom_id = :c AND person_id = :p AND returned_at IS NULL")
			.param("c", classroomId).param("p", personId).query(Long.class).single();
		if (open > 0) {
			throw new ConflictException("the trainee is already recorded as out of the school");
		}
		LocalDate day = at.atZoneSameInstant(AttendanceService.ZONE).toLocalDate();
		Long leave = jdbc.sql("SELECT MIN(id) FROM training_leave WHERE classroom_id = :c AND person_id = :p"
				+ " AND status = 'APPROVED' AND from_date <= :d AND to_date >= :d")
			.param("c", classroomId).param("p", personId).param("d", day).query(Long.class).optional().orElse(null);
		long id = Sql.insert(jdbc.sql("""
				INSERT INTO training_absence (classroom_id, person_id, leave_id, left_at, note, recorded_by, recorded_at)
				VALUES (:c, :p, :l, :at, :note, :by, :now)""")
			.param("c", classroomId).param("p", personId).param("l", leave).param("at", at).param("note", text)
			.param("by", user.username()).param("now", Sql.now()));
		audit.action(leave == null ? "TRAINING_LEFT_WITHOUT_LEAVE" : "TRAINING_LEFT_ON_LEAVE").target("training_absence", id)
			.region(c.regionCode())
			.after(mapOf("classroomId", classroomId, "personId", personId, "leaveId", leave, "leftAt", at.toString(), "note", text))
			.record();
		return find(id);
	}

	/** The trainee is back in the school. */
	@Transactional
	public SchoolAbsence recordReturn(long absenceId, OffsetDateTime returnedAt) {
		long classroomId = jdbc.sql("SELECT classroom_id FROM training_absence WHERE id = :id").param("id", absenceId)
			.query(Long.class).optional().orElseThrow(() -> new NotFoundException("no absence " + absenceId));
		Classroom c = writable(classroomId);
		SchoolAbsence before = find(absenceId);
		OffsetDateTime at = returnedAt == null ? Sql.now() : returnedAt;
		if (at.toInstant().isBefore(before.leftAt()) || at.isAfter(Sql.now().plusMinutes(5))) {
			throw InvalidInputException.of("returnedAt", "training.absence.returnTime");
		}
		if (jdbc.sql("UPDATE training_absence SET returned_at = :at, returned_by = :by WHERE id = :id AND returned_at IS NULL")
			.param("at", at).param("by", user.username()).param("id", absenceId).update() == 0) {
			throw new ConflictException("the return is already recorded");
		}
		audit.action("TRAINING_RETURNED").target("training_absence", absenceId).region(c.regionCode())
			.before(mapOf("returnedAt", null)).after(mapOf("returnedAt", at.toString())).record();
		return find(absenceId);
	}

	private SchoolAbsence find(long id) {
		return jdbc.sql("""
				SELECT a.id, a.person_id, e.person_name, a.leave_id, a.left_at, a.returned_at, a.note, a.recorded_by
				FROM training_absence a JOIN training_enrolment e ON e.classroom_id = a.classroom_id AND e.person_id = a.person_id
				WHERE a.id = :id""").param("id", id).query(ClosedManagementService::absence).single();
	}
}
