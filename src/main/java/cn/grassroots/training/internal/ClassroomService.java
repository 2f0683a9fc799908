package cn.grassroots.training.internal;

import static cn.grassroots.training.internal.Checks.mapOf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.Person;
import cn.grassroots.org.Region;
import cn.grassroots.org.RegionLevel;
import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.InvalidInputException.FieldError;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.training.internal.ClassroomRepository.Classroom;
import cn.grassroots.training.internal.ClassroomRepository.Group;
import cn.grassroots.training.internal.ClassroomRepository.Room;
import cn.grassroots.training.internal.ClassroomRepository.Staff;
import cn.grassroots.training.internal.ProgrammeRepository.Programme;

/**
 * 主课堂 and 分课堂 of a programme, with their rooms, study groups and staff. A city sees and manages
 * the classrooms in its region; the sponsor's region sees and manages all of the programme's; head
 * teachers and other staff see the classroom they are assigned to.
 */
@Service
public class ClassroomService {

	/** What an officer types for a classroom. */
	public record Draft(String name, ClassroomKind kind, String hostName, String regionCode, Integer capacity) {
	}

	private final ClassroomRepository classrooms;
	private final ProgrammeService programmes;
	private final TrainingAccess access;
	private final OrgDirectory org;
	private final AuditLog audit;

	ClassroomService(ClassroomRepository classrooms, ProgrammeService programmes, TrainingAccess access,
			OrgDirectory org, AuditLog audit) {
		this.classrooms = classrooms;
		this.programmes = programmes;
		this.access = access;
		this.org = org;
		this.audit = audit;
	}

	/** The programme's classrooms the caller may see; the programme itself must be visible. */
	public List<Classroom> ofProgramme(long programmeId) {
		programmes.get(programmeId);
		return classrooms.ofProgramme(programmeId, access.classroom());
	}

	public Classroom get(long id) {
		Classroom c = classrooms.find(id).orElseThrow(() -> new NotFoundException("no classroom " + id));
		if (!classrooms.passes(id, access.classroom())) {
			throw new ForbiddenException("the classroom is outside your scope");
		}
		return c;
	}

	/** Whether the caller sees the classroom as an officer or staff member, not merely as its trainee. */
	public boolean passesOfficial(long classroomId) {
		return classrooms.passes(classroomId, access.officialClassroom());
	}

	public boolean canManage(Classroom c) {
		return classrooms.passes(c.id(), access.manageableClassroom());
	}

	Classroom requireManageable(long id) {
		Classroom c = classrooms.find(id).orElseThrow(() -> new NotFoundException("no classroom " + id));
		if (!canManage(c)) {
			throw new ForbiddenException("the classroom is outside your scope");
		}
		return c;
	}

	public List<Room> rooms(long id) {
		return classrooms.rooms(id);
	}

	public List<Group> groups(long id) {
		return classrooms.groups(id);
	}

	public List<Staff> staff(long id) {
		return classrooms.staff(id);
	}

	/** The region's full path, for showing. */
	public String regionPath(long code) {
		return org.region(code).map(Region::path).orElse(Long.toString(code));
	}

