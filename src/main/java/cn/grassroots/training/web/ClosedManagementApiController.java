package cn.grassroots.training.web;

import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.training.internal.ClosedManagementService;
import cn.grassroots.training.internal.ClosedManagementService.LodgingBed;
import cn.grassroots.training.internal.ClosedManagementService.SchoolAbsence;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Closed management (封闭管理): lodging per classroom and trainees leaving and returning to the school. */
@RestController
@Tag(name = "training")
class ClosedManagementApiController {

	record LodgingRequest(Long personId, String building, String room, String bed) {
	}

	record AutoLodgingRequest(String building, Integer bedsPerRoom, Integer firstRoom) {
	}

	record LeavingRequest(Long personId, OffsetDateTime leftAt, String note) {
	}

	record ReturnRequest(OffsetDateTime returnedAt) {
	}

	private final ClosedManagementService closed;

	ClosedManagementApiController(ClosedManagementService closed) {
		this.closed = closed;
	}

	@GetMapping("/api/v1/training/classrooms/{id}/lodging")
	@Operation(summary = "Every confirmed trainee with study group and bed")
	List<LodgingBed> lodging(@PathVariable long id) {
		return closed.lodging(id);
	}

	@PutMapping("/api/v1/training/classrooms/{id}/lodging")
	@Operation(summary = "Give one trainee a bed (replaces their earlier one); the bed must be free")
	LodgingBed assign(@PathVariable long id, @RequestBody LodgingRequest body) {
		return closed.assign(id, body.personId(), body.building(), body.room(), body.bed());
	}

	@PostMapping(value = "/api/v1/training/classrooms/{id}/lodging/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Beds from XLSX (人员ID, 姓名, 楼栋, 房间, 床位; multipart field \"file\"): every row checked first, all or nothing")
	Map<String, Integer> importBeds(@PathVariable long id, @RequestParam("file") MultipartFile file) throws IOException {
		if (file.isEmpty()) {
			throw InvalidInputException.of("file", "training.lodging.empty");
		}
		try (InputStream in = file.getInputStream()) {
			return Map.of("assigned", closed.importFrom(id, in));
		}
	}

	@PostMapping("/api/v1/training/classrooms/{id}/lodging/auto")
	@Operation(summary = "Beds for everyone without one, room by room, study groups together")
	Map<String, Integer> auto(@PathVariable long id, @RequestBody AutoLodgingRequest body) {
		return Map.of("assigned", closed.autoAssign(id, body.building(), body.bedsPerRoom(), body.firstRoom()));
	}

	@GetMapping("/api/v1/training/classrooms/{id}/absences")
	@Operation(summary = "Trainees leaving the school: with the approved leave they left on, or flagged without one; open=true for those still out")
	List<SchoolAbsence> absences(@PathVariable long id, @RequestParam(required = false) Boolean open) {
		return closed.absences(id, Boolean.TRUE.equals(open));
	}

	@PostMapping("/api/v1/training/classrooms/{id}/absences")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Record a trainee leaving the school (leftAt defaults to now)")
	SchoolAbsence leave(@PathVariable long id, @RequestBody LeavingRequest body) {
		return closed.recordLeaving(id, body.personId(), body.leftAt(), body.note());
	}

	@PostMapping("/api/v1/training/absences/{id}/return")
	@Operation(summary = "Record the trainee back in the school (returnedAt defaults to now)")
	SchoolAbsence back(@PathVariable long id, @RequestBody ReturnRequest body) {
		return closed.recordReturn(id, body.returnedAt());
	}
}
