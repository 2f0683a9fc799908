package cn.grassroots.measures.internal;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.measures.internal.MeasureRepository.Mechanism;
import cn.grassroots.measures.internal.MeasureRepository.Member;
import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.Region;
import cn.grassroots.org.RegionLevel;
import cn.grassroots.org.UnitRef;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.CurrentUser;

/** 协调机制: a mechanism at a region, its accountable leader, lead, coordinating and member units. */
@Service
public class MechanismService {

	/** A member unit and its duty (分工). */
	public record MemberDraft(Long unitId, String duty) {
	}

	/** What a user gives for a new mechanism; {@code regionCode} short or 12-digit. */
	public record Draft(String name, MechanismLevel level, String regionCode, String leaderName, String leaderTitle,
			Long leadUnitId, Long coordinatingUnitId, String foundingDocument, LocalDate foundedOn, Long parentId,
			List<MemberDraft> members) {
	}

	/** A mechanism with the names it shows. */
	public record MechanismView(Mechanism mechanism, String regionName, String regionPath, UnitRef leadUnit,
			UnitRef coordinatingUnit, boolean whole) {
	}

	public record MemberView(UnitRef unit, MemberRole role, String duty) {
	}

	private final MeasureRepository repository;
	private final MeasureAccess access;
	private final OrgDirectory org;
	private final CurrentUser user;
	private final AuditLog audit;

	MechanismService(MeasureRepository repository, MeasureAccess access, OrgDirectory org, CurrentUser user, AuditLog audit) {
		this.repository = repository;
		this.access = access;
		this.org = org;
		this.user = user;
		this.audit = audit;
	}

	public PageResult<MechanismView> list(String q, PageRequest page) {
		AccessScope scope = access.read();
		PageResult<Mechanism> rows = repository.mechanisms(MeasureAccess.mechanisms(scope), q, page);
		return views(rows, scope);
	}

	private PageResult<MechanismView> views(PageResult<Mechanism> rows, AccessScope scope) {
		Set<Long> unitIds = new LinkedHashSet<>();
		rows.content().forEach(m -> {
			if (m.leadUnitId() != null) {
				unitIds.add(m.leadUnitId());
			}
			if (m.coordinatingUnitId() != null) {
				unitIds.add(m.coordinatingUnitId());
			}
		});
		Map<Long, UnitRef> units = org.units(unitIds);
		Map<Long, Region> regions = new LinkedHashMap<>();
		return rows.map(m -> {
			Region r = regions.computeIfAbsent(m.regionCode(), c -> org.region(c).orElse(null));
			return new MechanismView(m, r == null ? null : r.name(), r == null ? null : r.path(),
					m.leadUnitId() == null ? null : units.get(m.leadUnitId()),
					m.coordinatingUnitId() == null ? null : units.get(m.coordinatingUnitId()), MeasureAccess.wholeMechanism(scope, m));
		});
	}

	/** The mechanism, if the caller reaches it at all: 404 when it does not exist, 403 outside the scope. */
	public Mechanism require(long id) {
		Mechanism m = repository.mechanism(id).orElseThrow(() -> new NotFoundException("no mechanism " + id));
		if (!repository.mechanismVisible(id, MeasureAccess.mechanisms(access.read()))) {
			throw MeasureAccess.forbidden();
		}
		return m;
	}

	/** The mechanism, when the caller reaches all of it (a member unit sees only its own measures). */
	public Mechanism requireWhole(long id) {
		Mechanism m = require(id);
		if (!MeasureAccess.wholeMechanism(access.read(), m)) {
			throw MeasureAccess.forbidden();
		}
		return m;
	}

	/** The mechanism, when the caller may manage it (lead or coordinating unit, or a region manager). */
	public Mechanism requireManaged(long id) {
		Mechanism m = require(id);
		if (!access.canManage(m)) {
			throw MeasureAccess.forbidden();
		}
		return m;
	}

