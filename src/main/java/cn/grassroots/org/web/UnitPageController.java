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

import cn.grassroots.org.UnitKind;
import cn.grassroots.org.internal.PartyOrganisationService;
import cn.grassroots.org.internal.UnitRepository;
import cn.grassroots.org.internal.UnitRepository.UnitView;
import cn.grassroots.org.internal.UnitService;
import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.InvalidInputException.FieldError;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.SortOrder;
import cn.grassroots.platform.RegionCode;
import cn.grassroots.platform.audit.AuditQuery;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;
import cn.grassroots.platform.web.Htmx;
import cn.grassroots.platform.web.Sorting;

/** The unit pages: list with filters, detail with sub-units and people, create and edit forms. */
@Controller
class UnitPageController {

	/** A unit as typed. */
	public static class UnitForm {
		private String code;
		private String name;
		private String kind;
		private String regionCode;
		private String parentId;
		private Integer version;

		UnitService.Draft draft() {
			List<FieldError> errors = new ArrayList<>();
			var d = new UnitService.Draft(code, name, StructureParams.choice(UnitKind.class, kind, "kind", errors),
					regionCode, StructureParams.id(parentId, "parentId", errors));
			StructureParams.check(errors);
			return d;
		}

		static UnitForm of(UnitView u) {
			UnitForm f = new UnitForm();
			f.code = u.code();
			f.name = u.name();
			f.kind = u.kind().name();
			f.regionCode = Long.toString(u.regionCode());
			f.parentId = u.parentId() == null ? null : Long.toString(u.parentId());
			f.version = u.version();
			return f;
		}

		public String getCode() { return code; }
		public void setCode(String code) { this.code = code; }
		public String getName() { return name; }
		public void setName(String name) { this.name = name; }
		public String getKind() { return kind; }
		public void setKind(String kind) { this.kind = kind; }
		public String getRegionCode() { return regionCode; }
		public void setRegionCode(String regionCode) { this.regionCode = regionCode; }
		public String getParentId() { return parentId; }
		public void setParentId(String parentId) { this.parentId = parentId; }
		public Integer getVersion() { return version; }
		public void setVersion(Integer version) { this.version = version; }
	}

	private final UnitService units;
	private final PartyOrganisationService organisations;
	private final AuditQuery audit;
	private final CurrentUser user;

	UnitPageController(UnitService units, PartyOrganisationService organisations, AuditQuery audit, CurrentUser user) {
		this.units = units;
		this.organisations = organisations;
		this.audit = audit;
		this.user = user;
	}

	@GetMapping("/units")
	String list(@RequestParam(required = false) String region, @RequestParam(required = false) UnitKind kind,
			@RequestParam(required = false) String q, @RequestParam(required = false) String sort,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size, Model model,
			HttpServletRequest request) {
		user.require(Permission.ROSTER_READ);
		SortOrder order = Sorting.model(model, UnitRepository.SORT, sort);
		var criteria = new UnitRepository.Criteria(StructureParams.region(region), kind, StructureParams.query(q, "q"), null);
		model.addAttribute("result", units.list(criteria, order, PageRequest.of(page, size)));
		model.addAttribute("region", region);
		model.addAttribute("kind", kind);
		model.addAttribute("q", q);
		model.addAttribute("kinds", UnitKind.values());
		model.addAttribute("canCreate", units.canCreate());
		return Htmx.view(request, "units/list", "results");
	}

	@GetMapping("/units/{id}")
	String show(@PathVariable long id, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, Model model, HttpServletRequest request) {
		UnitView unit = units.get(id);
		model.addAttribute("unit", unit);
		model.addAttribute("people", units.people(id, PageRequest.of(page, size)));
		if (Htmx.isHtmx(request)) {
			return "units/show :: people";
		}
		model.addAttribute("canWrite", units.canWrite(unit));
		model.addAttribute("children", units.children(id));
		model.addAttribute("organisations", organisations.ofUnit(id));
		model.addAttribute("history", audit.historyOf("unit", Long.toString(id)));
		return "units/show";
	}

	@GetMapping("/units/new")
	String newForm(@RequestParam(required = false) String region, @RequestParam(required = false) Long parent,
			Model model) {
		user.require(Permission.STRUCTURE_WRITE);
		UnitForm form = new UnitForm();
		if (parent != null) {
			UnitView p = units.get(parent);
			form.setParentId(Long.toString(p.id()));
			form.setRegionCode(Long.toString(p.regionCode()));
		}
		else if (region != null && RegionCode.isValid(region)) {
			form.setRegionCode(RegionCode.parse(region).full());
		}
		model.addAttribute("form", form);
		return form(model, null);
	}

	@PostMapping("/units/new")
	String create(@ModelAttribute("form") UnitForm form, BindingResult binding, Model model) {
		user.require(Permission.STRUCTURE_WRITE);
		try {
			return "redirect:/units/" + units.create(form.draft()).id();
		}
		catch (InvalidInputException e) {
			StructureParams.reject(binding, e);
			return form(model, null);
		}
	}

	@GetMapping("/units/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		UnitView unit = writable(id);
		model.addAttribute("form", UnitForm.of(unit));
		return form(model, unit);
	}

	@PostMapping("/units/{id}/edit")
	String update(@PathVariable long id, @ModelAttribute("form") UnitForm form, BindingResult binding, Model model) {
		UnitView unit = writable(id);
		try {
			units.update(id, form.draft(), form.getVersion());
			return "redirect:/units/" + id;
		}
		catch (InvalidInputException e) {
			StructureParams.reject(binding, e);
		}
		catch (ConflictException e) {
			binding.reject("structure.changed", e.getMessage());
		}
		return form(model, unit);
	}

	private UnitView writable(long id) {
		UnitView unit = units.get(id);
		if (!units.canWrite(unit)) {
			throw new ForbiddenException("the unit is outside your scope");
		}
		return unit;
	}

	private String form(Model model, UnitView unit) {
		model.addAttribute("unit", unit);
		model.addAttribute("kinds", UnitKind.values());
		return "units/form";
	}
}
