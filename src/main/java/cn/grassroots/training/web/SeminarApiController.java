package cn.grassroots.training.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.grassroots.training.internal.ActionListStatus;
import cn.grassroots.training.internal.ActionListXlsx;
import cn.grassroots.training.internal.SeminarService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** 研讨课: seminars of a classroom, their groups and achievement-conversion lists, adoption and export. */
@RestController
@RequestMapping("/api/v1/training")
@Tag(name = "training")
class SeminarApiController {

	record SeminarBody(long id, long classroomId, String classroomName, String topic, Long findingId, LocalDate heldOn,
			Long sessionId, String createdBy) {

		static SeminarBody of(SeminarService.Seminar s) {
			return new SeminarBody(s.id(), s.classroomId(), s.classroomName(), s.topic(), s.findingId(), s.heldOn(),
					s.sessionId(), s.createdBy());
		}
	}

	record ActionItemBody(long id, String title, long ownerPersonId, String ownerName, String communityCode,
			LocalDate deadline, String expectedResult) {

		static ActionItemBody of(SeminarService.Item i) {
			return new ActionItemBody(i.id(), i.title(), i.ownerPersonId(), i.ownerName(), Long.toString(i.communityCode()),
					i.deadline(), i.expectedResult());
		}
	}

	record SeminarMemberBody(long personId, String name) {
	}

	record SeminarGroupBody(long id, String name, long facilitatorPersonId, String facilitatorName,
			List<SeminarMemberBody> members, long listId, ActionListStatus listStatus, String adoptedBy, Instant adoptedAt,
			int listVersion, List<ActionItemBody> items) {

		static SeminarGroupBody of(SeminarService.Group g) {
			return new SeminarGroupBody(g.id(), g.name(), g.facilitatorPersonId(), g.facilitatorName(),
					g.members().stream().map(m -> new SeminarMemberBody(m.personId(), m.name())).toList(), g.listId(),
					g.listStatus(), g.adoptedBy(), g.adoptedAt(), g.listVersion(),
					g.items().stream().map(ActionItemBody::of).toList());
		}
	}

	record SeminarDetailBody(SeminarBody seminar, List<SeminarGroupBody> groups) {
	}

	record OwnActionItemBody(ActionItemBody item, long listId, String groupName, String seminarTopic, long classroomId,
			String classroomName, Instant adoptedAt) {
	}

	record SeminarRequest(String topic, Long findingId, LocalDate heldOn, Long sessionId) {
	}

	record SeminarGroupRequest(String name, Long facilitatorPersonId) {
	}

	record SeminarMembersRequest(List<Long> personIds) {
	}

	record SeminarFacilitatorRequest(Long facilitatorPersonId) {
	}

	record ActionItemRequest(String title, Long ownerPersonId, String communityCode, LocalDate deadline,
			String expectedResult) {
	}

	record AdoptRequest(Integer listVersion) {
	}

	private final SeminarService seminars;
	private final ActionListXlsx xlsx;

	SeminarApiController(SeminarService seminars, ActionListXlsx xlsx) {
		this.seminars = seminars;
		this.xlsx = xlsx;
	}

	@GetMapping("/classrooms/{id}/seminars")
	@Operation(summary = "The classroom's seminars, newest first")
	List<SeminarBody> ofClassroom(@PathVariable long id) {
		return seminars.ofClassroom(id).stream().map(SeminarBody::of).toList();
	}

	@PostMapping("/classrooms/{id}/seminars")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Hold a seminar: topic typed in, or findingId of a survey finding kept as a topic")
	SeminarBody create(@PathVariable long id, @RequestBody SeminarRequest body) {
		return SeminarBody.of(seminars.create(id,
				new SeminarService.Draft(body.topic(), body.findingId(), body.heldOn(), body.sessionId())));
	}

	@GetMapping("/seminars/{id}")
	@Operation(summary = "A seminar with its groups, members and lists")
	SeminarDetailBody seminar(@PathVariable long id) {
		return new SeminarDetailBody(SeminarBody.of(seminars.get(id)),
				seminars.groups(id).stream().map(SeminarGroupBody::of).toList());
	}

	@GetMapping(value = "/seminars/{id}/lists.xlsx", produces = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	@Operation(summary = "The seminar's achievement-conversion lists as XLSX")
	ResponseEntity<byte[]> export(@PathVariable long id) {
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"action-lists-" + id + ".xlsx\"")
			.body(xlsx.export(id));
	}

	@PostMapping("/seminars/{id}/groups")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Add a group led by a facilitator assigned to the classroom (FACILITATOR or HEAD_TEACHER)")
	SeminarGroupBody addGroup(@PathVariable long id, @RequestBody SeminarGroupRequest body) {
		return SeminarGroupBody.of(seminars.addGroup(id, body.name(), body.facilitatorPersonId()));
	}

	@PostMapping("/seminar-groups/{id}/members")
	@Operation(summary = "Put confirmed trainees of the classroom into the group (one group per seminar each)")
	SeminarGroupBody addMembers(@PathVariable long id, @RequestBody SeminarMembersRequest body) {
		return SeminarGroupBody.of(seminars.addMembers(id, body.personIds()));
	}

	@DeleteMapping("/seminar-groups/{id}/members/{personId}")
	@Operation(summary = "Take a trainee out of the group while its list is a draft (400 while they own one of its measures, 409 once adopted)")
	SeminarGroupBody removeMember(@PathVariable long id, @PathVariable long personId) {
		return SeminarGroupBody.of(seminars.removeMember(id, personId));
	}

	@PutMapping("/seminar-groups/{id}/facilitator")
	@Operation(summary = "Give the group another facilitator assigned to the classroom (FACILITATOR or HEAD_TEACHER); 409 once adopted")
	SeminarGroupBody setFacilitator(@PathVariable long id, @RequestBody SeminarFacilitatorRequest body) {
		return SeminarGroupBody.of(seminars.setFacilitator(id, body.facilitatorPersonId()));
	}

	@PostMapping("/seminar-groups/{id}/items")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Add a measure to the group's draft list (409 once adopted)")
	ActionItemBody addItem(@PathVariable long id, @RequestBody ActionItemRequest body) {
		return ActionItemBody.of(seminars.addItem(id, new SeminarService.ItemDraft(body.title(), body.ownerPersonId(),
				body.communityCode(), body.deadline(), body.expectedResult())));
	}

	@DeleteMapping("/action-items/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Remove a measure from a draft list (409 once adopted)")
	void removeItem(@PathVariable long id) {
		seminars.removeItem(id);
	}

	@PostMapping("/seminar-groups/{id}/adopt")
	@Operation(summary = "Adopt the group's list: it never changes afterwards and its items go to the measures module")
	SeminarGroupBody adopt(@PathVariable long id, @RequestBody(required = false) AdoptRequest body) {
		return SeminarGroupBody.of(seminars.adopt(id, body == null ? null : body.listVersion()));
	}

	@GetMapping("/my/action-items")
	@Operation(summary = "The caller's own items of adopted lists (照单落实)")
	List<OwnActionItemBody> mine() {
		return seminars.myItems().stream()
			.map(o -> new OwnActionItemBody(ActionItemBody.of(o.item()), o.listId(), o.groupName(), o.seminarTopic(),
					o.classroomId(), o.classroomName(), o.adoptedAt()))
			.toList();
	}
}
