package cn.grassroots.org.internal;

import static cn.grassroots.org.internal.StructureSupport.mapOf;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.org.GridKind;
import cn.grassroots.org.Person;
import cn.grassroots.org.PostType;
import cn.grassroots.org.Region;
import cn.grassroots.org.RegionLevel;
import cn.grassroots.org.internal.GridRepository.GridView;
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
 * 网格 and 微网格: created under a community or village with the next free code, redrawn as new
 * versions (history kept), retired with a reason, and staffed with grid workers. Reads need
 * ROSTER_READ, changes STRUCTURE_WRITE, each inside the caller's scope; every change is audited.
 */
@Service
public class GridService {

	static final int MAX_HOUSEHOLDS = 100_000;
	static final int MAX_BUILDINGS = 10_000;

	/** What a user types for a new grid; a micro-grid names its grid and takes the grid's community. */
	public record Draft(String regionCode, Long parentId, String name, String boundary, Integer households,
			Integer buildings, LocalDate validFrom) {
	}

	/** A new drawing of a grid, valid from a day after the current one's start. */
	public record Redraw(String name, String boundary, Integer households, Integer buildings, LocalDate validFrom,
			String reason) {
	}

	private final GridRepository grids;
	private final StructureRepository structure;
	private final PersonRepository people;
	private final StructureSupport support;
	private final CurrentUser user;
	private final AuditLog audit;

	GridService(GridRepository grids, StructureRepository structure, PersonRepository people, StructureSupport support,
			CurrentUser user, AuditLog audit) {
		this.grids = grids;
		this.structure = structure;
		this.people = people;
		this.support = support;
		this.user = user;
		this.audit = audit;
	}

	/** Grids in the caller's scope; a region filter the scope cannot reach is refused. */
	public PageResult<GridView> list(GridRepository.Criteria criteria, SortOrder sort, PageRequest page) {
		AccessScope scope = user.require(Permission.ROSTER_READ);
		if (criteria.regionCode() != null) {
			support.requireListable(scope, criteria.regionCode());
		}
		return grids.list(scope, criteria, sort, page);
	}

	public GridView get(long id) {
		GridView g = grids.find(id).orElseThrow(() -> new NotFoundException("no grid " + id));
		user.requireRow(Permission.ROSTER_READ, g.regionCode(), g.id(), null, null);
		return g;
	}

	/** Whether the caller may change the grid. */
	public boolean canWrite(GridView g) {
		return user.scope(Permission.STRUCTURE_WRITE).permits(g.regionCode(), g.id(), null, null);
	}

	/** Whether the caller may create grids at all. */
	public boolean canCreate() {
		return user.has(Permission.STRUCTURE_WRITE);
	}

	public List<GridView> microGrids(long id) {
		get(id);
		return grids.microGrids(user.scope(Permission.ROSTER_READ), id);
	}

	public List<GridRepository.Version> versions(long id) {
		get(id);
		return grids.versions(id);
	}

	public List<GridRepository.Worker> workers(long id, boolean includeEnded) {
		get(id);
		return grids.workers(id, includeEnded);
	}

	/** People the caller may make workers of the grid: by name anywhere in their scope, else those of the grid's community. */
	public List<Person> candidates(long id, String name) {
		GridView g = get(id);
		AccessScope scope = user.scope(Permission.ROSTER_WRITE);
		String q = StructureSupport.text(name);
		var criteria = new PersonRepository.Criteria(q == null ? g.regionCode() : null, q, null, null, null, null);
		return people.list(scope, criteria, new PageRequest(0, 20), false).content();
	}

