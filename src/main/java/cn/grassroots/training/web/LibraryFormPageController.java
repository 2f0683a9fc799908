package cn.grassroots.training.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.Person;
import cn.grassroots.org.PostType;
import cn.grassroots.org.Region;
import cn.grassroots.org.RegionLevel;
import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.audit.AuditQuery;
import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;
import cn.grassroots.platform.web.Htmx;
import cn.grassroots.training.internal.CaseLibrary;
import cn.grassroots.training.internal.CaseLibrary.Case;
import cn.grassroots.training.internal.CourseType;
import cn.grassroots.training.internal.LecturerKind;
import cn.grassroots.training.internal.LecturerService;
import cn.grassroots.training.internal.LecturerService.Lecturer;
import cn.grassroots.training.internal.SessionLinks;
import cn.grassroots.training.internal.SizeBand;
import cn.grassroots.training.internal.TopicCategory;

/**
 * The desk forms of 师资 and 案例库: a lecturer and a case added and changed, a case's page with its
 * secretary chosen as a model-secretary lecturer, and a plan session linked to a listed lecturer and
 * a case. Every write goes through the same service as the API (scope, validation, audit); a form
 * comes back with the service's field errors beside the fields and nothing stored. Forms post over
 * htmx and swap themselves; a saved form sends the browser on with HX-Redirect (a plain post
 * redirects).
 */
@Controller
class LibraryFormPageController {

	/** The kinds a case's secretary may be chosen as. */
	private static final List<LecturerKind> MODEL_KINDS = List.of(LecturerKind.NATIONAL_MODEL_SECRETARY,
			LecturerKind.PROVINCIAL_MODEL_SECRETARY);

	private static final List<String> LECTURER_FIELDS = List.of("name", "kind", "title", "unitName", "regionCode",
			"personId", "profile", "version");

	private static final List<String> CASE_FIELDS = List.of("title", "practice", "results", "topic", "communityCode",
			"households", "secretaryPersonId", "year", "version");

	/** A person who may be picked as a case's community secretary. */
	record SecretaryOption(long id, String name, String regionName) {
	}

	private final LecturerService lecturers;
	private final CaseLibrary cases;
	private final SessionLinks links;
	private final OrgDirectory org;
	private final AuditQuery audit;
	private final CurrentUser user;

	LibraryFormPageController(LecturerService lecturers, CaseLibrary cases, SessionLinks links, OrgDirectory org,
			AuditQuery audit, CurrentUser user) {
		this.lecturers = lecturers;
		this.cases = cases;
		this.links = links;
		this.org = org;
		this.audit = audit;
		this.user = user;
	}

	// ------------------------------------------------------------------ lecturers

	@GetMapping("/training/lecturers/new")
	String newLecturer(Model model, HttpServletRequest request) {
		user.require(Permission.TRAINING_MANAGE);
		Map<String, Object> form = new LinkedHashMap<>();
		form.put("kind", LecturerKind.PARTY_SCHOOL_EXPERT.name());
		form.put("regionCode", defaultRegion());
		form.put("topics", List.of());
		form.put("active", true);
		return lecturerPage(null, form, Map.of(), model, request);
	}

	@PostMapping("/training/lecturers")
	String createLecturer(@RequestParam MultiValueMap<String, String> params, Model model, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes redirect) {
		user.require(Permission.TRAINING_MANAGE);
		Map<String, String> errors = new LinkedHashMap<>();
		LecturerService.Draft draft = lecturerDraft(params, errors);
		if (errors.isEmpty()) {
			try {
				long id = lecturers.create(draft).id();
				return saved("/training/lecturers/" + id, request, response, redirect);
			}
			catch (InvalidInputException e) {
				errors.putAll(errors(e));
			}
		}
		return lecturerPage(null, lecturerForm(params), errors, model, request);
	}

	@GetMapping("/training/lecturers/{id}/edit")
	String editLecturer(@PathVariable long id, Model model, HttpServletRequest request) {
		Lecturer l = managedLecturer(id);
		Map<String, Object> form = new LinkedHashMap<>();
		form.put("name", l.name());
		form.put("kind", l.kind().name());
		form.put("title", nz(l.title()));
		form.put("unitName", nz(l.unitName()));
		form.put("regionCode", Long.toString(l.regionCode()));
		form.put("personId", l.personId() == null ? "" : l.personId().toString());
		form.put("profile", nz(l.profile()));
		form.put("version", Integer.toString(l.version()));
		form.put("topics", l.topics().stream().map(Enum::name).toList());
		form.put("active", l.active());
		return lecturerPage(l, form, Map.of(), model, request);
	}

