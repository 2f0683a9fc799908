package cn.grassroots.org.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.grassroots.org.GridKind;
import cn.grassroots.org.internal.GridRepository;
import cn.grassroots.org.internal.GridRepository.GridView;
import cn.grassroots.org.internal.GridService;
import cn.grassroots.org.internal.StateConflict;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.InvalidInputException.FieldError;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.SortOrder;
import cn.grassroots.platform.audit.AuditQuery;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;
import cn.grassroots.platform.web.Htmx;
import cn.grassroots.platform.web.Sorting;

/** The grid pages: list with filters, detail with micro-grids, workers, versions and history, and the forms. */
@Controller
class GridPageController {

	/** A new grid or micro-grid, as typed. */
	public static class GridForm {
		private String regionCode;
		private String parentId;
		private String name;
		private String boundary;
		private String households;
		private String buildings;
		private String validFrom;

		GridService.Draft draft() {
			List<FieldError> errors = new ArrayList<>();
			var d = new GridService.Draft(regionCode, StructureParams.id(parentId, "parentId", errors), name, boundary,
					StructureParams.integer(households, "households", errors),
					StructureParams.integer(buildings, "buildings", errors),
					StructureParams.date(validFrom, "validFrom", errors));
			StructureParams.check(errors);
			return d;
		}

		public String getRegionCode() { return regionCode; }
		public void setRegionCode(String regionCode) { this.regionCode = regionCode; }
		public String getParentId() { return parentId; }
		public void setParentId(String parentId) { this.parentId = parentId; }
		public String getName() { return name; }
		public void setName(String name) { this.name = name; }
		public String getBoundary() { return boundary; }
		public void setBoundary(String boundary) { this.boundary = boundary; }
		public String getHouseholds() { return households; }
		public void setHouseholds(String households) { this.households = households; }
		public String getBuildings() { return buildings; }
		public void setBuildings(String buildings) { this.buildings = buildings; }
		public String getValidFrom() { return validFrom; }
		public void setValidFrom(String validFrom) { this.validFrom = validFrom; }
	}

	/** 调整网格设置, as typed. */
	public static class RedrawForm {
		private String name;
		private String boundary;
		private String households;
		private String buildings;
		private String validFrom;
		private String reason;

		GridService.Redraw redraw() {
			List<FieldError> errors = new ArrayList<>();
			var r = new GridService.Redraw(name, boundary, StructureParams.integer(households, "households", errors),
					StructureParams.integer(buildings, "buildings", errors),
					StructureParams.date(validFrom, "validFrom", errors), reason);
			StructureParams.check(errors);
			return r;
		}

		static RedrawForm of(GridView g) {
			RedrawForm f = new RedrawForm();
			f.name = g.name();
			f.boundary = g.boundary();
			f.households = Integer.toString(g.households());
			f.buildings = Integer.toString(g.buildings());
			f.validFrom = java.time.LocalDate.now().toString();
			return f;
		}

		public String getName() { return name; }
		public void setName(String name) { this.name = name; }
		public String getBoundary() { return boundary; }
		public void setBoundary(String boundary) { this.boundary = boundary; }
		public String getHouseholds() { return households; }
		public void setHouseholds(String households) { this.households = households; }
		public String getBuildings() { return buildings; }
		public void setBuildings(String buildings) { this.buildings = buildings; }
		public String getValidFrom() { return validFrom; }
		public void setValidFrom(String validFrom) { this.validFrom = validFrom; }
		public String getReason() { return reason; }
		public void setReason(String reason) { this.reason = reason; }
	}

	public static class RetireForm {
		private String retiredOn;
		private String reason;

		public String getRetiredOn() { return retiredOn; }
		public void setRetiredOn(String retiredOn) { this.retiredOn = retiredOn; }
		public String getReason() { return reason; }
		public void setReason(String reason) { this.reason = reason; }
	}

	/** Assigning a worker: the person picked from the candidates, and the start date. */
	public static class WorkerForm {
		private String personId;
		private String startDate;
		private String q;

		public String getPersonId() { return personId; }
		public void setPersonId(String personId) { this.personId = personId; }
		public String getStartDate() { return startDate; }
		public void setStartDate(String startDate) { this.startDate = startDate; }
		public String getQ() { return q; }
		public void setQ(String q) { this.q = q; }
	}

