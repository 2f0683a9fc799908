package cn.grassroots.training.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.grassroots.training.internal.FindingStatus;
import cn.grassroots.training.internal.SupervisionService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** 督学: supervision teams, their visits to classrooms, findings and rectification until closed. */
@RestController
@RequestMapping("/api/v1/training")
@Tag(name = "training")
class SupervisionApiController {

	record SupervisorBody(long personId, String name, boolean leader) {
	}

	record SupervisionTeamBody(long id, long programmeId, String name, List<SupervisorBody> members) {

		static SupervisionTeamBody of(SupervisionService.Team t) {
			return new SupervisionTeamBody(t.id(), t.programmeId(), t.name(),
					t.members().stream().map(m -> new SupervisorBody(m.personId(), m.name(), m.leader())).toList());
		}
	}

	record SupervisionVisitBody(long id, long teamId, String teamName, long classroomId, String classroomName,
			LocalDate visitedOn, String summary, String createdBy, long openFindings) {

		static SupervisionVisitBody of(SupervisionService.Visit v) {
			return new SupervisionVisitBody(v.id(), v.teamId(), v.teamName(), v.classroomId(), v.classroomName(),
					v.visitedOn(), v.summary(), v.createdBy(), v.openFindings());
		}
	}

	record RectificationStepBody(String step, String note, String by, Instant at) {
	}

	record SupervisionFindingBody(long id, long visitId, long classroomId, String classroomName, String description,
			LocalDate deadline, FindingStatus status, String createdBy, String closedBy, Instant closedAt, int version,
			List<RectificationStepBody> steps) {

		static SupervisionFindingBody of(SupervisionService.Finding f) {
			return new SupervisionFindingBody(f.id(), f.visitId(), f.classroomId(), f.classroomName(), f.description(),
					f.deadline(), f.status(), f.createdBy(), f.closedBy(), f.closedAt(), f.version(),
					f.steps().stream().map(s -> new RectificationStepBody(s.step(), s.note(), s.by(), s.at())).toList());
		}
	}

	record SupervisionTeamRequest(String name, List<Long> memberPersonIds, Long leaderPersonId) {
	}

	record SupervisionVisitRequest(Long teamId, Long classroomId, LocalDate visitedOn, String summary) {
	}

	record SupervisionFindingRequest(String description, LocalDate deadline) {
	}

	record RectificationRequest(String note) {
	}

	record RectificationReviewRequest(Boolean accept, String note) {
	}

	record OpenFindingsBody(long programmeId, Long classroomId, long open) {
	}

	private final SupervisionService supervision;

	SupervisionApiController(SupervisionService supervision) {
		this.supervision = supervision;
	}

	@GetMapping("/programmes/{id}/supervision/teams")
	@Operation(summary = "The programme's supervision teams and their members")
	List<SupervisionTeamBody> teams(@PathVariable long id) {
		return supervision.teams(id).stream().map(SupervisionTeamBody::of).toList();
	}

	@PostMapping("/programmes/{id}/supervision/teams")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Form a supervision team of people from the roster (programme officers)")
	SupervisionTeamBody createTeam(@PathVariable long id, @RequestBody SupervisionTeamRequest body) {
		return SupervisionTeamBody.of(supervision.createTeam(id,
				new SupervisionService.TeamDraft(body.name(), body.memberPersonIds(), body.leaderPersonId())));
	}

	@GetMapping("/programmes/{id}/supervision/visits")
	@Operation(summary = "The programme's supervision visits the caller may read")
	List<SupervisionVisitBody> visits(@PathVariable long id) {
		return supervision.visits(id).stream().map(SupervisionVisitBody::of).toList();
	}

	@PostMapping("/programmes/{id}/supervision/visits")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Record a team's visit to one of the programme's classrooms (programme officers or team members)")
	SupervisionVisitBody createVisit(@PathVariable long id, @RequestBody SupervisionVisitRequest body) {
		return SupervisionVisitBody.of(supervision.createVisit(id, new SupervisionService.VisitDraft(body.teamId(),
				body.classroomId(), body.visitedOn(), body.summary())));
	}

	@GetMapping("/programmes/{id}/supervision/findings")
	@Operation(summary = "The programme's findings the caller may read, optionally of one status")
	List<SupervisionFindingBody> findings(@PathVariable long id, @RequestParam(required = false) FindingStatus status) {
		return supervision.findings(id, status).stream().map(SupervisionFindingBody::of).toList();
	}

	@GetMapping("/programmes/{id}/supervision/open-findings")
	@Operation(summary = "How many findings are not yet closed, in the programme or one of its classrooms")
	OpenFindingsBody open(@PathVariable long id, @RequestParam(required = false) Long classroomId) {
		return new OpenFindingsBody(id, classroomId, supervision.openFindingCount(id, classroomId));
	}

	@GetMapping("/supervision/visits/{id}")
	@Operation(summary = "A supervision visit")
	SupervisionVisitBody visit(@PathVariable long id) {
		return SupervisionVisitBody.of(supervision.visit(id));
	}

	@PostMapping("/supervision/visits/{id}/findings")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Record a finding of the visit, with a rectification deadline")
	SupervisionFindingBody addFinding(@PathVariable long id, @RequestBody SupervisionFindingRequest body) {
		return SupervisionFindingBody.of(supervision.addFinding(id,
				new SupervisionService.FindingDraft(body.description(), body.deadline())));
	}

	@GetMapping("/supervision/findings/{id}")
	@Operation(summary = "A finding with its rectification steps")
	SupervisionFindingBody finding(@PathVariable long id) {
		return SupervisionFindingBody.of(supervision.finding(id));
	}

	@PostMapping("/supervision/findings/{id}/rectification")
	@Operation(summary = "The classroom reports its rectification of an open finding")
	SupervisionFindingBody rectify(@PathVariable long id, @RequestBody RectificationRequest body) {
		return SupervisionFindingBody.of(supervision.reportRectification(id, body.note()));
	}

	@PostMapping("/supervision/findings/{id}/review")
	@Operation(summary = "The team accepts the rectification (closed) or sends the finding back (open)")
	SupervisionFindingBody review(@PathVariable long id, @RequestBody RectificationReviewRequest body) {
		if (body.accept() == null) {
			throw cn.grassroots.platform.InvalidInputException.of("accept", "validation.required");
		}
		return SupervisionFindingBody.of(supervision.review(id, body.accept(), body.note()));
	}
}