	@PostMapping("/training/lecturers/{id}/edit")
	String updateLecturer(@PathVariable long id, @RequestParam MultiValueMap<String, String> params, Model model,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		Lecturer l = managedLecturer(id);
		Map<String, String> errors = new LinkedHashMap<>();
		LecturerService.Draft draft = lecturerDraft(params, errors);
		Integer version = parse(params.getFirst("version"), "version", Integer::valueOf, errors);
		if (errors.isEmpty()) {
			try {
				lecturers.update(id, draft, version);
				return saved("/training/lecturers/" + id, request, response, redirect);
			}
			catch (InvalidInputException e) {
				errors.putAll(errors(e));
			}
			catch (ConflictException e) {
				errors.put("form", "libraryForms.conflict");
			}
		}
		return lecturerPage(l, lecturerForm(params), errors, model, request);
	}

	/** The lecturer, when the caller may change it: 404 outside the province's library, 403 outside the caller's region. */
	private Lecturer managedLecturer(long id) {
		user.require(Permission.TRAINING_MANAGE);
		Lecturer l = lecturers.get(id);
		if (!lecturers.canManage(l)) {
			throw new ForbiddenException("the lecturer is outside your scope");
		}
		return l;
	}

	private String lecturerPage(Lecturer editing, Map<String, Object> form, Map<String, String> errors, Model model,
			HttpServletRequest request) {
		model.addAttribute("editing", editing);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("kinds", LecturerKind.values());
		model.addAttribute("topics", TopicCategory.values());
		model.addAttribute("person", personOf(String.valueOf(form.getOrDefault("personId", ""))));
		model.addAttribute("region", regionOf(String.valueOf(form.getOrDefault("regionCode", ""))));
		return Htmx.view(request, "training/lecturer-form", "form");
	}

	private static Map<String, Object> lecturerForm(MultiValueMap<String, String> p) {
		Map<String, Object> form = new LinkedHashMap<>();
		LECTURER_FIELDS.forEach(f -> form.put(f, nz(p.getFirst(f))));
		form.put("topics", p.getOrDefault("topics", List.of()));
		form.put("active", p.containsKey("active"));
		return form;
	}

	private static LecturerService.Draft lecturerDraft(MultiValueMap<String, String> p, Map<String, String> errors) {
		LecturerKind kind = parse(p.getFirst("kind"), "kind", LecturerKind::valueOf, errors);
		List<TopicCategory> topics = new ArrayList<>();
		for (String t : p.getOrDefault("topics", List.of())) {
			TopicCategory topic = parse(t, "topics", TopicCategory::valueOf, errors);
			if (topic != null) {
				topics.add(topic);
			}
		}
		Long personId = parse(p.getFirst("personId"), "personId", Long::valueOf, errors);
		return new LecturerService.Draft(blank(p.getFirst("name")), kind, blank(p.getFirst("title")),
				blank(p.getFirst("unitName")), blank(p.getFirst("regionCode")), personId, topics,
				blank(p.getFirst("profile")), p.containsKey("active"));
	}

	// ------------------------------------------------------------------ cases

	@GetMapping("/training/cases/new")
	String newCase(@RequestParam MultiValueMap<String, String> params, Model model, HttpServletRequest request) {
		user.require(Permission.TRAINING_MANAGE);
		Map<String, Object> form;
		if (params.containsKey("title")) {
			// the form refreshed itself (htmx) after the community or the households changed
			form = caseForm(params);
		}
		else {
			form = new LinkedHashMap<>();
			form.put("year", Integer.toString(java.time.LocalDate.now().getYear()));
			form.put("communityCode", nz(params.getFirst("communityCode")));
		}
		return casePage(null, form, Map.of(), model, request);
	}

	@PostMapping("/training/cases")
	String createCase(@RequestParam MultiValueMap<String, String> params, Model model, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes redirect) {
		user.require(Permission.TRAINING_MANAGE);
		Map<String, String> errors = new LinkedHashMap<>();
		CaseLibrary.Draft draft = caseDraft(params, errors);
		if (errors.isEmpty()) {
			try {
				long id = cases.create(draft).id();
				return saved("/training/cases/" + id, request, response, redirect);
			}
			catch (InvalidInputException e) {
				errors.putAll(errors(e));
			}
		}
		return casePage(null, caseForm(params), errors, model, request);
	}

