package cn.grassroots.training.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.grassroots.training.internal.SiteKind;
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

	SiteApiController(SiteService sites) {
		this.sites = sites;
	}

	@GetMapping
	@Operation(summary = "Every observation site and education base (reference data)")
	List<SiteBody> list() {
		return sites.list().stream().map(SiteBody::of).toList();
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Add a site in a region within the caller's TRAINING_MANAGE scope; approved puts it on the approved list")
	SiteBody create(@RequestBody SiteRequest body) {
		return SiteBody.of(sites.create(new SiteService.Draft(body.name(), body.kind(), body.theme(), body.hostName(),
				body.regionCode(), body.capacity(), body.approved())));
	}
}
