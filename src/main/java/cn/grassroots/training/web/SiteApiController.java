package cn.grassroots.training.web;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.grassroots.platform.NotFoundException;
import cn.grassroots.training.internal.PlanStatus;
import cn.grassroots.training.internal.SiteKind;
import cn.grassroots.training.internal.TrainingAccess;
import cn.grassroots.training.internal.SiteService;
import cn.grassroots.training.internal.SiteService.Site;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Observation sites and education bases; the approved ones may be used by observation sessions. */
@RestController
@RequestMapping("/api/v1/training/sites")
@Tag(name = "training")
class SiteApiController {

	record SiteBody(long id, String name, SiteKind kind, String theme, String hostName, String region, int capacity,
			boolean approved) {

		static SiteBody of(Site s) {
			return new SiteBody(s.id(), s.name(), s.kind(), s.theme(), s.hostName(), Long.toString(s.regionCode()),
					s.capacity(), s.approved());
		}
	}

	record SiteRequest(String name, SiteKind kind, String theme, String hostName, String regionCode, Integer capacity,
			Boolean approved) {
	}

	private final SiteService sites;
	private final TrainingAccess access;

	SiteApiController(SiteService sites, TrainingAccess access) {
		this.sites = sites;
		this.access = access;
	}

	record SiteVisitBody(long sessionId, long classroomId, String classroomName, LocalDate date, LocalTime start,
			LocalTime end, String title, PlanStatus planStatus) {
	}

	@GetMapping
	@Operation(summary = "Observation sites and education bases (reference data), optionally of a kind, theme, region or approval")
	List<SiteBody> list(@RequestParam(required = false) SiteKind kind, @RequestParam(required = false) String theme,
			@RequestParam(required = false) Boolean approved, @RequestParam(required = false) String region) {
		if (kind == null && theme == null && approved == null && region == null) {
			return sites.list().stream().map(SiteBody::of).toList();
		}
		return sites.search(kind, theme, approved, region).stream().map(SiteBody::of).toList();
	}

	@GetMapping("/{id}")
	@Operation(summary = "One site")
	SiteBody site(@PathVariable long id) {
		return SiteBody.of(sites.find(id).orElseThrow(() -> new NotFoundException("no site " + id)));
	}

	@PutMapping("/{id}")
	@Operation(summary = "Change a site (and put it on or take it off the approved list) within the caller's TRAINING_MANAGE scope")
	SiteBody update(@PathVariable long id, @RequestBody SiteRequest body) {
		return SiteBody.of(sites.update(id, new SiteService.Draft(body.name(), body.kind(), body.theme(), body.hostName(),
				body.regionCode(), body.capacity(), body.approved())));
	}

	@GetMapping("/{id}/visits")
	@Operation(summary = "Which classrooms visit the site when: its sessions in current plans the caller may see")
	List<SiteVisitBody> visits(@PathVariable long id) {
		return sites.visits(id, access.classroom()).stream()
			.map(v -> new SiteVisitBody(v.sessionId(), v.classroomId(), v.classroomName(), v.date(), v.start(), v.end(),
					v.title(), v.planStatus()))
			.toList();
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Add a site in a region within the caller's TRAINING_MANAGE scope; approved puts it on the approved list")
	SiteBody create(@RequestBody SiteRequest body) {
		return SiteBody.of(sites.create(new SiteService.Draft(body.name(), body.kind(), body.theme(), body.hostName(),
				body.regionCode(), body.capacity(), body.approved())));
	}
}
