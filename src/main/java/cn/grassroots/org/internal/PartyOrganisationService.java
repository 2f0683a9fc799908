package cn.grassroots.org.internal;

import static cn.grassroots.org.internal.StructureSupport.mapOf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.org.PartyOrganisationKind;
import cn.grassroots.org.Region;
import cn.grassroots.org.internal.PartyOrganisationRepository.PartyOrganisationView;
import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.InvalidInputException.FieldError;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.platform.SortOrder;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;

/**
 * 党组织: committees, working committees, general branches and branches, attached to a region and
 * optionally a unit, in their own hierarchy. A branch has no sub-organisations and a general
 * branch has only branches under it; the hierarchy has no cycles.
 */
@Service
public class PartyOrganisationService {

	/** What a user types for a party organisation. {@code regionCode} accepts the short or the 12-digit form. */
	public record Draft(String code, String name, PartyOrganisationKind kind, String regionCode, Long parentId,
			Long unitId) {
	}

	/** One organisation of a tree with the organisations under it. */
	public record Node(PartyOrganisationView organisation, List<Node> children) {
	}

	/** The tree under a region: its roots, and whether rows were left out because there were too many. */
	public record Tree(List<Node> roots, int size, boolean truncated) {
	}

	private final PartyOrganisationRepository organisations;
	private final UnitRepository units;
	private final StructureRepository structure;
	private final StructureSupport support;
	private final CurrentUser user;
	private final AuditLog audit;

	PartyOrganisationService(PartyOrganisationRepository organisations, UnitRepository units,
			StructureRepository structure, StructureSupport support, CurrentUser user, AuditLog audit) {
		this.organisations = organisations;
		this.units = units;
		this.structure = structure;
		this.support = support;
		this.user = user;
		this.audit = audit;
	}

	public PageResult<PartyOrganisationView> list(PartyOrganisationRepository.Criteria criteria, SortOrder sort,
			PageRequest page) {
		AccessScope scope = user.require(Permission.ROSTER_READ);
		if (criteria.regionCode() != null) {
			support.requireListable(scope, criteria.regionCode());
		}
		return organisations.list(scope, criteria, sort, page);
	}

	/** The organisations in scope at or below the region, arranged by their parent links. */
	public Tree tree(long regionCode) {
		AccessScope scope = user.require(Permission.ROSTER_READ);
		support.requireListable(scope, regionCode);
		List<PartyOrganisationView> rows = organisations.under(scope, regionCode);
		boolean truncated = rows.size() > PartyOrganisationRepository.TREE_LIMIT;
		if (truncated) {
			rows = rows.subList(0, PartyOrganisationRepository.TREE_LIMIT);
		}
		Map<Long, Node> nodes = new LinkedHashMap<>();
		for (PartyOrganisationView o : rows) {
			nodes.put(o.id(), new Node(o, new ArrayList<>()));
		}
		List<Node> roots = new ArrayList<>();
		for (Node n : nodes.values()) {
			Long parent = n.organisation().parentId();
			if (parent != null && nodes.containsKey(parent)) {
				nodes.get(parent).children().add(n);
			}
			else {
				roots.add(n);
			}
		}
		return new Tree(roots, rows.size(), truncated);
	}

	public PartyOrganisationView get(long id) {
		PartyOrganisationView o = organisations.find(id).orElseThrow(() -> new NotFoundException("no party organisation " + id));
		user.requireRow(Permission.ROSTER_READ, o.regionCode(), null, null, null);
		return o;
	}

	public boolean canWrite(PartyOrganisationView o) {
		return user.scope(Permission.STRUCTURE_WRITE).permits(o.regionCode(), null, null, null);
	}

	public boolean canCreate() {
		return user.has(Permission.STRUCTURE_WRITE);
	}

	public List<PartyOrganisationView> children(long id) {
		get(id);
		return organisations.children(user.scope(Permission.ROSTER_READ), id);
	}

	/** The party organisations of a unit that the caller may see. */
	public List<PartyOrganisationView> ofUnit(long unitId) {
		AccessScope scope = user.scope(Permission.ROSTER_READ);
		return organisations.list(scope, new PartyOrganisationRepository.Criteria(null, null, null, unitId),
				new PageRequest(0, PageRequest.MAX_SIZE)).content();
	}

	@Transactional
	public PartyOrganisationView create(Draft d) {
		AccessScope write = user.require(Permission.STRUCTURE_WRITE);
		List<FieldError> errors = new ArrayList<>();
		Checked c = check(d, null, errors);
		if (c.region() != null && !write.permits(c.region().code(), null, null, null)) {
			throw new ForbiddenException("region " + c.region().code() + " is outside your scope");
		}
		requireReferencesAllowed(c);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		long id = structure.insertPartyOrganisation(c.code(), c.name(), d.kind(), c.region().code(), d.parentId(),
				d.unitId());
		audit.action("PARTY_ORG_CREATE").target("partyOrganisation", id).region(c.region().code())
			.after(snapshot(c, d.kind()))
			.record();
		return organisations.find(id).orElseThrow();
	}

