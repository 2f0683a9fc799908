package cn.grassroots.training.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.grassroots.training.internal.AttendanceService;
import cn.grassroots.training.internal.AttendanceService.Leave;
import cn.grassroots.training.internal.AttendanceService.Mark;
import cn.grassroots.training.internal.AttendanceService.TraineeAttendance;
import cn.grassroots.training.internal.AttendanceStatus;
import cn.grassroots.training.internal.CheckInCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Attendance: the rotating check-in code, self check-in, roster marking, leave, missed hours. */
@RestController
@Tag(name = "training")
class AttendanceApiController {

	record MarkRequest(List<Mark> marks) {
	}

	record CheckInRequest(Long sessionId, String code) {
	}

	record LeaveRequest(Long classroomId, LocalDate fromDate, LocalDate toDate, String reason) {
	}

	record LeaveDecisionRequest(Boolean approve, String note) {
	}

	private final AttendanceService attendance;

	AttendanceApiController(AttendanceService attendance) {
		this.attendance = attendance;
	}

	@GetMapping("/api/v1/training/sessions/{id}/code")
	@Operation(summary = "The session's check-in code for this 30-second step (head teacher or managers), and when it changes")
	CheckInCodes.Current code(@PathVariable long id) {
		return attendance.currentCode(id);
	}

	@GetMapping(value = "/api/v1/training/sessions/{id}/qr", produces = MediaType.IMAGE_PNG_VALUE)
	@Operation(summary = "The current check-in code as a QR image to show on the classroom's screen")
	ResponseEntity<byte[]> qr(@PathVariable long id) {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.IMAGE_PNG)
			.body(attendance.qrPng(id));
	}

	@PostMapping("/api/v1/training/check-ins")
	@Operation(summary = "The signed-in trainee checks in with the code on the screen (current or previous 30-second step)")
	Map<String, AttendanceStatus> checkIn(@RequestBody CheckInRequest body) {
		return Map.of("status", attendance.checkIn(body.sessionId(), body.code()));
	}

	@PutMapping("/api/v1/training/sessions/{id}/attendance")
	@Operation(summary = "Roster marking by the head teacher: PRESENT, LATE, EXCUSED or ABSENT per trainee")
	Map<String, Integer> mark(@PathVariable long id, @RequestBody MarkRequest body) {
		return Map.of("marked", attendance.mark(id, body.marks()));
	}

	@GetMapping("/api/v1/training/classrooms/{id}/attendance")
	@Operation(summary = "Each trainee's attended and missed hours (excused + absent) over the current plan; withdrawal when missed > plan hours / 7")
	List<TraineeAttendance> summary(@PathVariable long id) {
		return attendance.summary(id);
	}

	@PostMapping("/api/v1/training/leaves")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "The signed-in trainee asks for leave on some days of the programme")
	Leave requestLeave(@RequestBody LeaveRequest body) {
		return attendance.requestLeave(body.classroomId(), body.fromDate(), body.toDate(), body.reason());
	}

	@PostMapping("/api/v1/training/leaves/{id}/decision")
	@Operation(summary = "Approve (the days' sessions not attended become EXCUSED) or refuse a leave request")
	Leave decideLeave(@PathVariable long id, @RequestBody LeaveDecisionRequest body) {
		return attendance.decideLeave(id, body.approve(), body.note());
	}

	@GetMapping("/api/v1/training/classrooms/{id}/leaves")
	@Operation(summary = "Leave requests of the classroom (a trainee sees their own)")
	List<Leave> leaves(@PathVariable long id) {
		return attendance.leaves(id);
	}
}
