package cn.grassroots.org.web;

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

import cn.grassroots.org.GridKind;
import cn.grassroots.org.internal.GridRepository;
import cn.grassroots.org.internal.GridRepository.GridView;
import cn.grassroots.org.internal.GridService;
import cn.grassroots.platform.Ref;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.platform.SortOrder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Grids and micro-grids over JSON: reading needs ROSTER_READ, changing STRUCTURE_WRITE, both within the caller's scope. */
@RestController
@RequestMapping("/api/v1/grids")
@Tag(name = "grids", description = "网格 / 微网格 — drawn in versions, with their workers")
class GridApiController {


	/** A grid as currently drawn: region codes as 12-digit strings, parent as {id, name}. */
	record GridBody(long id, String code, GridKind kind, String regionCode, String regionPath, Ref parent, int version,
			String name, String boundary, int households, int buildings, LocalDate validFrom, LocalDate retiredOn,
			String retiredReason, int workerCount, int microGridCount) {

		static GridBody of(GridView g) {
			return new GridBody(g.id(), g.code(), g.kind(), Long.toString(g.regionCode()), g.regionPath(),
					g.parentId() == null ? null : new Ref(g.parentId(), g.parentName()), g.version(), g.name(),
					g.boundary(), g.households(), g.buildings(), g.validFrom(), g.retiredOn(), g.retiredReason(),
					g.workerCount(), g.microGridCount());
		}
	}

	/** One grid with its micro-grids and its current workers. */
	record GridDetail(long id, String code, GridKind kind, String regionCode, String regionPath, Ref parent, int version,
			String name, String boundary, int households, int buildings, LocalDate validFrom, LocalDate retiredOn,
			String retiredReason, List<GridBody> microGrids, List<WorkerBody> workers) {
	}

	record VersionBody(int version, String name, String boundary, int households, int buildings, LocalDate validFrom,
			LocalDate validTo, String reason, String createdBy, Instant createdAt) {

		static VersionBody of(GridRepository.Version v) {
			return new VersionBody(v.version(), v.name(), v.boundary(), v.households(), v.buildings(), v.validFrom(),
					v.validTo(), v.reason(), v.createdBy(), v.createdAt());
		}
	}

	record WorkerBody(long assignmentId, long personId, String name, boolean partyMember, LocalDate startDate,
			LocalDate endDate, boolean current) {

		static WorkerBody of(GridRepository.Worker w) {
			return new WorkerBody(w.assignmentId(), w.personId(), w.name(), w.partyMember(), w.startDate(), w.endDate(),
					w.current());
		}
	}

	/** A new grid under a community or village, or a micro-grid under a grid ({@code parentId}). */
	record GridRequest(String regionCode, Long parentId, String name, String boundary, Integer households,
			Integer buildings, LocalDate validFrom) {
	}

	record RedrawRequest(String name, String boundary, Integer households, Integer buildings, LocalDate validFrom,
			String reason) {
	}

	record RetireRequest(LocalDate retiredOn, String reason) {
	}

	record WorkerRequest(Long personId, LocalDate startDate) {
	}

	record EndRequest(LocalDate endDate) {
	}

	private final GridService grids;

	GridApiController(GridService grids) {
		this.grids = grids;
	}

	@GetMapping
	@Operation(summary = "Grids in the caller's scope, optionally under a region (short or 12-digit code); a region outside the scope is 403")
	PageResult<GridBody> list(@RequestParam(required = false) String region, @RequestParam(required = false) GridKind kind,
			@RequestParam(required = false) String q, @RequestParam(required = false) Long parent,
			@RequestParam(required = false) Boolean includeRetired,
			@Parameter(description = "code (default), name, kind, region, households, buildings, workers, validFrom; a leading - for descending")
			@RequestParam(required = false) String sort,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		SortOrder order = GridRepository.SORT.parse(sort);
		var criteria = new GridRepository.Criteria(StructureParams.region(region), kind, StructureParams.query(q, "q"),
				parent, Boolean.TRUE.equals(includeRetired));
		return grids.list(criteria, order, PageRequest.of(page, size)).map(GridBody::of);
	}

	@GetMapping("/{id}")
	GridDetail get(@PathVariable long id) {
		GridView g = grids.get(id);
		GridBody b = GridBody.of(g);
		return new GridDetail(b.id(), b.code(), b.kind(), b.regionCode(), b.regionPath(), b.parent(), b.version(),
				b.name(), b.boundary(), b.households(), b.buildings(), b.validFrom(), b.retiredOn(), b.retiredReason(),
				grids.microGrids(id).stream().map(GridBody::of).toList(),
				grids.workers(id, false).stream().map(WorkerBody::of).toList());
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create a grid (code: the community's 12 digits + the next free 2) or a micro-grid (its grid's code + 2)")
	GridBody create(@RequestBody GridRequest body) {
		return GridBody.of(grids.create(new GridService.Draft(body.regionCode(), body.parentId(), body.name(),
				body.boundary(), body.households(), body.buildings(), body.validFrom())));
	}

	@PostMapping("/{id}/redraw")
	@Operation(summary = "调整网格设置: a new version from validFrom; the current one ends the day before")
	GridBody redraw(@PathVariable long id, @RequestBody RedrawRequest body) {
		return GridBody.of(grids.redraw(id, new GridService.Redraw(body.name(), body.boundary(), body.households(),
				body.buildings(), body.validFrom(), body.reason())));
	}

	@PostMapping("/{id}/retire")
	@Operation(summary = "Retire a grid with a reason; its micro-grids and worker posts must have ended")
	GridBody retire(@PathVariable long id, @RequestBody RetireRequest body) {
		return GridBody.of(grids.retire(id, body.retiredOn(), body.reason()));
	}

	@GetMapping("/{id}/versions")
	@Operation(summary = "Every drawn version, oldest first")
	List<VersionBody> versions(@PathVariable long id) {
		return grids.versions(id).stream().map(VersionBody::of).toList();
	}

	@GetMapping("/{id}/workers")
	@Operation(summary = "The grid's workers: current and future, or with includeEnded=true all of them")
	List<WorkerBody> workers(@PathVariable long id, @RequestParam(required = false) Boolean includeEnded) {
		return grids.workers(id, Boolean.TRUE.equals(includeEnded)).stream().map(WorkerBody::of).toList();
	}

	@PostMapping("/{id}/workers")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Make a person in the caller's ROSTER_WRITE scope a grid worker (post GRID_WORKER) of the grid")
	WorkerBody assign(@PathVariable long id, @RequestBody WorkerRequest body) {
		return WorkerBody.of(grids.assignWorker(id, body.personId(), body.startDate()));
	}

	@PostMapping("/{id}/workers/{assignmentId}/end")
	@Operation(summary = "End a grid worker's assignment (today when no endDate is given)")
	WorkerBody end(@PathVariable long id, @PathVariable long assignmentId,
			@RequestBody(required = false) EndRequest body) {
		return WorkerBody.of(grids.endWorker(id, assignmentId, body == null ? null : body.endDate()));
	}
}