	@Transactional
	public GridView create(Draft d) {
		AccessScope write = user.require(Permission.STRUCTURE_WRITE);
		List<FieldError> errors = new ArrayList<>();
		Long regionCode = null;
		GridView parent = null;
		if (d.parentId() != null) {
			parent = grids.find(d.parentId()).orElse(null);
			if (parent == null) {
				errors.add(new FieldError("parentId", "grid.notFound"));
			}
			else {
				user.requireRow(Permission.STRUCTURE_WRITE, parent.regionCode(), parent.id(), null, null);
				if (parent.kind() != GridKind.GRID) {
					errors.add(new FieldError("parentId", "grids.parent.notGrid"));
				}
				else if (parent.retired()) {
					errors.add(new FieldError("parentId", "grids.parent.retired"));
				}
				regionCode = parent.regionCode();
				if (StructureSupport.text(d.regionCode()) != null) {
					Region given = support.region(d.regionCode(), "regionCode", errors);
					if (given != null && given.code() != parent.regionCode()) {
						errors.add(new FieldError("regionCode", "grids.region.notParents"));
					}
				}
			}
		}
		else {
			Region region = support.region(d.regionCode(), "regionCode", errors);
			if (region != null) {
				if (!write.permits(region.code(), null, null, null)) {
					throw new ForbiddenException("region " + region.code() + " is outside your scope");
				}
				if (region.level() != RegionLevel.VILLAGE) {
					errors.add(new FieldError("regionCode", "grids.region.notVillage"));
				}
				regionCode = region.code();
			}
		}
		String name = StructureSupport.text(d.name(), "name", true, 100, errors);
		String boundary = StructureSupport.text(d.boundary(), "boundary", false, 1000, errors);
		int households = StructureSupport.count(d.households(), "households", MAX_HOUSEHOLDS, errors);
		int buildings = StructureSupport.count(d.buildings(), "buildings", MAX_BUILDINGS, errors);
		LocalDate validFrom = StructureSupport.notFuture(d.validFrom(), "validFrom", errors);
		Long parentId = parent == null ? null : parent.id();
		if (errors.isEmpty() && grids.nameTaken(regionCode, parentId, name, null)) {
			errors.add(new FieldError("name", "grids.name.duplicate"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		GridKind kind = parent == null ? GridKind.GRID : GridKind.MICRO_GRID;
		String code;
		if (parent == null) {
			grids.lockRegion(regionCode);
			code = nextCode(Long.toString(regionCode));
		}
		else {
			grids.lockGrid(parent.id());
			code = nextCode(parent.code());
		}
		long id = structure.insertGrid(code, kind, regionCode, parentId, name, boundary, households, buildings, validFrom,
				user.username());
		audit.action("GRID_CREATE").target("grid", id).region(regionCode)
			.after(mapOf("code", code, "kind", kind, "regionCode", regionCode, "parentId", parentId, "name", name,
					"boundary", boundary, "households", households, "buildings", buildings, "validFrom", validFrom))
			.record();
		return grids.find(id).orElseThrow();
	}

	/** The prefix and the lowest two-digit suffix above every one given so far; a gap only once 99 is taken. */
	private String nextCode(String prefix) {
		int length = prefix.length() + 2;
		List<Integer> used = grids.codesUnder(prefix, length).stream()
			.map(c -> c.substring(prefix.length()))
			.filter(s -> s.chars().allMatch(Character::isDigit))
			.map(Integer::parseInt)
			.toList();
		int next = used.stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
		if (next > 99) {
			next = 1;
			while (next <= 99 && used.contains(next)) {
				next++;
			}
			if (next > 99) {
				throw new StateConflict("grids.code.exhausted", "every two-digit code under " + prefix + " is taken");
			}
		}
		return prefix + "%02d".formatted(next);
	}

	@Transactional
	public GridView redraw(long id, Redraw d) {
		GridView current = grids.find(id).orElseThrow(() -> new NotFoundException("no grid " + id));
		user.requireRow(Permission.STRUCTURE_WRITE, current.regionCode(), current.id(), null, null);
		grids.lockGrid(id);
		current = grids.find(id).orElseThrow();
		if (current.retired()) {
			throw new StateConflict("grids.retired", "the grid was retired on " + current.retiredOn());
		}
		List<FieldError> errors = new ArrayList<>();
		String name = StructureSupport.text(d.name(), "name", true, 100, errors);
		String boundary = StructureSupport.text(d.boundary(), "boundary", false, 1000, errors);
		int households = StructureSupport.count(d.households(), "households", MAX_HOUSEHOLDS, errors);
		int buildings = StructureSupport.count(d.buildings(), "buildings", MAX_BUILDINGS, errors);
		LocalDate validFrom = StructureSupport.notFuture(d.validFrom(), "validFrom", errors);
		if (!validFrom.isAfter(current.validFrom())) {
			errors.add(new FieldError("validFrom", "grids.validFrom.notAfterCurrent"));
		}
		String reason = StructureSupport.text(d.reason(), "reason", true, 500, errors);
		if (errors.isEmpty() && name.equals(current.name()) && Objects.equals(boundary, current.boundary())
				&& households == current.households() && buildings == current.buildings()) {
			errors.add(new FieldError("name", "grids.redraw.unchanged"));
		}
		if (errors.isEmpty() && !name.equals(current.name())
				&& grids.nameTaken(current.regionCode(), current.parentId(), name, id)) {
			errors.add(new FieldError("name", "grids.name.duplicate"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		if (grids.closeVersion(id, current.version(), validFrom.minusDays(1)) != 1) {
			throw new StateConflict("grids.changed", "the grid was redrawn by someone else; reload and try again");
		}
		int version = current.version() + 1;
		structure.insertGridVersion(id, version, name, boundary, households, buildings, validFrom, reason, user.username());
		audit.action("GRID_REDRAW").target("grid", id).region(current.regionCode())
			.before(snapshot(current))
			.after(mapOf("version", version, "name", name, "boundary", boundary, "households", households, "buildings",
					buildings, "validFrom", validFrom, "reason", reason))
			.record();
		return grids.find(id).orElseThrow();
	}

	@Transactional
	public GridView retire(long id, LocalDate on, String reasonText) {
		GridView current = grids.find(id).orElseThrow(() -> new NotFoundException("no grid " + id));
		user.requireRow(Permission.STRUCTURE_WRITE, current.regionCode(), current.id(), null, null);
		grids.lockGrid(id);
		current = grids.find(id).orElseThrow();
		if (current.retired()) {
			throw new StateConflict("grids.retired", "the grid was retired on " + current.retiredOn());
		}
		List<FieldError> errors = new ArrayList<>();
		LocalDate retiredOn = StructureSupport.notFuture(on, "retiredOn", errors);
		if (retiredOn.isBefore(current.validFrom())) {
			errors.add(new FieldError("retiredOn", "grids.retiredOn.beforeValidFrom"));
		}
		String reason = StructureSupport.text(reasonText, "reason", true, 500, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		if (grids.activeMicroGrids(id) > 0) {
			throw new StateConflict("grids.retire.microGrids", "retire the grid's micro-grids first");
		}
		if (grids.postsOpenAfter(id, retiredOn) > 0) {
			throw new StateConflict("grids.retire.workers", "end the grid workers' assignments first");
		}
		if (grids.retire(id, retiredOn, reason) != 1) {
			throw new StateConflict("grids.retired", "the grid was retired meanwhile");
		}
		audit.action("GRID_RETIRE").target("grid", id).region(current.regionCode())
			.before(snapshot(current))
			.after(mapOf("retiredOn", retiredOn, "reason", reason))
			.record();
		return grids.find(id).orElseThrow();
	}

	/** Makes a person in the caller's ROSTER_WRITE scope a worker of the grid from the start date. */
	@Transactional
	public GridRepository.Worker assignWorker(long gridId, Long personId, LocalDate startDate) {
		GridView g = grids.find(gridId).orElseThrow(() -> new NotFoundException("no grid " + gridId));
		user.requireRow(Permission.STRUCTURE_WRITE, g.regionCode(), g.id(), null, null);
		if (g.retired()) {
			throw new StateConflict("grids.retired", "the grid was retired on " + g.retiredOn());
		}
		List<FieldError> errors = new ArrayList<>();
		PersonRepository.Stored person = null;
		if (personId == null) {
			errors.add(new FieldError("personId", "validation.required"));
		}
		else {
			person = people.stored(personId).orElse(null);
			if (person == null) {
				errors.add(new FieldError("personId", "grids.worker.personNotFound"));
			}
			else {
				user.requireRow(Permission.ROSTER_WRITE, person.regionCode(), person.gridId(), person.unitId(), null);
			}
		}
		LocalDate start = startDate == null ? LocalDate.now() : startDate;
		if (start.getYear() < 1949) {
			errors.add(new FieldError("startDate", "structure.date.tooEarly"));
		}
		if (start.isAfter(LocalDate.now().plusYears(1))) {
			errors.add(new FieldError("startDate", "grids.worker.startTooLate"));
		}
		if (errors.isEmpty() && grids.isWorkerFrom(gridId, personId, start)) {
			errors.add(new FieldError("personId", "grids.worker.already"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		long assignmentId = people.addPost(personId, PostType.GRID_WORKER, g.regionCode(), gridId, null, start, null);
		Map<String, Object> after = mapOf("assignmentId", assignmentId, "personId", personId, "name", person.name(),
				"startDate", start);
		audit.action("GRID_WORKER_ASSIGN").target("grid", gridId).region(g.regionCode()).after(after).record();
		audit.action("POST_ASSIGN").target("person", personId).region(g.regionCode())
			.after(mapOf("postId", assignmentId, "post", PostType.GRID_WORKER, "regionCode", g.regionCode(), "gridId",
					gridId, "startDate", start))
			.record();
		return grids.workers(gridId, true).stream().filter(w -> w.assignmentId() == assignmentId).findFirst().orElseThrow();
	}

	/** Ends a worker's assignment at the grid on the day given (today when none). */
	@Transactional
	public GridRepository.Worker endWorker(long gridId, long assignmentId, LocalDate endDate) {
		GridView g = grids.find(gridId).orElseThrow(() -> new NotFoundException("no grid " + gridId));
		user.requireRow(Permission.STRUCTURE_WRITE, g.regionCode(), g.id(), null, null);
		GridRepository.Assignment a = grids.assignment(assignmentId)
			.filter(x -> Objects.equals(x.gridId(), gridId) && PostType.GRID_WORKER.name().equals(x.post()))
			.orElseThrow(() -> new NotFoundException("no worker assignment " + assignmentId + " at grid " + gridId));
		PersonRepository.Stored person = people.stored(a.personId()).orElseThrow();
		user.requireRow(Permission.ROSTER_WRITE, person.regionCode(), person.gridId(), person.unitId(), null);
		LocalDate end = endDate == null ? LocalDate.now() : endDate;
		if (end.isBefore(a.startDate())) {
			throw InvalidInputException.of("endDate", "validation.endBeforeStart");
		}
		if (end.isAfter(LocalDate.now().plusYears(10))) {
			throw InvalidInputException.of("endDate", "grids.worker.endTooLate");
		}
		if (a.endDate() != null && !a.endDate().isAfter(end)) {
			throw new StateConflict("grids.worker.alreadyEnded", "the assignment already ended on " + a.endDate());
		}
		if (grids.endAssignment(assignmentId, end) != 1) {
			throw new StateConflict("grids.worker.alreadyEnded", "the assignment was ended meanwhile");
		}
		Map<String, Object> change = mapOf("assignmentId", assignmentId, "personId", a.personId(), "name", person.name(),
				"endDate", end);
		audit.action("GRID_WORKER_END").target("grid", gridId).region(g.regionCode())
			.before(mapOf("assignmentId", assignmentId, "endDate", a.endDate()))
			.after(change)
			.record();
		audit.action("POST_END").target("person", a.personId()).region(g.regionCode())
			.after(mapOf("postId", assignmentId, "endDate", end))
			.record();
		return grids.workers(gridId, true).stream().filter(w -> w.assignmentId() == assignmentId).findFirst().orElseThrow();
	}

	private static Map<String, Object> snapshot(GridView g) {
		return mapOf("code", g.code(), "version", g.version(), "name", g.name(), "boundary", g.boundary(), "households",
				g.households(), "buildings", g.buildings(), "validFrom", g.validFrom(), "retiredOn", g.retiredOn());
	}
}