	@Transactional
	public PartyOrganisationView update(long id, Draft d, Integer expectedVersion) {
		PartyOrganisationView before = organisations.find(id)
			.orElseThrow(() -> new NotFoundException("no party organisation " + id));
		user.requireRow(Permission.STRUCTURE_WRITE, before.regionCode(), null, null, null);
		organisations.lock(id);
		List<FieldError> errors = new ArrayList<>();
		Checked c = check(d, id, errors);
		if (c.region() != null && c.region().code() != before.regionCode()
				&& !user.scope(Permission.STRUCTURE_WRITE).permits(c.region().code(), null, null, null)) {
			throw new ForbiddenException("region " + c.region().code() + " is outside your scope");
		}
		requireReferencesAllowed(new Checked(c.code(), c.name(), c.region(),
				Objects.equals(d.parentId(), before.parentId()) ? null : c.parent(),
				Objects.equals(d.unitId(), before.unitId()) ? null : c.unit()));
		if (c.parent() != null && UnitService.createsCycle(id, c.parent().id(), organisations::parentOf)) {
			errors.add(new FieldError("parentId", "partyOrgs.parent.cycle"));
		}
		if (d.kind() == PartyOrganisationKind.BRANCH && organisations.hasChildren(id)) {
			errors.add(new FieldError("kind", "partyOrgs.kind.branchWithChildren"));
		}
		if (d.kind() == PartyOrganisationKind.GENERAL_BRANCH
				&& organisations.childKinds(id).stream().anyMatch(k -> k != PartyOrganisationKind.BRANCH)) {
			errors.add(new FieldError("kind", "partyOrgs.kind.generalBranchChildren"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		int version = expectedVersion == null ? before.version() : expectedVersion;
		if (!organisations.update(id, c.code(), c.name(), d.kind(), c.region().code(), d.parentId(), d.unitId(), version)) {
			throw new ConflictException("the party organisation was changed by someone else; reload and try again");
		}
		audit.action("PARTY_ORG_UPDATE").target("partyOrganisation", id).region(c.region().code())
			.before(mapOf("code", before.code(), "name", before.name(), "kind", before.kind(), "regionCode",
					before.regionCode(), "parentId", before.parentId(), "unitId", before.unitId()))
			.after(snapshot(c, d.kind()))
			.record();
		return organisations.find(id).orElseThrow();
	}

	/** A new parent must be one the caller may change; a unit one the caller may see. */
	private void requireReferencesAllowed(Checked c) {
		if (c.parent() != null) {
			user.requireRow(Permission.STRUCTURE_WRITE, c.parent().regionCode(), null, null, null);
		}
		if (c.unit() != null) {
			user.requireRow(Permission.ROSTER_READ, c.unit().regionCode(), null, c.unit().id(), null);
		}
	}

	private record Checked(String code, String name, Region region, PartyOrganisationView parent,
			UnitRepository.UnitView unit) {
	}

	private Checked check(Draft d, Long selfId, List<FieldError> errors) {
		String code = StructureSupport.code(d.code(), "code", errors);
		if (code != null && code.length() <= 40) {
			Optional<Long> holder = organisations.idByCode(code);
			if (holder.isPresent() && !holder.get().equals(selfId)) {
				errors.add(new FieldError("code", "structure.code.duplicate"));
			}
		}
		String name = StructureSupport.text(d.name(), "name", true, 200, errors);
		if (d.kind() == null) {
			errors.add(new FieldError("kind", "validation.required"));
		}
		Region region = support.region(d.regionCode(), "regionCode", errors);
		PartyOrganisationView parent = null;
		if (d.parentId() != null) {
			if (d.parentId().equals(selfId)) {
				errors.add(new FieldError("parentId", "partyOrgs.parent.cycle"));
			}
			else {
				parent = organisations.find(d.parentId()).orElse(null);
				if (parent == null) {
					errors.add(new FieldError("parentId", "partyOrgs.notFound"));
				}
				else if (parent.kind() == PartyOrganisationKind.BRANCH) {
					errors.add(new FieldError("parentId", "partyOrgs.parent.branch"));
				}
				else if (parent.kind() == PartyOrganisationKind.GENERAL_BRANCH && d.kind() != null
						&& d.kind() != PartyOrganisationKind.BRANCH) {
					errors.add(new FieldError("kind", "partyOrgs.kind.underGeneralBranch"));
				}
			}
		}
		UnitRepository.UnitView unit = null;
		if (d.unitId() != null) {
			unit = units.find(d.unitId()).orElse(null);
			if (unit == null) {
				errors.add(new FieldError("unitId", "unit.notFound"));
			}
		}
		return new Checked(code, name, region, parent, unit);
	}

	private static Map<String, Object> snapshot(Checked c, PartyOrganisationKind kind) {
		return mapOf("code", c.code(), "name", c.name(), "kind", kind, "regionCode", c.region().code(), "parentId",
				c.parent() == null ? null : c.parent().id(), "unitId", c.unit() == null ? null : c.unit().id());
	}
}