	public MechanismView get(long id) {
		Mechanism m = require(id);
		return views(new PageResult<>(List.of(m), null), access.read()).content().get(0);
	}

	public List<MemberView> members(long id) {
		require(id);
		List<Member> members = repository.members(id);
		Map<Long, UnitRef> units = org.units(members.stream().map(Member::unitId).toList());
		return members.stream().map(x -> new MemberView(units.get(x.unitId()), x.role(), x.duty())).toList();
	}

	/** Whether the caller may set up mechanisms somewhere (MEASURE_MANAGE over a region). */
	public boolean canCreate() {
		var scope = user.scope(cn.grassroots.platform.security.Permission.MEASURE_MANAGE);
		return scope.all() || !scope.regionRanges().isEmpty();
	}

	@Transactional
	public Mechanism create(Draft d) {
		Checks c = new Checks();
		String name = c.text("name", d.name(), 200, true);
		c.required("level", d.level());
		Region region = null;
		if (c.text("regionCode", d.regionCode(), 12, true) != null) {
			region = org.region(d.regionCode().strip()).orElse(null);
			if (region == null) {
				c.add("regionCode", "no such region");
			}
			else if (d.level() != null && !fits(d.level(), region.level())) {
				c.add("level", "does not match the region's level");
			}
		}
		String leader = c.text("leaderName", d.leaderName(), 100, true);
		String leaderTitle = c.text("leaderTitle", d.leaderTitle(), 100, false);
		String document = c.text("foundingDocument", d.foundingDocument(), 300, false);
		UnitRef lead = unit(c, "leadUnitId", d.leadUnitId());
		UnitRef coordinating = unit(c, "coordinatingUnitId", d.coordinatingUnitId());
		Map<Long, String> members = members(c, d.members());
		Mechanism parent = null;
		if (d.parentId() != null) {
			parent = repository.mechanism(d.parentId()).orElse(null);
			if (parent == null) {
				c.add("parentId", "no such mechanism");
			}
			else if (region != null && (parent.regionCode() == region.code()
					|| !AccessScope.Range.of(parent.regionCode()).contains(region.code()))) {
				c.add("parentId", "must be a mechanism of a region above this one");
			}
		}
		c.throwIfAny();
		if (!user.scope(cn.grassroots.platform.security.Permission.MEASURE_MANAGE).coversRegion(region.code())) {
			throw new ForbiddenException("region " + region.code() + " is outside your scope");
		}
		long id = repository.insertMechanism(name, d.level(), region.code(), leader, leaderTitle, lead.id(),
				coordinating.id(), document, d.foundedOn(), d.parentId(), user.username());
		insertMembers(id, lead, coordinating, members);
		Mechanism created = repository.mechanism(id).orElseThrow();
		audit.action("MECHANISM_CREATE").target("mechanism", id).region(region.code())
			.after(Map.of("name", name, "level", d.level().name(), "region", region.code(), "leadUnit", lead.id(),
					"coordinatingUnit", coordinating.id(), "members", created.memberCount()))
			.record();
		return created;
	}