	private final GridService grids;
	private final AuditQuery audit;
	private final CurrentUser user;

	GridPageController(GridService grids, AuditQuery audit, CurrentUser user) {
		this.grids = grids;
		this.audit = audit;
		this.user = user;
	}

	@GetMapping("/grids")
	String list(@RequestParam(required = false) String region, @RequestParam(required = false) GridKind kind,
			@RequestParam(required = false) String q, @RequestParam(required = false) Boolean includeRetired,
			@RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, Model model, HttpServletRequest request) {
		user.require(Permission.ROSTER_READ);
		SortOrder order = Sorting.model(model, GridRepository.SORT, sort);
		var criteria = new GridRepository.Criteria(StructureParams.region(region), kind, StructureParams.query(q, "q"),
				null, Boolean.TRUE.equals(includeRetired));
		model.addAttribute("result", grids.list(criteria, order, PageRequest.of(page, size)));
		model.addAttribute("region", region);
		model.addAttribute("kind", kind);
		model.addAttribute("q", q);
		model.addAttribute("includeRetired", Boolean.TRUE.equals(includeRetired) ? Boolean.TRUE : null);
		model.addAttribute("kinds", GridKind.values());
		model.addAttribute("canCreate", grids.canCreate());
		return Htmx.view(request, "grids/list", "results");
	}

	@GetMapping("/grids/{id}")
	String show(@PathVariable long id, Model model) {
		model.addAttribute("workerForm", new WorkerForm());
		return show(id, model, null);
	}

	private String show(long id, Model model, String actionError) {
		GridView grid = grids.get(id);
		boolean canWrite = grids.canWrite(grid);
		List<GridRepository.Version> versions = new ArrayList<>(grids.versions(id));
		java.util.Collections.reverse(versions);
		model.addAttribute("grid", grid);
		model.addAttribute("canWrite", canWrite);
		model.addAttribute("microGrids", grids.microGrids(id));
		model.addAttribute("workers", grids.workers(id, true));
		model.addAttribute("versions", versions);
		model.addAttribute("history", audit.historyOf("grid", Long.toString(id)));
		model.addAttribute("actionError", actionError);
		if (canWrite && !grid.retired() && !model.containsAttribute("candidates")) {
			model.addAttribute("candidates", grids.candidates(id, null));
		}
		return "grids/show";
	}

	@GetMapping("/grids/{id}/candidates")
	String candidates(@PathVariable long id, @RequestParam(required = false) String q, Model model) {
		model.addAttribute("candidates", grids.candidates(id, StructureParams.query(q, "q")));
		model.addAttribute("workerForm", new WorkerForm());
		return "grids/show :: candidates";
	}

	@PostMapping("/grids/{id}/workers")
	String assign(@PathVariable long id, @ModelAttribute("workerForm") WorkerForm form, BindingResult binding,
			Model model) {
		try {
			List<FieldError> errors = new ArrayList<>();
			Long personId = StructureParams.id(form.getPersonId(), "personId", errors);
			var start = StructureParams.date(form.getStartDate(), "startDate", errors);
			StructureParams.check(errors);
			grids.assignWorker(id, personId, start);
			return "redirect:/grids/" + id + "#workers";
		}
		catch (InvalidInputException e) {
			StructureParams.reject(binding, e);
		}
		catch (StateConflict e) {
			StructureParams.reject(binding, e);
		}
		model.addAttribute("candidates", grids.candidates(id, form.getQ() == null || form.getQ().length() > 50 ? null : form.getQ()));
		return show(id, model, null);
	}

	@PostMapping("/grids/{id}/workers/{assignmentId}/end")
	String end(@PathVariable long id, @PathVariable long assignmentId, @RequestParam(required = false) String endDate,
			Model model) {
		try {
			List<FieldError> errors = new ArrayList<>();
			var end = StructureParams.date(endDate, "endDate", errors);
			StructureParams.check(errors);
			grids.endWorker(id, assignmentId, end);
			return "redirect:/grids/" + id + "#workers";
		}
		catch (InvalidInputException e) {
			model.addAttribute("workerForm", new WorkerForm());
			return show(id, model, e.errors().get(0).message());
		}
		catch (StateConflict e) {
			model.addAttribute("workerForm", new WorkerForm());
			return show(id, model, e.key());
		}
	}