	@GetMapping("/training/cases/{id}")
	String caseOf(@PathVariable long id, Model model) {
		return caseView(id, Map.of(), Map.of(), model);
	}

	private String caseView(long id, Map<String, String> form, Map<String, String> errors, Model model) {
		user.require(Permission.TRAINING_READ);
		CaseLibrary.Hit hit = cases.get(id);
		Case k = hit.item();
		model.addAttribute("hit", hit);
		model.addAttribute("item", k);
		model.addAttribute("canManage", cases.canManage(k));
		model.addAttribute("chosen", k.lecturerId() == null ? null : lecturers.get(k.lecturerId()));
		model.addAttribute("modelKinds", MODEL_KINDS);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("history", audit.historyOf("training_case", Long.toString(id)));
		return "training/case";
	}

	@GetMapping("/training/cases/{id}/edit")
	String editCase(@PathVariable long id, @RequestParam MultiValueMap<String, String> params, Model model,
			HttpServletRequest request) {
		Case k = managedCase(id);
		Map<String, Object> form;
		if (params.containsKey("title")) {
			form = caseForm(params);
		}
		else {
			form = new LinkedHashMap<>();
			form.put("title", k.title());
			form.put("practice", k.practice());
			form.put("results", k.results());
			form.put("topic", k.topic().name());
			form.put("communityCode", Long.toString(k.communityCode()));
			form.put("households", Integer.toString(k.households()));
			form.put("secretaryPersonId", k.secretaryPersonId() == null ? "" : k.secretaryPersonId().toString());
			form.put("year", Integer.toString(k.year()));
			form.put("version", Integer.toString(k.version()));
		}
		return casePage(k, form, Map.of(), model, request);
	}

	@PostMapping("/training/cases/{id}/edit")
	String updateCase(@PathVariable long id, @RequestParam MultiValueMap<String, String> params, Model model,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		Case k = managedCase(id);
		Map<String, String> errors = new LinkedHashMap<>();
		CaseLibrary.Draft draft = caseDraft(params, errors);
		Integer version = parse(params.getFirst("version"), "version", Integer::valueOf, errors);
		if (errors.isEmpty()) {
			try {
				cases.update(id, draft, version);
				return saved("/training/cases/" + id, request, response, redirect);
			}
			catch (InvalidInputException e) {
				errors.putAll(errors(e));
			}
			catch (ConflictException e) {
				errors.put("form", "libraryForms.conflict");
			}
		}
		return casePage(k, caseForm(params), errors, model, request);
	}

	/** 选树: the case's community secretary becomes a national or provincial model-secretary lecturer. */
	@PostMapping("/training/cases/{id}/secretary")
	String chooseSecretary(@PathVariable long id, @RequestParam MultiValueMap<String, String> params, Model model,
			RedirectAttributes redirect) {
		user.require(Permission.TRAINING_MANAGE);
		Map<String, String> errors = new LinkedHashMap<>();
		LecturerKind kind = parse(params.getFirst("kind"), "kind", LecturerKind::valueOf, errors);
		if (errors.isEmpty()) {
			try {
				Lecturer l = cases.chooseSecretary(id, kind, blank(params.getFirst("title")));
				redirect.addFlashAttribute("flash", "libraryForms.secretary.chosen");
				return "redirect:/training/lecturers/" + l.id();
			}
			catch (InvalidInputException e) {
				errors.putAll(errors(e));
			}
			catch (ConflictException e) {
				errors.put("caseId", "libraryForms.secretary.already");
			}
		}
		Map<String, String> form = new LinkedHashMap<>();
		form.put("kind", nz(params.getFirst("kind")));
		form.put("title", nz(params.getFirst("title")));
		return caseView(id, form, errors, model);
	}

	/** The case, when the caller may change it: 404 outside the province's library, 403 outside the caller's region. */
	private Case managedCase(long id) {
		user.require(Permission.TRAINING_MANAGE);
		Case k = cases.get(id).item();
		if (!cases.canManage(k)) {
			throw new ForbiddenException("the case is outside your scope");
		}
		return k;
	}

