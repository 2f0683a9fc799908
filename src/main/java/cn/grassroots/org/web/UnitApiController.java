package cn.grassroots.org.web;

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

import cn.grassroots.org.UnitKind;
import cn.grassroots.org.internal.UnitRepository;
import cn.grassroots.org.internal.UnitRepository.UnitView;
import cn.grassroots.org.internal.UnitService;
import cn.grassroots.platform.Ref;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.platform.SortOrder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Units over JSON: reading needs ROSTER_READ, changing STRUCTURE_WRITE, both within the caller's scope. */
@RestController
@RequestMapping("/api/v1/units")
@Tag(name = "units", description = "单位 — departments, party schools, resident units, companies, social organisations")
class UnitApiController {


	record UnitBody(long id, String code, String name, UnitKind kind, String regionCode, String regionPath, Ref parent,
			int version) {

		static UnitBody of(UnitView u) {
			return new UnitBody(u.id(), u.code(), u.name(), u.kind(), Long.toString(u.regionCode()), u.regionPath(),
					u.parentId() == null ? null : new Ref(u.parentId(), u.parentName()), u.version());
		}
	}

	record UnitChildBody(long id, String code, String name, UnitKind kind, String regionCode) {

		static UnitChildBody of(UnitView u) {
			return new UnitChildBody(u.id(), u.code(), u.name(), u.kind(), Long.toString(u.regionCode()));
		}
	}

	/** One unit with the sub-units the caller may see. */
	record UnitDetail(long id, String code, String name, UnitKind kind, String regionCode, String regionPath, Ref parent,
			int version, List<UnitChildBody> children) {
	}

	/** Create or replace; {@code version} (optional) guards against overwriting someone else's change. */
	record UnitRequest(String code, String name, UnitKind kind, String regionCode, Long parentId, Integer version) {

		UnitService.Draft draft() {
			return new UnitService.Draft(code, name, kind, regionCode, parentId);
		}
	}

	private final UnitService units;

	UnitApiController(UnitService units) {
		this.units = units;
	}

	@GetMapping
	@Operation(summary = "Units in the caller's scope; q matches name or code; a region outside the scope is 403")
	PageResult<UnitBody> list(@RequestParam(required = false) String region, @RequestParam(required = false) UnitKind kind,
			@RequestParam(required = false) String q, @RequestParam(required = false) Long parent,
			@Parameter(description = "region (default: region, then code), code, name, kind, parent; a leading - for descending")
			@RequestParam(required = false) String sort,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		SortOrder order = UnitRepository.SORT.parse(sort);
		var criteria = new UnitRepository.Criteria(StructureParams.region(region), kind, StructureParams.query(q, "q"), parent);
		return units.list(criteria, order, PageRequest.of(page, size)).map(UnitBody::of);
	}

	@GetMapping("/{id}")
	UnitDetail get(@PathVariable long id) {
		UnitBody b = UnitBody.of(units.get(id));
		return new UnitDetail(b.id(), b.code(), b.name(), b.kind(), b.regionCode(), b.regionPath(), b.parent(),
				b.version(), units.children(id).stream().map(UnitChildBody::of).toList());
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	UnitBody create(@RequestBody UnitRequest body) {
		return UnitBody.of(units.create(body.draft()));
	}

	@PutMapping("/{id}")
	@Operation(summary = "Replace a unit; a parent that would make a cycle is refused")
	UnitBody update(@PathVariable long id, @RequestBody UnitRequest body) {
		return UnitBody.of(units.update(id, body.draft(), body.version()));
	}
}
