package cn.grassroots.org.internal;

import static cn.grassroots.org.internal.StructureSupport.mapOf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongFunction;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.org.Person;
import cn.grassroots.org.Region;
import cn.grassroots.org.UnitKind;
import cn.grassroots.org.internal.UnitRepository.UnitView;
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
 * 单位: departments, party schools, township offices, resident units, property companies and
 * social organisations, each in a region with a unique code and its own hierarchy (no cycles).
 */
@Service
public class UnitService {

	/** What a user types for a unit. {@code regionCode} accepts the short or the 12-digit form. */
	public record Draft(String code, String name, UnitKind kind, String regionCode, Long parentId) {
	}

	private final UnitRepository units;
	private final StructureRepository structure;
	private final PersonService people;
	private final StructureSupport support;
	private final CurrentUser user;
	private final AuditLog audit;

	UnitService(UnitRepository units, StructureRepository structure, PersonService people, StructureSupport support,
			CurrentUser user, AuditLog audit) {
		this.units = units;
		this.structure = structure;
		this.people = people;
		this.support = support;
		this.user = user;
		this.audit = audit;
	}

	public PageResult<UnitView> list(UnitRepository.Criteria criteria, SortOrder sort, PageRequest page) {
		AccessScope scope = user.require(Permission.ROSTER_READ);
		if (criteria.regionCode() != null) {
			support.requireListable(scope, criteria.regionCode());
		}
		return units.list(scope, criteria, sort, page);
	}

	public UnitView get(long id) {
		UnitView u = units.find(id).orElseThrow(() -> new NotFoundException("no unit " + id));
		user.requireRow(Permission.ROSTER_READ, u.regionCode(), null, u.id(), null);
		return u;
	}

	public boolean canWrite(UnitView u) {
		return user.scope(Permission.STRUCTURE_WRITE).permits(u.regionCode(), null, u.id(), null);
	}

	public boolean canCreate() {
		return user.has(Permission.STRUCTURE_WRITE);
	}

	/** The sub-units the caller may see. */
	public List<UnitView> children(long id) {
		get(id);
		return units.children(user.scope(Permission.ROSTER_READ), id);
	}

	/** The people of the unit the caller may see (masked), paged. */
	public PageResult<Person> people(long id, PageRequest page) {
		get(id);
		return people.list(new PersonRepository.Criteria(null, null, null, null, id, null), page);
	}

	@Transactional
	public UnitView create(Draft d) {
		AccessScope write = user.require(Permission.STRUCTURE_WRITE);
		List<FieldError> errors = new ArrayList<>();
		Checked c = check(d, null, errors);
		if (c.region() != null && !write.permits(c.region().code(), null, d.parentId(), null)) {
			throw new ForbiddenException("region " + c.region().code() + " is outside your scope");
		}
		if (c.parent() != null) {
			user.requireRow(Permission.STRUCTURE_WRITE, c.parent().regionCode(), null, c.parent().id(), null);
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		long id = structure.insertUnit(c.code(), c.name(), d.kind(), c.region().code(), d.parentId());
		audit.action("UNIT_CREATE").target("unit", id).region(c.region().code()).after(snapshot(c, d.kind())).record();
		return units.find(id).orElseThrow();
	}

	@Transactional
	public UnitView update(long id, Draft d, Integer expectedVersion) {
		UnitView before = units.find(id).orElseThrow(() -> new NotFoundException("no unit " + id));
		user.requireRow(Permission.STRUCTURE_WRITE, before.regionCode(), null, before.id(), null);
		units.lock(id);
		List<FieldError> errors = new ArrayList<>();
		Checked c = check(d, id, errors);
		AccessScope write = user.scope(Permission.STRUCTURE_WRITE);
		if (c.region() != null && c.region().code() != before.regionCode() && !write.permits(c.region().code(), null, id, null)) {
			throw new ForbiddenException("region " + c.region().code() + " is outside your scope");
		}
		if (c.parent() != null && !Objects.equals(d.parentId(), before.parentId())) {
			user.requireRow(Permission.STRUCTURE_WRITE, c.parent().regionCode(), null, c.parent().id(), null);
		}
		if (c.parent() != null && createsCycle(id, c.parent().id(), p -> units.parentOf(p))) {
			errors.add(new FieldError("parentId", "units.parent.cycle"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		int version = expectedVersion == null ? before.version() : expectedVersion;
		if (!units.update(id, c.code(), c.name(), d.kind(), c.region().code(), d.parentId(), version)) {
			throw new ConflictException("the unit was changed by someone else; reload and try again");
		}
		audit.action("UNIT_UPDATE").target("unit", id).region(c.region().code())
			.before(mapOf("code", before.code(), "name", before.name(), "kind", before.kind(), "regionCode",
					before.regionCode(), "parentId", before.parentId()))
			.after(snapshot(c, d.kind()))
			.record();
		return units.find(id).orElseThrow();
	}

	/** Whether hanging {@code id} under {@code parent} would make it its own ancestor. */
	static boolean createsCycle(long id, long parent, LongFunction<Optional<Long>> parentOf) {
		Long cursor = parent;
		for (int depth = 0; cursor != null; depth++) {
			if (cursor == id || depth > StructureSupport.MAX_DEPTH) {
				return true;
			}
			cursor = parentOf.apply(cursor).orElse(null);
		}
		return false;
	}

	private record Checked(String code, String name, Region region, UnitView parent) {
	}

	private Checked check(Draft d, Long selfId, List<FieldError> errors) {
		String code = StructureSupport.code(d.code(), "code", errors);
		if (code != null && code.length() <= 40) {
			Optional<Long> holder = units.idByCode(code);
			if (holder.isPresent() && !holder.get().equals(selfId)) {
				errors.add(new FieldError("code", "structure.code.duplicate"));
			}
		}
		String name = StructureSupport.text(d.name(), "name", true, 200, errors);
		if (d.kind() == null) {
			errors.add(new FieldError("kind", "validation.required"));
		}
		Region region = support.region(d.regionCode(), "regionCode", errors);
		UnitView parent = null;
		if (d.parentId() != null) {
			if (d.parentId().equals(selfId)) {
				errors.add(new FieldError("parentId", "units.parent.cycle"));
			}
			else {
				parent = units.find(d.parentId()).orElse(null);
				if (parent == null) {
					errors.add(new FieldError("parentId", "unit.notFound"));
				}
			}
		}
		return new Checked(code, name, region, parent);
	}

	private static Map<String, Object> snapshot(Checked c, UnitKind kind) {
		return mapOf("code", c.code(), "name", c.name(), "kind", kind, "regionCode", c.region().code(), "parentId",
				c.parent() == null ? null : c.parent().id());
	}
}
