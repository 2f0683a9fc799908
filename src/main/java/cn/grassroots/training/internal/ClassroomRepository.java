package cn.grassroots.training.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.grassroots.platform.Sql;

/** Classrooms, their rooms, study groups and staff assignments. */
@Repository
public class ClassroomRepository {

	/** A classroom with its programme's sponsor region (for scope checks) and its confirmed trainees. */
	public record Classroom(long id, long programmeId, String name, ClassroomKind kind, String hostName,
			long regionCode, int capacity, long sponsorRegionCode, long traineeCount, int version) {
	}

	public record Room(long id, String name, int capacity) {
	}

	public record Group(long id, String name) {
	}

	public record Staff(long id, long personId, String personName, StaffRole role) {
	}

	private static final String SELECT = """
			SELECT c.id, c.programme_id, c.name, c.kind, c.host_name, c.region_code, c.capacity, c.version,
			    p.sponsor_region_code,
			    (SELECT COUNT(*) FROM training_enrolment e WHERE e.classroom_id = c.id AND e.status = 'CONFIRMED') AS trainees
			FROM training_classroom c JOIN training_programme p ON p.id = c.programme_id""";

	private final JdbcClient jdbc;

	ClassroomRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The programme's classrooms the condition lets through: the main classroom first, then by region and name. */
	public List<Classroom> ofProgramme(long programmeId, TrainingAccess.Condition visible) {
		return jdbc.sql(SELECT + " WHERE c.programme_id = :pid AND " + visible.sql()
				+ " ORDER BY CASE WHEN c.kind = 'MAIN' THEN 0 ELSE 1 END, c.region_code, c.name, c.id")
			.params(visible.params())
			.param("pid", programmeId)
			.query(ClassroomRepository::map)
			.list();
	}

	public Optional<Classroom> find(long id) {
		return jdbc.sql(SELECT + " WHERE c.id = :id").param("id", id).query(ClassroomRepository::map).optional();
	}

	/** Whether the condition lets the classroom through. */
	public boolean passes(long id, TrainingAccess.Condition condition) {
		return jdbc.sql("SELECT COUNT(*) FROM training_classroom c JOIN training_programme p ON p.id = c.programme_id"
				+ " WHERE c.id = :cid AND " + condition.sql())
			.params(condition.params())
			.param("cid", id)
			.query(Long.class)
			.single() > 0;
	}

	public boolean hasMain(long programmeId, Long except) {
		return jdbc.sql("SELECT COUNT(*) FROM training_classroom WHERE programme_id = :pid AND kind = 'MAIN'"
				+ " AND id <> :except")
			.param("pid", programmeId)
			.param("except", except == null ? -1L : except)
			.query(Long.class)
			.single() > 0;
	}

	public void lock(long id) {
		jdbc.sql("SELECT id FROM training_classroom WHERE id = :id FOR UPDATE").param("id", id).query(Long.class).list();
	}

	public long insert(long programmeId, String name, ClassroomKind kind, String hostName, long regionCode,
			int capacity) {
		var now = Sql.now();
		return Sql.insert(jdbc.sql("""
				INSERT INTO training_classroom (programme_id, name, kind, host_name, region_code, capacity, created_at,
				    updated_at)
				VALUES (:pid, :name, :kind, :host, :region, :capacity, :now, :now)""")
			.param("pid", programmeId)
			.param("name", name)
			.param("kind", kind.name())
			.param("host", hostName)
			.param("region", regionCode)
			.param("capacity", capacity)
			.param("now", now));
	}

	public boolean update(long id, String name, ClassroomKind kind, String hostName, long regionCode, int capacity,
			int version) {
		return jdbc.sql("""
				UPDATE training_classroom SET name = :name, kind = :kind, host_name = :host, region_code = :region,
				    capacity = :capacity, updated_at = :now, version = version + 1
				WHERE id = :id AND version = :version""")
			.param("name", name)
			.param("kind", kind.name())
			.param("host", hostName)
			.param("region", regionCode)
			.param("capacity", capacity)
			.param("now", Sql.now())
			.param("id", id)
			.param("version", version)
			.update() == 1;
	}