	/**
	 * Changes a mechanism (its lead or coordinating unit, or a region manager over it): name, leader,
	 * founding document, lead and coordinating units and the member units with their duties. Its
	 * region, level and higher mechanism stay as set up, since its measures and their citations hang on
	 * them. A unit still leading or partnering on one of its measures cannot leave it.
	 */
	@Transactional
	public Mechanism update(long id, Draft d) {
		Mechanism before = requireManaged(id);
		repository.lockMechanism(id);
		Checks c = new Checks();
		String name = c.text("name", d.name(), 200, true);
		String leader = c.text("leaderName", d.leaderName(), 100, true);
		String leaderTitle = c.text("leaderTitle", d.leaderTitle(), 100, false);
		String document = c.text("foundingDocument", d.foundingDocument(), 300, false);
		UnitRef lead = unit(c, "leadUnitId", d.leadUnitId());
		UnitRef coordinating = unit(c, "coordinatingUnitId", d.coordinatingUnitId());
		Map<Long, String> members = members(c, d.members());
		java.util.Set<Long> kept = new java.util.HashSet<>(members.keySet());
		if (lead != null) {
			kept.add(lead.id());
		}
		if (coordinating != null) {
			kept.add(coordinating.id());
		}
		List<Long> busy = repository.unitsOnMeasures(id).stream().filter(u -> !kept.contains(u)).toList();
		if (!busy.isEmpty()) {
			c.add("members", "units still leading or partnering on measures of this mechanism cannot leave it: "
					+ org.units(busy).values().stream().map(UnitRef::name).toList());
		}
		c.throwIfAny();
		List<Member> old = repository.members(id);
		repository.updateMechanism(id, name, leader, leaderTitle, lead.id(), coordinating.id(), document, d.foundedOn());
		repository.deleteMembers(id);
		insertMembers(id, lead, coordinating, members);
		Mechanism after = repository.mechanism(id).orElseThrow();
		Map<String, Object> was = new LinkedHashMap<>();
		was.put("name", before.name());
		was.put("leader", before.leaderName());
		was.put("leadUnit", before.leadUnitId());
		was.put("coordinatingUnit", before.coordinatingUnitId());
		was.put("members", old.stream().map(Member::unitId).toList());
		Map<String, Object> now = new LinkedHashMap<>();
		now.put("name", after.name());
		now.put("leader", after.leaderName());
		now.put("leadUnit", after.leadUnitId());
		now.put("coordinatingUnit", after.coordinatingUnitId());
		now.put("members", repository.members(id).stream().map(Member::unitId).toList());
		audit.action("MECHANISM_UPDATE").target("mechanism", id).region(before.regionCode()).before(was).after(now).record();
		return after;
	}

	/** The member units as given, unit → duty, each checked once; errors go to {@code c}. */
	private Map<Long, String> members(Checks c, List<MemberDraft> given) {
		Map<Long, String> members = new LinkedHashMap<>();
		List<MemberDraft> list = given == null ? List.of() : given;
		for (int i = 0; i < list.size(); i++) {
			MemberDraft md = list.get(i);
			String field = "members[" + i + "]";
			if (md == null || md.unitId() == null) {
				c.add(field + ".unitId", "is required");
			}
			else if (org.unit(md.unitId()).isEmpty()) {
				c.add(field + ".unitId", "no such unit");
			}
			else if (members.containsKey(md.unitId())) {
				c.add(field + ".unitId", "is listed twice");
			}
			else {
				members.put(md.unitId(), c.text(field + ".duty", md.duty(), 500, false));
			}
		}
		return members;
	}

	/** The lead and coordinating units with their roles, then the other members; the duties taken from {@code members}. */
	private void insertMembers(long id, UnitRef lead, UnitRef coordinating, Map<Long, String> members) {
		repository.insertMember(id, lead.id(), MemberRole.LEAD, members.remove(lead.id()));
		if (coordinating.id() != lead.id()) {
			repository.insertMember(id, coordinating.id(), MemberRole.COORDINATING, members.remove(coordinating.id()));
		}
		members.forEach((unit, duty) -> repository.insertMember(id, unit, MemberRole.MEMBER, duty));
	}

	private UnitRef unit(Checks c, String field, Long id) {
		if (c.required(field, id) == null) {
			return null;
		}
		UnitRef u = org.unit(id).orElse(null);
		if (u == null) {
			c.add(field, "no such unit");
		}
		return u;
	}

	private static boolean fits(MechanismLevel level, RegionLevel region) {
		return switch (level) {
			case PROVINCE -> region == RegionLevel.PROVINCE;
			case CITY -> region == RegionLevel.CITY;
			case COUNTY -> region == RegionLevel.COUNTY;
		};
	}
}
