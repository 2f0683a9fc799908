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

import cn.grassroots.org.PartyOrganisationKind;
import cn.grassroots.org.internal.PartyOrganisationRepository;
import cn.grassroots.org.internal.PartyOrganisationRepository.PartyOrganisationView;
import cn.grassroots.org.internal.PartyOrganisationService;
import cn.grassroots.platform.Ref;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.platform.SortOrder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Party organisations over JSON: reading needs ROSTER_READ, changing STRUCTURE_WRITE, both within the caller's scope. */
@RestController
@RequestMapping("/api/v1/party-organisations")
@Tag(name = "party-organisations", description = "党组织 — committees, working committees, general branches, branches")
class PartyOrganisationApiController {


	record OrganisationBody(long id, String code, String name, PartyOrganisationKind kind, String regionCode,
			String regionPath, Ref parent, Ref unit, int version) {

		static OrganisationBody of(PartyOrganisationView o) {
			return new OrganisationBody(o.id(), o.code(), o.name(), o.kind(), Long.toString(o.regionCode()),
					o.regionPath(), o.parentId() == null ? null : new Ref(o.parentId(), o.parentName()),
					o.unitId() == null ? null : new Ref(o.unitId(), o.unitName()), o.version());
		}
	}

	record OrganisationChildBody(long id, String code, String name, PartyOrganisationKind kind, String regionCode) {

		static OrganisationChildBody of(PartyOrganisationView o) {
			return new OrganisationChildBody(o.id(), o.code(), o.name(), o.kind(), Long.toString(o.regionCode()));
		}
	}

	record OrganisationDetail(long id, String code, String name, PartyOrganisationKind kind, String regionCode,
			String regionPath, Ref parent, Ref unit, int version, List<OrganisationChildBody> children) {
	}

	/** A node of the tree under a region. */
	record NodeBody(long id, String code, String name, PartyOrganisationKind kind, String regionCode, Ref unit,
			List<NodeBody> children) {

		static NodeBody of(PartyOrganisationService.Node n) {
			PartyOrganisationView o = n.organisation();
			return new NodeBody(o.id(), o.code(), o.name(), o.kind(), Long.toString(o.regionCode()),
					o.unitId() == null ? null : new Ref(o.unitId(), o.unitName()),
					n.children().stream().map(NodeBody::of).toList());
		}
	}

	record TreeBody(String region, int size, boolean truncated, List<NodeBody> roots) {
	}

	record OrganisationRequest(String code, String name, PartyOrganisationKind kind, String regionCode, Long parentId,
			Long unitId, Integer version) {

		PartyOrganisationService.Draft draft() {
			return new PartyOrganisationService.Draft(code, name, kind, regionCode, parentId, unitId);
		}
	}

	private final PartyOrganisationService organisations;

	PartyOrganisationApiController(PartyOrganisationService organisations) {
		this.organisations = organisations;
	}

	@GetMapping
	@Operation(summary = "Party organisations in the caller's scope; q matches name or code; a region outside the scope is 403")
	PageResult<OrganisationBody> list(@RequestParam(required = false) String region,
			@RequestParam(required = false) PartyOrganisationKind kind, @RequestParam(required = false) String q,
			@RequestParam(required = false) Long unit,
			@Parameter(description = "region (default: region, then code), code, name, kind, parent, unit; a leading - for descending")
			@RequestParam(required = false) String sort,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		SortOrder order = PartyOrganisationRepository.SORT.parse(sort);
		var criteria = new PartyOrganisationRepository.Criteria(StructureParams.region(region), kind,
				StructureParams.query(q, "q"), unit);
		return organisations.list(criteria, order, PageRequest.of(page, size)).map(OrganisationBody::of);
	}

	@GetMapping("/tree")
	@Operation(summary = "The organisations in scope at or below a region, as a tree")
	TreeBody tree(@RequestParam(required = false) String region) {
		Long code = StructureParams.region(region);
		if (code == null) {
			throw InvalidInputException.of("region", "validation.required");
		}
		var tree = organisations.tree(code);
		return new TreeBody(Long.toString(code), tree.size(), tree.truncated(),
				tree.roots().stream().map(NodeBody::of).toList());
	}

	@GetMapping("/{id}")
	OrganisationDetail get(@PathVariable long id) {
		OrganisationBody b = OrganisationBody.of(organisations.get(id));
		return new OrganisationDetail(b.id(), b.code(), b.name(), b.kind(), b.regionCode(), b.regionPath(), b.parent(),
				b.unit(), b.version(), organisations.children(id).stream().map(OrganisationChildBody::of).toList());
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	OrganisationBody create(@RequestBody OrganisationRequest body) {
		return OrganisationBody.of(organisations.create(body.draft()));
	}

	@PutMapping("/{id}")
	@Operation(summary = "Replace a party organisation; a parent that would make a cycle is refused")
	OrganisationBody update(@PathVariable long id, @RequestBody OrganisationRequest body) {
		return OrganisationBody.of(organisations.update(id, body.draft(), body.version()));
	}
}