	private String casePage(Case editing, Map<String, Object> form, Map<String, String> errors, Model model,
			HttpServletRequest request) {
		Region community = regionOf(String.valueOf(form.getOrDefault("communityCode", "")));
		if (community != null && community.level() != RegionLevel.VILLAGE) {
			community = null;
		}
		Integer households = parsed(String.valueOf(form.getOrDefault("households", "")));
		model.addAttribute("editing", editing);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("topics", TopicCategory.values());
		model.addAttribute("community", community);
		model.addAttribute("sizeBand", households == null || households < 0 ? null : SizeBand.of(households));
		model.addAttribute("secretaries", secretaries(community, editing,
				parsedLong(String.valueOf(form.getOrDefault("secretaryPersonId", "")))));
		return Htmx.view(request, "training/case-form", "form");
	}

	/**
	 * Who may be named as the case's secretary: the holders of the community's (or village's) party
	 * secretary post the caller's roster scope reaches, and whoever the case names now.
	 */
	private List<SecretaryOption> secretaries(Region community, Case editing, Long chosen) {
		Map<Long, SecretaryOption> out = new LinkedHashMap<>();
		if (community != null) {
			for (PostType post : List.of(PostType.COMMUNITY_PARTY_SECRETARY, PostType.VILLAGE_PARTY_SECRETARY)) {
				for (Person p : org.holdersOf(post, community.code())) {
					out.putIfAbsent(p.id(), new SecretaryOption(p.id(), p.name(), p.regionName()));
				}
			}
		}
		if (chosen != null && !out.containsKey(chosen)) {
			org.person(chosen).ifPresentOrElse(p -> out.put(p.id(), new SecretaryOption(p.id(), p.name(), p.regionName())),
					() -> {
						if (editing != null && chosen.equals(editing.secretaryPersonId())) {
							out.put(chosen, new SecretaryOption(chosen, editing.secretaryName(), editing.communityName()));
						}
					});
		}
		return new ArrayList<>(out.values());
	}

	private static Map<String, Object> caseForm(MultiValueMap<String, String> p) {
		Map<String, Object> form = new LinkedHashMap<>();
		CASE_FIELDS.forEach(f -> form.put(f, nz(p.getFirst(f))));
		return form;
	}

	private static CaseLibrary.Draft caseDraft(MultiValueMap<String, String> p, Map<String, String> errors) {
		TopicCategory topic = parse(p.getFirst("topic"), "topic", TopicCategory::valueOf, errors);
		Integer households = parse(p.getFirst("households"), "households", Integer::valueOf, errors);
		Long secretary = parse(p.getFirst("secretaryPersonId"), "secretaryPersonId", Long::valueOf, errors);
		Integer year = parse(p.getFirst("year"), "year", Integer::valueOf, errors);
		return new CaseLibrary.Draft(blank(p.getFirst("title")), blank(p.getFirst("practice")),
				blank(p.getFirst("results")), topic, blank(p.getFirst("communityCode")), households, secretary, year);
	}

	// ------------------------------------------------------------------ a session's lecturer and case

	@GetMapping("/training/sessions/{id}/links")
	String sessionLinks(@PathVariable long id, @RequestParam MultiValueMap<String, String> params, Model model,
			HttpServletRequest request) {
		user.require(Permission.TRAINING_READ);
		SessionLinks.Linking linking = links.linking(id);
		Map<String, String> form = new LinkedHashMap<>();
		if (params.containsKey("lecturerId")) {
			// the case search refreshed the form (htmx): keep what is picked so far
			form.put("lecturerId", nz(params.getFirst("lecturerId")));
			form.put("caseId", nz(params.getFirst("caseId")));
		}
		else {
			form.put("lecturerId", linking.lecturerId() == null ? "" : linking.lecturerId().toString());
			form.put("caseId", linking.caseId() == null ? "" : linking.caseId().toString());
		}
		return linksPage(linking, params.getFirst("q"), form, Map.of(), model, request);
	}

	@PostMapping("/training/sessions/{id}/links")
	String link(@PathVariable long id, @RequestParam MultiValueMap<String, String> params, Model model,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		user.require(Permission.TRAINING_READ);
		SessionLinks.Linking linking = links.linking(id);
		Map<String, String> errors = new LinkedHashMap<>();
		Long lecturerId = parse(params.getFirst("lecturerId"), "lecturerId", Long::valueOf, errors);
		Long caseId = parse(params.getFirst("caseId"), "caseId", Long::valueOf, errors);
		if (errors.isEmpty()) {
			try {
				links.link(id, lecturerId, caseId);
				return saved("/training/classrooms/" + linking.classroom().id() + "/plan/edit", request, response, redirect);
			}
			catch (InvalidInputException e) {
				errors.putAll(errors(e));
			}
			catch (ConflictException e) {
				errors.put("form", "libraryForms.links.notDraft");
			}
		}
		Map<String, String> form = new LinkedHashMap<>();
		form.put("lecturerId", nz(params.getFirst("lecturerId")));
		form.put("caseId", nz(params.getFirst("caseId")));
		return linksPage(linking, params.getFirst("q"), form, errors, model, request);
	}

