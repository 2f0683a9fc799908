package cn.grassroots.training.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.grassroots.org.RegionKind;
import cn.grassroots.training.internal.CaseLibrary;
import cn.grassroots.training.internal.CaseLibrary.Hit;
import cn.grassroots.training.internal.CourseType;
import cn.grassroots.training.internal.LecturerKind;
import cn.grassroots.training.internal.LecturerService;
import cn.grassroots.training.internal.LecturerService.Lecturer;
import cn.grassroots.training.internal.PlanStatus;
import cn.grassroots.training.internal.SessionLinks;
import cn.grassroots.training.internal.SizeBand;
import cn.grassroots.training.internal.TopicCategory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** 师资 and 案例库: lecturers, the grassroots case library, and the links from plan sessions to both. */
@RestController
@RequestMapping("/api/v1/training")
@Tag(name = "training")
class LibraryApiController {

	record LecturerBody(long id, String name, LecturerKind kind, String title, String unitName, String region,
			Long personId, Long caseId, String profile, boolean active, List<TopicCategory> topics, int version,
			BigDecimal meanScore, long ratings, long sessions) {

		static LecturerBody of(Lecturer l, BigDecimal mean, long ratings, long sessions) {
			return new LecturerBody(l.id(), l.name(), l.kind(), l.title(), l.unitName(), Long.toString(l.regionCode()),
					l.personId(), l.caseId(), l.profile(), l.active(), l.topics(), l.version(), mean, ratings, sessions);
		}
	}

	record LecturerSessionBody(long sessionId, long classroomId, String classroomName, LocalDate date, String title,
			CourseType courseType, PlanStatus planStatus) {
	}

	record LecturerDetailBody(LecturerBody lecturer, List<LecturerSessionBody> sessions) {
	}

	record LecturerRequest(String name, LecturerKind kind, String title, String unitName, String regionCode,
			Long personId, List<TopicCategory> topics, String profile, Boolean active, Integer version) {

		LecturerService.Draft draft() {
			return new LecturerService.Draft(name, kind, title, unitName, regionCode, personId, topics, profile, active);
		}
	}

	record CaseBody(long id, String title, String practice, String results, TopicCategory topic, String communityCode,
			String communityName, RegionKind communityKind, int households, SizeBand sizeBand, Long secretaryPersonId,
			String secretaryName, int year, Long lecturerId, int version, int proximity, BigDecimal meanScore,
			long ratings, long lessons) {

		static CaseBody of(Hit h) {
			var k = h.item();
			return new CaseBody(k.id(), k.title(), k.practice(), k.results(), k.topic(), Long.toString(k.communityCode()),
					k.communityName(), k.communityKind(), k.households(), k.sizeBand(), k.secretaryPersonId(),
					k.secretaryName(), k.year(), k.lecturerId(), k.version(), h.proximity(), h.meanScore(), h.ratings(),
					h.lessons());
		}
	}

	record CaseRequest(String title, String practice, String results, TopicCategory topic, String communityCode,
			Integer households, Long secretaryPersonId, Integer year, Integer version) {

		CaseLibrary.Draft draft() {
			return new CaseLibrary.Draft(title, practice, results, topic, communityCode, households, secretaryPersonId, year);
		}
	}

	record ModelSecretaryRequest(LecturerKind kind, String title) {
	}

	record SessionLinkRequest(Long lecturerId, Long caseId) {
	}

	record SessionLinkBody(long sessionId, Long lecturerId, String lecturer, Long caseId) {
	}

	private final LecturerService lecturers;
	private final CaseLibrary cases;
	private final SessionLinks links;

	LibraryApiController(LecturerService lecturers, CaseLibrary cases, SessionLinks links) {
		this.lecturers = lecturers;
		this.cases = cases;
		this.links = links;
	}