	@GetMapping("/grids/new")
	String newForm(@RequestParam(required = false) String region, @RequestParam(required = false) Long parent,
			Model model) {
		user.require(Permission.STRUCTURE_WRITE);
		GridForm form = new GridForm();
		form.setValidFrom(java.time.LocalDate.now().toString());
		GridView parentGrid = null;
		if (parent != null) {
			parentGrid = grids.get(parent);
			form.setParentId(Long.toString(parent));
		}
		else if (region != null && cn.grassroots.platform.RegionCode.isValid(region)) {
			form.setRegionCode(cn.grassroots.platform.RegionCode.parse(region).full());
		}
		model.addAttribute("form", form);
		model.addAttribute("parent", parentGrid);
		return "grids/form";
	}

	@PostMapping("/grids/new")
	String create(@ModelAttribute("form") GridForm form, BindingResult binding, Model model) {
		user.require(Permission.STRUCTURE_WRITE);
		try {
			GridView created = grids.create(form.draft());
			return "redirect:/grids/" + created.id();
		}
		catch (InvalidInputException e) {
			StructureParams.reject(binding, e);
		}
		catch (StateConflict e) {
			StructureParams.reject(binding, e);
		}
		model.addAttribute("parent", parentOrNull(form.getParentId()));
		return "grids/form";
	}

	@GetMapping("/grids/{id}/redraw")
	String redrawForm(@PathVariable long id, Model model) {
		GridView grid = writable(id);
		model.addAttribute("grid", grid);
		model.addAttribute("form", RedrawForm.of(grid));
		return "grids/redraw";
	}

	@PostMapping("/grids/{id}/redraw")
	String redraw(@PathVariable long id, @ModelAttribute("form") RedrawForm form, BindingResult binding, Model model) {
		GridView grid = writable(id);
		try {
			grids.redraw(id, form.redraw());
			return "redirect:/grids/" + id + "#versions";
		}
		catch (InvalidInputException e) {
			StructureParams.reject(binding, e);
		}
		catch (StateConflict e) {
			StructureParams.reject(binding, e);
		}
		model.addAttribute("grid", grid);
		return "grids/redraw";
	}

	@GetMapping("/grids/{id}/retire")
	String retireForm(@PathVariable long id, Model model) {
		model.addAttribute("grid", writable(id));
		RetireForm form = new RetireForm();
		form.setRetiredOn(java.time.LocalDate.now().toString());
		model.addAttribute("form", form);
		return "grids/retire";
	}

	@PostMapping("/grids/{id}/retire")
	String retire(@PathVariable long id, @ModelAttribute("form") RetireForm form, BindingResult binding, Model model) {
		GridView grid = writable(id);
		try {
			List<FieldError> errors = new ArrayList<>();
			var on = StructureParams.date(form.getRetiredOn(), "retiredOn", errors);
			StructureParams.check(errors);
			grids.retire(id, on, form.getReason());
			return "redirect:/grids/" + id;
		}
		catch (InvalidInputException e) {
			StructureParams.reject(binding, e);
		}
		catch (StateConflict e) {
			StructureParams.reject(binding, e);
		}
		model.addAttribute("grid", grid);
		return "grids/retire";
	}

	/** The parent grid a form names, for its heading; null when it names none the caller may see. */
	private GridView parentOrNull(String parentId) {
		Long id = StructureParams.id(parentId, "parentId", new ArrayList<>());
		if (id == null) {
			return null;
		}
		try {
			return grids.get(id);
		}
		catch (cn.grassroots.platform.NotFoundException | org.springframework.security.access.AccessDeniedException e) {
			return null;
		}
	}

	/** The grid, if the caller may change it: 403 otherwise, before any form is shown. */
	private GridView writable(long id) {
		GridView grid = grids.get(id);
		if (!grids.canWrite(grid)) {
			throw new cn.grassroots.platform.ForbiddenException("the grid is outside your scope");
		}
		return grid;
	}
}
