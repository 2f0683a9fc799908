package cn.grassroots.org.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.grassroots.org.Gender;
import cn.grassroots.org.Person;
import cn.grassroots.org.PersonDraft;
import cn.grassroots.org.PostType;
import cn.grassroots.org.internal.PersonRepository;
import cn.grassroots.org.internal.PersonService;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.SortOrder;
import cn.grassroots.platform.audit.AuditQuery;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;
import cn.grassroots.platform.web.Htmx;
import cn.grassroots.platform.web.Sorting;

/** The roster pages: list with filters, detail with reveal and history, create and edit forms. */
@Controller
class PersonPageController {

	/** The form's fields, as typed. */
	public static class PersonForm {
		private String name;
		private Gender gender;
		private java.time.LocalDate birthDate;
		private String phone;
		private String idNumber;
		private boolean partyMember;
		private String regionCode;
		private Long gridId;
		private Long unitId;
		private Integer version;

		PersonDraft draft() {
			return new PersonDraft(name, gender, birthDate, phone, idNumber, partyMember, regionCode, gridId, unitId);
		}

		static PersonForm of(Person p) {
			PersonForm f = new PersonForm();
			f.name = p.name();
			f.gender = p.gender();
			f.birthDate = p.birthDate();
			f.partyMember = p.partyMember();
			f.regionCode = Long.toString(p.regionCode());
			f.gridId = p.gridId();
			f.unitId = p.unitId();
			f.version = p.version();
			return f;
		}

		public String getName() { return name; }
		public void setName(String name) { this.name = name; }
		public Gender getGender() { return gender; }
		public void setGender(Gender gender) { this.gender = gender; }
		public java.time.LocalDate getBirthDate() { return birthDate; }
		public void setBirthDate(java.time.LocalDate birthDate) { this.birthDate = birthDate; }
		public String getPhone() { return phone; }
		public void setPhone(String phone) { this.phone = phone; }
		public String getIdNumber() { return idNumber; }
		public void setIdNumber(String idNumber) { this.idNumber = idNumber; }
		public boolean isPartyMember() { return partyMember; }
		public void setPartyMember(boolean partyMember) { this.partyMember = partyMember; }
		public String getRegionCode() { return regionCode; }
		public void setRegionCode(String regionCode) { this.regionCode = regionCode; }
		public Long getGridId() { return gridId; }
		public void setGridId(Long gridId) { this.gridId = gridId; }
		public Long getUnitId() { return unitId; }
		public void setUnitId(Long unitId) { this.unitId = unitId; }
		public Integer getVersion() { return version; }
		public void setVersion(Integer version) { this.version = version; }
	}

	private final PersonService people;
	private final AuditQuery audit;
	private final CurrentUser user;
	PersonPageController(PersonService people, AuditQuery audit, CurrentUser user) {
		this.people = people;
		this.audit = audit;
		this.user = user;
	}

	@GetMapping("/people")
	String list(@RequestParam(required = false) String region, @RequestParam(required = false) String name,
			@RequestParam(required = false) PostType post, @RequestParam(required = false) Boolean partyMember,
			@RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, Model model, HttpServletRequest request) {
		user.require(Permission.ROSTER_READ);
		SortOrder order = Sorting.model(model, PersonRepository.SORT, sort);
		Long regionCode = region == null || region.isBlank() ? null : RegionApiController.code(region);
		var criteria = new PersonRepository.Criteria(regionCode, name, post, partyMember, null, null);
		model.addAttribute("result", people.list(criteria, order, PageRequest.of(page, size)));
		model.addAttribute("region", region);
		model.addAttribute("name", name);
		model.addAttribute("post", post);
		model.addAttribute("partyMember", partyMember);
		model.addAttribute("posts", PostType.values());
		model.addAttribute("canWrite", user.has(Permission.ROSTER_WRITE));
		model.addAttribute("canImport", user.has(Permission.ROSTER_IMPORT));
		model.addAttribute("canExport", user.has(Permission.ROSTER_EXPORT));
		return Htmx.view(request, "people/list", "results");
	}

	@GetMapping("/people/{id}")
	String show(@PathVariable long id, Model model) {
		Person person = people.get(id);
		model.addAttribute("person", person);
		model.addAttribute("canReveal", user.scope(Permission.ROSTER_REVEAL)
			.permits(person.regionCode(), person.gridId(), person.unitId(), null));
		model.addAttribute("canWrite", user.scope(Permission.ROSTER_WRITE)
			.permits(person.regionCode(), person.gridId(), person.unitId(), null));
		model.addAttribute("history", audit.historyOf("person", Long.toString(id)));
		return "people/show";
	}

	@PostMapping("/people/{id}/reveal")
	String reveal(@PathVariable long id, Model model) {
		model.addAttribute("revealed", people.reveal(id));
		return "people/show :: revealed";
	}

	@GetMapping("/people/new")
	String newForm(Model model) {
		user.require(Permission.ROSTER_WRITE);
		model.addAttribute("form", new PersonForm());
		return form(model, null);
	}

	@PostMapping("/people/new")
	String create(@ModelAttribute("form") PersonForm form, BindingResult binding, Model model) {
		if (binding.hasErrors()) {
			return form(model, null);
		}
		try {
			Person created = people.create(form.draft());
			return "redirect:/people/" + created.id();
		}
		catch (InvalidInputException e) {
			reject(binding, e);
			return form(model, null);
		}
	}

	@GetMapping("/people/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		Person person = people.get(id);
		model.addAttribute("form", PersonForm.of(person));
		return form(model, person);
	}

	@PostMapping("/people/{id}/edit")
	String update(@PathVariable long id, @ModelAttribute("form") PersonForm form, BindingResult binding, Model model) {
		Person person = people.get(id);
		if (binding.hasErrors()) {
			return form(model, person);
		}
		try {
			people.update(id, form.draft(), form.getVersion());
			return "redirect:/people/" + id;
		}
		catch (InvalidInputException e) {
			reject(binding, e);
			return form(model, person);
		}
	}

	private String form(Model model, Person person) {
		model.addAttribute("person", person);
		model.addAttribute("genders", Gender.values());
		return "people/form";
	}

	private static void reject(BindingResult binding, InvalidInputException e) {
		for (var error : e.errors()) {
			binding.rejectValue(error.field(), error.message(), error.message());
		}
	}
}
