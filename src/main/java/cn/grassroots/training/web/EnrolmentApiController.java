package cn.grassroots.training.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.training.internal.DuplicateCheck;
import cn.grassroots.training.internal.EnrolmentService;
import cn.grassroots.training.internal.EnrolmentService.Decision;
import cn.grassroots.training.internal.EnrolmentService.EnrolmentView;
import cn.grassroots.training.internal.EnrolmentService.Outcome;
import cn.grassroots.training.internal.EnrolmentStatus;
import cn.grassroots.training.internal.TopicCategory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Enrolment and duplicate-training control (多头培训、重复调训). */
@RestController
@Tag(name = "training")
class EnrolmentApiController {

	record CheckRequest(List<Long> personIds) {
	}

	record FindingBody(long personId, DuplicateCheck.Kind finding, Long earlierProgrammeId) {
	}

	record PickRequest(List<Long> personIds, Long classroomId) {
	}

	record RosterRequest(String regionCode, Long classroomId) {
	}

	record DecisionRequest(Decision decision, String reason, Long swapPersonId) {
	}

	record ExternalRecordRequest(Long personId, String title, TopicCategory topic, LocalDate endDate,
			java.math.BigDecimal hours) {
	}

	record EnrolmentFinding(DuplicateCheck.Kind finding, Long earlierProgrammeId, Long earlierRecordId) {
	}

	record EnrolmentBody(long id, long programmeId, long classroomId, String classroomName, long personId,
			String personName, String region, EnrolmentStatus status, List<EnrolmentFinding> findings) {

		static EnrolmentBody of(EnrolmentView v) {
			return new EnrolmentBody(v.id(), v.programmeId(), v.classroomId(), v.classroomName(), v.personId(),
					v.personName(), Long.toString(v.regionCode()), v.status(), v.findings().stream()
						.map(f -> new EnrolmentFinding(f.finding(), f.earlierProgrammeId(), f.earlierRecordId())).toList());
		}
	}

	private final EnrolmentService enrolments;

	EnrolmentApiController(EnrolmentService enrolments) {
		this.enrolments = enrolments;
	}

	@PostMapping("/api/v1/training/programmes/{id}/enrolments/check")
	@Operation(summary = "Duplicate-training findings for these people, were they enrolled now (nothing is written); at most 5,000 ids")
	List<FindingBody> check(@PathVariable long id, @RequestBody CheckRequest body) {
		return enrolments.check(id, body.personIds()).stream()
			.map(f -> new FindingBody(f.personId(), f.finding(), f.earlierProgrammeId())).toList();
	}

	@PostMapping("/api/v1/training/programmes/{id}/enrolments")
	@Operation(summary = "Enrol the people picked (at most 500) into one classroom; clean ones are confirmed, the others wait with their findings")
	Outcome pick(@PathVariable long id, @RequestBody PickRequest body) {
		return enrolments.enrolPicked(id, body.personIds(), body.classroomId());
	}

	@PostMapping("/api/v1/training/programmes/{id}/enrolments/roster")
	@Operation(summary = "Enrol everyone holding the target posts at or below the region, each in the most specific classroom you manage that covers them (or the one named)")
	Outcome roster(@PathVariable long id, @RequestBody RosterRequest body) {
		return enrolments.enrolFromRoster(id, body.regionCode(), body.classroomId());
	}

	@GetMapping("/api/v1/training/programmes/{id}/enrolments")
	@Operation(summary = "Enrolments in the classrooms the caller may see, with their findings")
	PageResult<EnrolmentBody> list(@PathVariable long id, @RequestParam(required = false) EnrolmentStatus status,
			@RequestParam(required = false) Long classroomId, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return enrolments.list(id, status, classroomId, PageRequest.of(page, size)).map(EnrolmentBody::of);
	}

	@PostMapping("/api/v1/training/enrolments/{id}/decision")
	@Operation(summary = "Confirm, excuse (reason required) or swap (reason and swapPersonId required) a pending enrolment; recorded")
	EnrolmentBody decide(@PathVariable long id, @RequestBody DecisionRequest body) {
		return EnrolmentBody.of(enrolments.decide(id, body.decision(), body.reason(), body.swapPersonId()));
	}

	@PostMapping("/api/v1/training/external-records")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Record by hand a national training a person received outside the platform")
	Map<String, Long> external(@RequestBody ExternalRecordRequest body) {
		return Map.of("id", enrolments.recordExternal(body.personId(), body.title(), body.topic(), body.endDate(),
				body.hours()));
	}
}