	@GetMapping("/lecturers")
	@Operation(summary = "Lecturers of the caller's province, best rated first; filter by topic, kind or name")
	List<LecturerBody> lecturers(@RequestParam(required = false) TopicCategory topic,
			@RequestParam(required = false) LecturerKind kind, @RequestParam(required = false) String name) {
		if (name != null && name.length() > 50) {
			throw cn.grassroots.platform.InvalidInputException.of("name", "validation.tooLong");
		}
		return lecturers.list(topic, kind, name).stream()
			.map(r -> LecturerBody.of(r.lecturer(), r.meanScore(), r.ratings(), r.sessions()))
			.toList();
	}

	@PostMapping("/lecturers")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Add a lecturer in a region within the caller's TRAINING_MANAGE scope")
	LecturerBody createLecturer(@RequestBody LecturerRequest body) {
		return LecturerBody.of(lecturers.create(body.draft()), null, 0, 0);
	}

	@GetMapping("/lecturers/{id}")
	@Operation(summary = "A lecturer with the sessions they teach in current plans the caller may see, and their rating")
	LecturerDetailBody lecturer(@PathVariable long id) {
		Lecturer l = lecturers.get(id);
		var row = lecturers.list(null, null, null).stream().filter(r -> r.lecturer().id() == id).findFirst();
		List<LecturerSessionBody> taught = lecturers.taught(id).stream()
			.map(t -> new LecturerSessionBody(t.sessionId(), t.classroomId(), t.classroomName(), t.date(), t.title(),
					t.courseType(), t.planStatus()))
			.toList();
		return new LecturerDetailBody(LecturerBody.of(l, row.map(LecturerService.Row::meanScore).orElse(null),
				row.map(LecturerService.Row::ratings).orElse(0L), row.map(LecturerService.Row::sessions).orElse(0L)), taught);
	}

	@PutMapping("/lecturers/{id}")
	@Operation(summary = "Change a lecturer; version guards against lost updates")
	LecturerBody updateLecturer(@PathVariable long id, @RequestBody LecturerRequest body) {
		return LecturerBody.of(lecturers.update(id, body.draft(), body.version()), null, 0, 0);
	}

	@GetMapping("/cases")
	@Operation(summary = "Search the case library: by topic, text, similar communities (same kind and size band as similarTo, "
			+ "with its households if it has no case yet) and neighbouring ones (near: same township, then county, then city)")
	List<CaseBody> cases(@RequestParam(required = false) TopicCategory topic, @RequestParam(required = false) String q,
			@RequestParam(required = false) String similarTo, @RequestParam(required = false) Integer households,
			@RequestParam(required = false) String near) {
		return cases.search(new CaseLibrary.Query(topic, q, similarTo, households, near)).stream().map(CaseBody::of).toList();
	}

	@PostMapping("/cases")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Add a case of a community within the caller's TRAINING_MANAGE scope")
	CaseBody createCase(@RequestBody CaseRequest body) {
		return CaseBody.of(cases.get(cases.create(body.draft()).id()));
	}

	@GetMapping("/cases/{id}")
	@Operation(summary = "A case with how trainees rated the lessons that taught it")
	CaseBody caseOf(@PathVariable long id) {
		return CaseBody.of(cases.get(id));
	}

	@PutMapping("/cases/{id}")
	@Operation(summary = "Change a case; version guards against lost updates")
	CaseBody updateCase(@PathVariable long id, @RequestBody CaseRequest body) {
		return CaseBody.of(cases.get(cases.update(id, body.draft(), body.version()).id()));
	}

	@PostMapping("/cases/{id}/secretary")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Choose the case's community secretary as a national or provincial model-secretary lecturer")
	LecturerBody chooseSecretary(@PathVariable long id, @RequestBody ModelSecretaryRequest body) {
		return LecturerBody.of(cases.chooseSecretary(id, body.kind(), body.title()), null, 0, 0);
	}

	@PutMapping("/sessions/{id}/links")
	@Operation(summary = "Link a session of the current draft plan to a listed lecturer and, for a case lesson, a case (null clears)")
	SessionLinkBody link(@PathVariable long id, @RequestBody SessionLinkRequest body) {
		var l = links.link(id, body.lecturerId(), body.caseId());
		return new SessionLinkBody(l.sessionId(), l.lecturerId(), l.lecturer(), l.caseId());
	}
}
