package cn.grassroots.training.web;

import java.time.LocalDate;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.grassroots.training.internal.SymposiumService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** 座谈: a classroom's symposiums with participants and minutes. */
@RestController
@RequestMapping("/api/v1/training")
@Tag(name = "training")
class SymposiumApiController {

	record SymposiumParticipantBody(long id, Long personId, String name, String unitName) {
	}

	record SymposiumBody(long id, long classroomId, String title, LocalDate heldOn, String place, String minutes,
			String createdBy, int version, List<SymposiumParticipantBody> participants) {

		static SymposiumBody of(SymposiumService.Symposium s) {
			return new SymposiumBody(s.id(), s.classroomId(), s.title(), s.heldOn(), s.place(), s.minutes(), s.createdBy(),
					s.version(), s.participants().stream()
						.map(p -> new SymposiumParticipantBody(p.id(), p.personId(), p.name(), p.unitName())).toList());
		}
	}

	record SymposiumRequest(String title, LocalDate heldOn, String place, String minutes) {
	}

	record SymposiumMinutesRequest(String minutes, Integer version) {
	}

	record SymposiumParticipantRequest(Long personId, String name, String unitName) {
	}

	private final SymposiumService symposiums;

	SymposiumApiController(SymposiumService symposiums) {
		this.symposiums = symposiums;
	}

	@GetMapping("/classrooms/{id}/symposiums")
	@Operation(summary = "The classroom's symposiums, newest first (officers and staff)")
	List<SymposiumBody> ofClassroom(@PathVariable long id) {
		return symposiums.ofClassroom(id).stream().map(SymposiumBody::of).toList();
	}

	@PostMapping("/classrooms/{id}/symposiums")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Hold a symposium in the classroom")
	SymposiumBody create(@PathVariable long id, @RequestBody SymposiumRequest body) {
		return SymposiumBody.of(symposiums.create(id,
				new SymposiumService.Draft(body.title(), body.heldOn(), body.place(), body.minutes())));
	}

	@GetMapping("/symposiums/{id}")
	@Operation(summary = "A symposium with its participants and minutes")
	SymposiumBody symposium(@PathVariable long id) {
		return SymposiumBody.of(symposiums.get(id));
	}

	@PutMapping("/symposiums/{id}/minutes")
	@Operation(summary = "Write the minutes; version guards against lost updates")
	SymposiumBody minutes(@PathVariable long id, @RequestBody SymposiumMinutesRequest body) {
		return SymposiumBody.of(symposiums.minutes(id, body.minutes(), body.version()));
	}

	@PostMapping("/symposiums/{id}/participants")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Add a participant: a person from the roster, or a name and unit from outside it")
	SymposiumParticipantBody addParticipant(@PathVariable long id, @RequestBody SymposiumParticipantRequest body) {
		var p = symposiums.addParticipant(id, new SymposiumService.ParticipantDraft(body.personId(), body.name(),
				body.unitName()));
		return new SymposiumParticipantBody(p.id(), p.personId(), p.name(), p.unitName());
	}
}