	@Transactional
	public Classroom create(long programmeId, Draft d) {
		Programme p = programmes.requireManageable(programmeId);
		List<FieldError> errors = new ArrayList<>();
		Checked c = check(p, d, null, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		long id = classrooms.insert(programmeId, c.name(), d.kind(), c.hostName(), c.region().code(), d.capacity());
		Classroom created = classrooms.find(id).orElseThrow();
		audit.action("TRAINING_CLASSROOM_CREATE").target("training_classroom", id).region(created.regionCode())
			.after(snapshot(created)).record();
		return created;
	}

	@Transactional
	public Classroom update(long id, Draft d, Integer expectedVersion) {
		Classroom before = requireManageable(id);
		classrooms.lock(id);
		Programme p = programmes.requireVisibleForUpdate(before.programmeId());
		List<FieldError> errors = new ArrayList<>();
		Checked c = check(p, d, id, errors);
		AccessScope manage = access.manageScope();
		if (c.region() != null && c.region().code() != before.regionCode()
				&& !manage.reachesRegion(c.region().code()) && !manage.reachesRegion(p.sponsorRegionCode())) {
			throw new ForbiddenException("region " + c.region().code() + " is outside your scope");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		int version = expectedVersion == null ? before.version() : expectedVersion;
		if (!classrooms.update(id, c.name(), d.kind(), c.hostName(), c.region().code(), d.capacity(), version)) {
			throw new ConflictException("the classroom was changed by someone else; reload and try again");
		}
		Classroom after = classrooms.find(id).orElseThrow();
		audit.action("TRAINING_CLASSROOM_UPDATE").target("training_classroom", id).region(after.regionCode())
			.before(snapshot(before)).after(snapshot(after)).record();
		return after;
	}

	@Transactional
	public Room addRoom(long classroomId, String name, Integer capacity) {
		Classroom c = requireManageable(classroomId);
		List<FieldError> errors = new ArrayList<>();
		String n = Checks.text(name, "name", true, 100, errors);
		int cap = Checks.range(capacity, "capacity", 1, 5000, errors);
		if (n != null && n.length() <= 100 && classrooms.roomNameTaken(classroomId, n)) {
			errors.add(new FieldError("name", "training.room.duplicate"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		long id = classrooms.insertRoom(classroomId, n, cap);
		audit.action("TRAINING_ROOM_CREATE").target("training_classroom", classroomId).region(c.regionCode())
			.after(mapOf("roomId", id, "name", n, "capacity", cap)).record();
		return new Room(id, n, cap);
	}

	@Transactional
	public Group addGroup(long classroomId, String name) {
		Classroom c = requireManageable(classroomId);
		List<FieldError> errors = new ArrayList<>();
		String n = Checks.text(name, "name", true, 100, errors);
		if (n != null && n.length() <= 100 && classrooms.groupNameTaken(classroomId, n)) {
			errors.add(new FieldError("name", "training.group.duplicate"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		long id = classrooms.insertGroup(classroomId, n);
		audit.action("TRAINING_GROUP_CREATE").target("training_classroom", classroomId).region(c.regionCode())
			.after(mapOf("groupId", id, "name", n)).record();
		return new Group(id, n);
	}

	/** Assigns a person from the roster (the caller must be able to read them) to a role in the classroom. */
	@Transactional
	public Staff assign(long classroomId, Long personId, StaffRole role) {
		Classroom c = requireManageable(classroomId);
		List<FieldError> errors = new ArrayList<>();
		Checks.required(role, "role", errors);
		Person person = null;
		if (Checks.required(personId, "personId", errors) != null) {
			person = org.person(personId).orElse(null);
			if (person == null) {
				errors.add(new FieldError("personId", "training.person.notFound"));
			}
		}
		if (person != null && role != null && classrooms.hasStaff(classroomId, person.id(), role)) {
			errors.add(new FieldError("personId", "training.staff.duplicate"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		long id = classrooms.insertStaff(classroomId, person.id(), person.name(), role);
		audit.action("TRAINING_STAFF_ASSIGN").target("training_classroom", classroomId).region(c.regionCode())
			.after(mapOf("staffId", id, "personId", person.id(), "role", role.name())).record();
		return new Staff(id, person.id(), person.name(), role);
	}

	@Transactional
	public void unassign(long classroomId, long staffId) {
		Classroom c = requireManageable(classroomId);
		Staff s = classrooms.findStaff(classroomId, staffId)
			.orElseThrow(() -> new NotFoundException("no assignment " + staffId + " in classroom " + classroomId));
		classrooms.deleteStaff(staffId);
		audit.action("TRAINING_STAFF_UNASSIGN").target("training_classroom", classroomId).region(c.regionCode())
			.before(mapOf("staffId", s.id(), "personId", s.personId(), "role", s.role().name())).record();
	}

	private record Checked(String name, String hostName, Region region) {
	}

	private Checked check(Programme p, Draft d, Long selfId, List<FieldError> errors) {
		String name = Checks.text(d.name(), "name", true, 200, errors);
		String host = Checks.text(d.hostName(), "hostName", true, 200, errors);
		Checks.required(d.kind(), "kind", errors);
		Checks.range(d.capacity(), "capacity", 1, 5000, errors);
		Region region = Checks.region(org, d.regionCode(), "regionCode", errors);
		if (region != null) {
			AccessScope.Range sponsor = AccessScope.Range.of(p.sponsorRegionCode());
			if (!sponsor.contains(region.code())) {
				errors.add(new FieldError("regionCode", "training.classroom.outsideSponsor"));
			}
			if (region.level() == RegionLevel.VILLAGE) {
				errors.add(new FieldError("regionCode", "training.classroom.regionLevel"));
			}
		}
		if (d.kind() == ClassroomKind.MAIN && classrooms.hasMain(p.id(), selfId)) {
			errors.add(new FieldError("kind", "training.classroom.mainTaken"));
		}
		return new Checked(name, host, region);
	}

	static Map<String, Object> snapshot(Classroom c) {
		return mapOf("programmeId", c.programmeId(), "name", c.name(), "kind", c.kind().name(), "hostName",
				c.hostName(), "regionCode", c.regionCode(), "capacity", c.capacity());
	}
}