	public List<Room> rooms(long classroomId) {
		return jdbc.sql("SELECT id, name, capacity FROM training_room WHERE classroom_id = :id ORDER BY name, id")
			.param("id", classroomId)
			.query((rs, n) -> new Room(rs.getLong("id"), rs.getString("name"), rs.getInt("capacity")))
			.list();
	}

	public boolean roomNameTaken(long classroomId, String name) {
		return jdbc.sql("SELECT COUNT(*) FROM training_room WHERE classroom_id = :id AND name = :name")
			.param("id", classroomId)
			.param("name", name)
			.query(Long.class)
			.single() > 0;
	}

	public long insertRoom(long classroomId, String name, int capacity) {
		return Sql.insert(jdbc.sql("INSERT INTO training_room (classroom_id, name, capacity) VALUES (:id, :name, :cap)")
			.param("id", classroomId)
			.param("name", name)
			.param("cap", capacity));
	}

	public List<Group> groups(long classroomId) {
		return jdbc.sql("SELECT id, name FROM training_study_group WHERE classroom_id = :id ORDER BY name, id")
			.param("id", classroomId)
			.query((rs, n) -> new Group(rs.getLong("id"), rs.getString("name")))
			.list();
	}

	public boolean groupNameTaken(long classroomId, String name) {
		return jdbc.sql("SELECT COUNT(*) FROM training_study_group WHERE classroom_id = :id AND name = :name")
			.param("id", classroomId)
			.param("name", name)
			.query(Long.class)
			.single() > 0;
	}

	public long insertGroup(long classroomId, String name) {
		return Sql.insert(jdbc.sql("INSERT INTO training_study_group (classroom_id, name) VALUES (:id, :name)")
			.param("id", classroomId)
			.param("name", name));
	}

	public List<Staff> staff(long classroomId) {
		return jdbc.sql("SELECT id, person_id, person_name, role FROM training_staff WHERE classroom_id = :id"
				+ " ORDER BY role, person_name, id")
			.param("id", classroomId)
			.query((rs, n) -> new Staff(rs.getLong("id"), rs.getLong("person_id"), rs.getString("person_name"),
					StaffRole.valueOf(rs.getString("role"))))
			.list();
	}

	public boolean hasStaff(long classroomId, long personId, StaffRole role) {
		return jdbc.sql("SELECT COUNT(*) FROM training_staff WHERE classroom_id = :id AND person_id = :person"
				+ " AND role = :role")
			.param("id", classroomId)
			.param("person", personId)
			.param("role", role.name())
			.query(Long.class)
			.single() > 0;
	}

	public long insertStaff(long classroomId, long personId, String personName, StaffRole role) {
		return Sql.insert(jdbc.sql("""
				INSERT INTO training_staff (classroom_id, person_id, person_name, role, created_at)
				VALUES (:id, :person, :name, :role, :now)""")
			.param("id", classroomId)
			.param("person", personId)
			.param("name", personName)
			.param("role", role.name())
			.param("now", Sql.now()));
	}

	public Optional<Staff> findStaff(long classroomId, long staffId) {
		return staff(classroomId).stream().filter(s -> s.id() == staffId).findFirst();
	}

	public void deleteStaff(long staffId) {
		jdbc.sql("DELETE FROM training_staff WHERE id = :id").param("id", staffId).update();
	}

	static Classroom map(ResultSet rs, int n) throws SQLException {
		return new Classroom(rs.getLong("id"), rs.getLong("programme_id"), rs.getString("name"),
				ClassroomKind.valueOf(rs.getString("kind")), rs.getString("host_name"), rs.getLong("region_code"),
				rs.getInt("capacity"), rs.getLong("sponsor_region_code"), rs.getLong("trainees"), rs.getInt("version"));
	}
}
