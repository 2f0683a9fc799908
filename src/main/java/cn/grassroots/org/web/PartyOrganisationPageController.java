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

import cn.grassroots.org.PartyOrganisationKind;
import cn.grassroots.org.internal.PartyOrganisationRepository;
import cn.grassroots.org.internal.PartyOrganisationRepository.PartyOrganisationView;
import cn.grassroots.org.internal.PartyOrganisationService;
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

/** The party organisation pages: list with filters, the tree under a region, detail, create and edit forms. */
@Controller
class PartyOrganisationPageController {

	/** A party organisation as typed. */
	public static class OrganisationForm {
		private String code;
		private String name;
		private String kind;
		private String regionCode;
		private String parentId;
		private String unitId;
		private Integer version;

		PartyOrganisationService.Draft draft() {
			List<FieldError> errors = new ArrayList<>();
			var d = new PartyOrganisationService.Draft(code, name,
					StructureParams.choice(PartyOrganisationKind.class, kind, "kind", errors), regionCode,
					StructureParams.id(parentId, "parentId", errors), StructureParams.id(unitId, "unitId", errors));
			StructureParams.check(errors);
			return d;
		}

		static OrganisationForm of(PartyOrganisationView o) {
			OrganisationForm f = new OrganisationForm();
			f.code = o.code();
			f.name = o.name();
			f.kind = o.kind().name();
			f.regionCode = Long.toString(o.regionCode());
			f.parentId = o.parentId() == null ? null : Long.toString(o.parentId());
			f.unitId = o.unitId() == null ? null : Long.toString(o.unitId());
			f.version = o.version();
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
		public String getUnitId() { return unitId; }
		public void setUnitId(String unitId) { this.unitId = unitId; }
		public Integer getVersion() { return version; }
		public void setVersion(Integer version) { this.version = version; }
	}

	private final PartyOrganisationService organisations;
	private final AuditQuery audit;
	private final CurrentUser user;

	PartyOrganisationPageController(PartyOrganisationService organisations, AuditQuery audit, CurrentUser user) {
		this.organisations = organisations;
		this.audit = audit;
		this.user = user;
	}

	@GetMapping("/party-organisations")
	String list(@RequestParam(required = false) String region, @RequestParam(required = false) PartyOrganisationKind kind,
			@RequestParam(required = false) String q, @RequestParam(required = false) String sort,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size, Model model,
			HttpServletRequest request) {
		user.require(Permission.ROSTER_READ);
		SortOrder order = Sorting.model(model, PartyOrganisationRepository.SORT, sort);
		var criteria = new PartyOrganisationRepository.Criteria(StructureParams.region(region), kind,
				StructureParams.query(q, "q"), null);
		model.addAttribute("result", organisations.list(criteria, order, PageRequest.of(page, size)));
		model.addAttribute("region", region);
		model.addAttribute("kind", kind);
		model.addAttribute("q", q);
		model.addAttribute("kinds", PartyOrganisationKind.values());
		model.addAttribute("canCreate", organisations.canCreate());
		return Htmx.view(request, "party-organisations/list", "results");
	}

	@GetMapping("/party-organisations/tree")
	String tree(@RequestParam(required = false) String region, Model model, HttpServletRequest request) {
		user.require(Permission.ROSTER_READ);
		Long code = StructureParams.region(region);
		model.addAttribute("region", region);
		model.addAttribute("tree", code == null ? null : organisations.tree(code));
		return Htmx.view(request, "party-organisations/tree", "tree");
	}

	@GetMapping("/party-organisations/{id}")
	String show(@PathVariable long id, Model model) {
		PartyOrganisationView organisation = organisations.get(id);
		model.addAttribute("organisation", organisation);
		model.addAttribute("canWrite", organisations.canWrite(organisation));
		model.addAttribute("children", organisations.children(id));
		model.addAttribute("history", audit.historyOf("partyOrganisation", Long.toString(id)));
		return "party-organisations/show";
	}

	@GetMapping("/party-organisations/new")
	String newForm(@RequestParam(required = false) String region, @RequestParam(required = false) Long parent,
			Model model) {
		user.require(Permission.STRUCTURE_WRITE);
		OrganisationForm form = new OrganisationForm();
		if (parent != null) {
			PartyOrganisationView p = organisations.get(parent);
			form.setParentId(Long.toString(p.id()));
			form.setRegionCode(Long.toString(p.regionCode()));
			form.setKind(PartyOrganisationKind.BRANCH.name());
		}
		else if (region != null && RegionCode.isValid(region)) {
			form.setRegionCode(RegionCode.parse(region).full());
		}
		model.addAttribute("form", form);
		return form(model, null);
	}

	@PostMapping("/party-organisations/new")
	String create(@ModelAttribute("form") OrganisationForm form, BindingResult binding, Model model) {
		user.require(Permission.STRUCTURE_WRITE);
		try {
			return "redirect:/party-organisations/" + organisations.create(form.draft()).id();
		}
		catch (InvalidInputException e) {
			StructureParams.reject(binding, e);
			return form(model, null);
		}
	}

	@GetMapping("/party-organisations/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		PartyOrganisationView organisation = writable(id);
		model.addAttribute("form", OrganisationForm.of(organisation));
		return form(model, organisation);
	}

	@PostMapping("/party-organisations/{id}/edit")
	String update(@PathVariable long id, @ModelAttribute("form") OrganisationForm form, BindingResult binding,
			Model model) {
		PartyOrganisationView organisation = writable(id);
		try {
			organisations.update(id, form.draft(), form.getVersion());
			return "redirect:/party-organisations/" + id;
		}
		catch (InvalidInputException e) {
			StructureParams.reject(binding, e);
		}
		catch (ConflictException e) {
			binding.reject("structure.changed", e.getMessage());
		}
		return form(model, organisation);
	}

	private PartyOrganisationView writable(long id) {
		PartyOrganisationView organisation = organisations.get(id);
		if (!organisations.canWrite(organisation)) {
			throw new ForbiddenException("the party organisation is outside your scope");
		}
		return organisation;
	}

	private String form(Model model, PartyOrganisationView organisation) {
		model.addAttribute("organisation", organisation);
		model.addAttribute("kinds", PartyOrganisationKind.values());
		return "party-organisations/form";
	}
}