	private String linksPage(SessionLinks.Linking linking, String q, Map<String, String> form, Map<String, String> errors,
			Model model, HttpServletRequest request) {
		TopicCategory topic = linking.session().topic();
		// active lecturers, those teaching the session's topic first, each group best rated first
		List<LecturerService.Row> lecturerRows = new ArrayList<>(lecturers.list(null, null, null).stream()
			.filter(r -> r.lecturer().active() || String.valueOf(r.lecturer().id()).equals(form.get("lecturerId")))
			.toList());
		lecturerRows.sort(Comparator.comparing((LecturerService.Row r) -> topic == null || !r.lecturer().topics().contains(topic)));
		String text = q == null || q.isBlank() ? null : q.strip().substring(0, Math.min(q.strip().length(), 100));
		List<CaseLibrary.Hit> caseRows = List.of();
		if (linking.session().courseType() == CourseType.CASE) {
			caseRows = new ArrayList<>(cases.search(new CaseLibrary.Query(null, text, null, null, null)));
			caseRows.sort(Comparator.comparing((CaseLibrary.Hit h) -> topic == null || h.item().topic() != topic));
			Long current = parsedLong(form.get("caseId"));
			if (current != null && caseRows.stream().noneMatch(h -> h.item().id() == current)) {
				try {
					caseRows.add(0, cases.get(current));
				}
				catch (NotFoundException gone) {
					// the service reports it as a field error on saving
				}
			}
		}
		model.addAttribute("linking", linking);
		model.addAttribute("lesson", linking.session());
		model.addAttribute("classroom", linking.classroom());
		model.addAttribute("lecturers", lecturerRows);
		model.addAttribute("cases", caseRows);
		model.addAttribute("q", text);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return Htmx.view(request, "training/session-links", "form");
	}

	// ------------------------------------------------------------------ helpers

	/** After a save: htmx follows HX-Redirect (the form swapped nothing), a plain post a redirect. */
	private static String saved(String path, HttpServletRequest request, HttpServletResponse response,
			RedirectAttributes redirect) {
		redirect.addFlashAttribute("flash", "libraryForms.saved");
		if (Htmx.isHtmx(request)) {
			// the flash attribute does not survive a client-side redirect; the page itself shows the change
			response.setStatus(HttpServletResponse.SC_NO_CONTENT);
			response.setHeader("HX-Redirect", request.getContextPath() + path);
			return null;
		}
		return "redirect:" + path;
	}

	/** Where a new lecturer sits by default: the caller's first managed region (blank for the whole country). */
	private String defaultRegion() {
		AccessScope scope = user.scope(Permission.TRAINING_MANAGE);
		return scope.regionRanges().isEmpty() ? "" : Long.toString(scope.regionRanges().get(0).from());
	}

	private Region regionOf(String code) {
		if (code == null || code.isBlank() || code.length() > 12) {
			return null;
		}
		try {
			return org.region(code.strip()).orElse(null);
		}
		catch (RuntimeException notACode) {
			return null;
		}
	}

	private Person personOf(String id) {
		Long personId = parsedLong(id);
		return personId == null ? null : org.person(personId).orElse(null);
	}

	private static Map<String, String> errors(InvalidInputException e) {
		// the service names each topic (topics[0], …); the form shows one message beside the list
		return e.byField(field -> field.startsWith("topics[") ? "topics" : field);
	}

	/**
	 * A typed number or a choice from a list: blank is left to the service (required or not), anything
	 * that does not parse is refused beside the field.
	 */
	private static <T> T parse(String value, String field, Function<String, T> parser, Map<String, String> errors) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return parser.apply(value.strip());
		}
		catch (RuntimeException e) {
			errors.putIfAbsent(field, "libraryForms.invalid");
			return null;
		}
	}

	private static Integer parsed(String value) {
		return parse(value, "", Integer::valueOf, new LinkedHashMap<>());
	}

	private static Long parsedLong(String value) {
		return parse(value, "", Long::valueOf, new LinkedHashMap<>());
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

	private static String nz(String s) {
		return s == null ? "" : s;
	}
}
