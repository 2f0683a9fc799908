package cn.grassroots.training.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.grassroots.training.internal.ClassroomKind;
import cn.grassroots.training.internal.ClassroomRepository.Classroom;
import cn.grassroots.training.internal.ClassroomRepository.Group;
import cn.grassroots.training.internal.ClassroomRepository.Room;
import cn.grassroots.training.internal.ClassroomRepository.Staff;
import cn.grassroots.training.internal.ClassroomService;
import cn.grassroots.training.internal.StaffRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** One classroom, its rooms, study groups and staff assignments. */
@RestController
@RequestMapping("/api/v1/training/classrooms")
@Tag(name = "training")
class ClassroomApiController {

	record ClassroomBody(long id, long programmeId, String name, ClassroomKind kind, String hostName, String region,
			String regionPath, int capacity, long traineeCount, int version, boolean canManage, List<Room> rooms,
			List<Group> groups, List<Staff> staff) {

		static ClassroomBody of(Classroom c, ClassroomService service, boolean canManage) {
			return new ClassroomBody(c.id(), c.programmeId(), c.name(), c.kind(), c.hostName(),
					Long.toString(c.regionCode()), service.regionPath(c.regionCode()), c.capacity(), c.traineeCount(),
					c.version(), canManage, service.rooms(c.id()), service.groups(c.id()), service.staff(c.id()));
		}
	}

	record ClassroomRequest(String name, ClassroomKind kind, String hostName, String regionCode, Integer capacity,
			Integer version) {

		ClassroomService.Draft draft() {
			return new ClassroomService.Draft(name, kind, hostName, regionCode, capacity);
		}
	}

	record RoomRequest(String name, Integer capacity) {
	}

	record GroupRequest(String name) {
	}

	record StaffRequest(Long personId, StaffRole role) {
	}

	private final ClassroomService classrooms;

	ClassroomApiController(ClassroomService classrooms) {
		this.classrooms = classrooms;
	}

	@GetMapping("/{id}")
	@Operation(summary = "A classroom the caller may see: in their region, of a programme they sponsor, or assigned to or enrolled in it")
	ClassroomBody get(@PathVariable long id) {
		Classroom c = classrooms.get(id);
		return ClassroomBody.of(c, classrooms, classrooms.canManage(c));
	}

	@PutMapping("/{id}")
	ClassroomBody update(@PathVariable long id, @RequestBody ClassroomRequest body) {
		return ClassroomBody.of(classrooms.update(id, body.draft(), body.version()), classrooms, true);
	}

	@PostMapping("/{id}/rooms")
	@ResponseStatus(HttpStatus.CREATED)
	Room addRoom(@PathVariable long id, @RequestBody RoomRequest body) {
		return classrooms.addRoom(id, body.name(), body.capacity());
	}

	@PostMapping("/{id}/groups")
	@ResponseStatus(HttpStatus.CREATED)
	Group addGroup(@PathVariable long id, @RequestBody GroupRequest body) {
		return classrooms.addGroup(id, body.name());
	}

	@PostMapping("/{id}/staff")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Assign a person the caller can read in the roster as HEAD_TEACHER, MARKER, FACILITATOR or SUPERVISOR")
	Staff assign(@PathVariable long id, @RequestBody StaffRequest body) {
		return classrooms.assign(id, body.personId(), body.role());
	}

	@DeleteMapping("/{id}/staff/{assignmentId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void unassign(@PathVariable long id, @PathVariable long assignmentId) {
		classrooms.unassign(id, assignmentId);
	}
}
