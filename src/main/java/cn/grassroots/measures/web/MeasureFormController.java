package cn.grassroots.measures.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.grassroots.measures.internal.MeasureKind;
import cn.grassroots.measures.internal.MeasureRepository;
import cn.grassroots.measures.internal.MeasureService;
import cn.grassroots.measures.internal.MechanismLevel;
import cn.grassroots.measures.internal.MechanismService;
import cn.grassroots.measures.internal.ReportCycle;
import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.UnitRef;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.web.Htmx;

/**
 * The forms that set up and change mechanisms (with member units and their duties) and measures
 * (partners with their parts, kind, dates, cycle, weight, staged targets, parent, cited higher
 * measure). Units are picked from lists: a mechanism's from the units of its region (the list follows
 * the region field over htmx), a measure's from its mechanism's members. The form is posted whole;
 * bad input comes back with a message beside each field and nothing changed.
 */
@Controller
class MeasureFormController {

	/** Blank rows offered after the filled ones, for members, partners and targets. */
	static final int SPARE_ROWS = 3;

	private final MechanismService mechanisms;
	private final MeasureService measures;
	private final MeasureRepository repository;
	private final OrgDirectory org;

	MeasureFormController(MechanismService mechanisms, MeasureService measures, MeasureRepository repository, OrgDirectory org) {
		this.mechanisms = mechanisms;
		this.measures = measures;
		this.repository = repository;
		this.org = org;
	}

	// mechanisms

	@GetMapping("/measures/mechanisms/new")
	String newMechanism(@RequestParam MultiValueMap<String, String> params, Model model, HttpServletRequest request) {
		Map<String, Object> form = params.isEmpty() ? Map.of("regionCode", "", "level", "PROVINCE") : mechanismForm(params);
		return mechanismPage(null, form, Map.of(), model, request);
	}

	@PostMapping("/measures/mechanisms")
	String createMechanism(@RequestParam MultiValueMap<String, String> params, Model model, HttpServletRequest request,
			RedirectAttributes redirect) {
		try {
			long id = mechanisms.create(mechanismDraft(params)).id();
			redirect.addFlashAttribute("flash", "measures.form.saved");
			return "redirect:/measures/mechanisms/" + id;
		}
		catch (InvalidInputException e) {
			return mechanismPage(null, mechanismForm(params), e.byField(), model, request);
		}
	}

	@GetMapping("/measures/mechanisms/{id}/edit")
	String editMechanism(@PathVariable long id, Model model, HttpServletRequest request) {
		var v = mechanisms.get(id);
		mechanisms.requireManaged(id);
		var m = v.mechanism();
		Map<String, Object> form = new LinkedHashMap<>();
		form.put("name", m.name());
		form.put("level", m.level().name());
		form.put("regionCode", Long.toString(m.regionCode()));
		form.put("leaderName", m.leaderName());
		form.put("leaderTitle", nz(m.leaderTitle()));
		form.put("foundingDocument", nz(m.foundingDocument()));
		form.put("foundedOn", m.foundedOn() == null ? "" : m.foundedOn().toString());
		form.put("leadUnitId", str(m.leadUnitId()));
		form.put("coordinatingUnitId", str(m.coordinatingUnitId()));
		form.put("parentId", str(m.parentId()));
		List<Map<String, String>> rows = new ArrayList<>();
		mechanisms.members(id).stream().filter(x -> x.unit() != null).forEach(x -> rows.add(Map.of("unitId",
				Long.toString(x.unit().id()), "duty", nz(x.duty()))));
		form.put("members", spare(rows, "unitId", "duty"));
		return mechanismPage(id, form, Map.of(), model, request);
	}

	@PostMapping("/measures/mechanisms/{id}/edit")
	String updateMechanism(@PathVariable long id, @RequestParam MultiValueMap<String, String> params, Model model,
			HttpServletRequest request, RedirectAttributes redirect) {
		try {
			mechanisms.update(id, mechanismDraft(params));
			redirect.addFlashAttribute("flash", "measures.form.saved");
			return "redirect:/measures/mechanisms/" + id;
		}
		catch (InvalidInputException e) {
			return mechanismPage(id, mechanismForm(params), e.byField(), model, request);
		}
	}

	private String mechanismPage(Long id, Map<String, Object> form, Map<String, String> errors, Model model,
			HttpServletRequest request) {
		model.addAttribute("editing", id);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("levels", MechanismLevel.values());
		model.addAttribute("units", unitsOf(String.valueOf(form.getOrDefault("regionCode", ""))));
		model.addAttribute("parents", mechanisms.list(null, PageRequest.of(0, 100)).content().stream()
			.filter(v -> id == null || v.mechanism().id() != id).toList());
		return Htmx.view(request, "measures/mechanism-form", "form");
	}

	/** The units anchored at the region, and at the regions above it (a county mechanism may seat city units). */
	private List<UnitRef> unitsOf(String regionCode) {
		if (regionCode == null || regionCode.isBlank()) {
			return List.of();
		}
		var region = org.region(regionCode.strip()).orElse(null);
		if (region == null) {
			return List.of();
		}
		List<UnitRef> units = new ArrayList<>(org.unitsAt(region.code()));
		return units;
	}

	private static Map<String, Object> mechanismForm(MultiValueMap<String, String> p) {
		Map<String, Object> form = new LinkedHashMap<>();
		for (String f : List.of("name", "level", "regionCode", "leaderName", "leaderTitle", "foundingDocument", "foundedOn",
				"leadUnitId", "coordinatingUnitId", "parentId")) {
			form.put(f, nz(p.getFirst(f)));
		}
		form.put("members", spare(rows(p, "memberUnitId", "memberDuty", "unitId", "duty"), "unitId", "duty"));
		return form;
	}

	private static MechanismService.Draft mechanismDraft(MultiValueMap<String, String> p) {
		Map<String, String> bad = new LinkedHashMap<>();
		MechanismLevel level = enumOf(MechanismLevel.class, p.getFirst("level"), "level", bad);
		LocalDate founded = date(p.getFirst("foundedOn"), "foundedOn", bad);
		Long lead = id(p.getFirst("leadUnitId"), "leadUnitId", bad);
		Long coordinating = id(p.getFirst("coordinatingUnitId"), "coordinatingUnitId", bad);
		Long parent = id(p.getFirst("parentId"), "parentId", bad);
		List<MechanismService.MemberDraft> members = new ArrayList<>();
		List<Map<String, String>> rows = rows(p, "memberUnitId", "memberDuty", "unitId", "duty");
		for (int i = 0; i < rows.size(); i++) {
			members.add(new MechanismService.MemberDraft(id(rows.get(i).get("unitId"), "members[" + i + "].unitId", bad),
					blank(rows.get(i).get("duty"))));
		}
		throwIf(bad);
		return new MechanismService.Draft(blank(p.getFirst("name")), level, blank(p.getFirst("regionCode")),
				blank(p.getFirst("leaderName")), blank(p.getFirst("leaderTitle")), lead, coordinating,
				blank(p.getFirst("foundingDocument")), founded, parent, members);
	}

	// measures

	@GetMapping("/measures/mechanisms/{id}/measures/new")
	String newMeasure(@PathVariable long id, Model model, HttpServletRequest request) {
		mechanisms.requireManaged(id);
		Map<String, Object> form = new LinkedHashMap<>();
		form.put("kind", "ANNUAL");
		form.put("reportCycle", "MONTHLY");
		form.put("weight", "1");
		form.put("partners", spare(new ArrayList<>(), "unitId", "part"));
		form.put("targets", spare(new ArrayList<>(), TARGET_FIELDS));
		return measurePage(id, null, form, Map.of(), model, request);
	}

	@PostMapping("/measures/mechanisms/{id}/measures")
	String createMeasure(@PathVariable long id, @RequestParam MultiValueMap<String, String> params, Model model,
			HttpServletRequest request, RedirectAttributes redirect) {
		try {
			long created = measures.create(id, measureDraft(params)).id();
			redirect.addFlashAttribute("flash", "measures.form.saved");
			return "redirect:/measures/" + created;
		}
		catch (InvalidInputException e) {
			return measurePage(id, null, measureForm(params), e.byField(), model, request);
		}
	}

	@GetMapping("/measures/{id}/edit")
	String editMeasure(@PathVariable long id, Model model, HttpServletRequest request) {
		var d = measures.get(id);
		var m = d.view().measure();
		mechanisms.requireManaged(m.mechanismId());
		Map<String, Object> form = new LinkedHashMap<>();
		form.put("code", m.code());
		form.put("title", m.title());
		form.put("description", nz(m.description()));
		form.put("category", nz(m.category()));
		form.put("clause", nz(m.clause()));
		form.put("kind", m.kind().name());
		form.put("startDate", m.startDate().toString());
		form.put("dueDate", m.dueDate().toString());
		form.put("reportCycle", m.cycle().name());
		form.put("weight", BigDecimal.valueOf(m.weight()).stripTrailingZeros().toPlainString());
		form.put("leadUnitId", str(m.leadUnitId()));
		form.put("parentId", str(m.parentId()));
		form.put("citedMeasureId", str(m.citedId()));
		List<Map<String, String>> partners = new ArrayList<>();
		d.view().partners().stream().filter(p -> p.unit() != null)
			.forEach(p -> partners.add(Map.of("unitId", Long.toString(p.unit().id()), "part", nz(p.part()))));
		form.put("partners", spare(partners, "unitId", "part"));
		List<Map<String, String>> targets = new ArrayList<>();
		d.targets().forEach(t -> targets.add(Map.of("periodLabel", t.periodLabel(), "periodEnd", t.periodEnd().toString(),
				"indicator", t.indicator(), "baseline", t.baseline().stripTrailingZeros().toPlainString(), "targetValue",
				t.targetValue().stripTrailingZeros().toPlainString(), "unit", nz(t.unit()), "description",
				nz(t.description()))));
		form.put("targets", spare(targets, TARGET_FIELDS));
		return measurePage(m.mechanismId(), id, form, Map.of(), model, request);
	}

	@PostMapping("/measures/{id}/edit")
	String updateMeasure(@PathVariable long id, @RequestParam MultiValueMap<String, String> params, Model model,
			HttpServletRequest request, RedirectAttributes redirect) {
		long mechanism = measures.require(id).mechanismId();
		try {
			measures.update(id, measureDraft(params));
			redirect.addFlashAttribute("flash", "measures.form.saved");
			return "redirect:/measures/" + id;
		}
		catch (InvalidInputException e) {
			Map<String, Object> form = measureForm(params);
			form.put("code", measures.require(id).code());
			return measurePage(mechanism, id, form, e.byField(), model, request);
		}
	}

	static final String[] TARGET_FIELDS = { "periodLabel", "periodEnd", "indicator", "baseline", "targetValue", "unit",
			"description" };

	private String measurePage(long mechanismId, Long id, Map<String, Object> form, Map<String, String> errors, Model model,
			HttpServletRequest request) {
		var mechanism = mechanisms.get(mechanismId);
		model.addAttribute("mechanism", mechanism);
		model.addAttribute("editing", id);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("kinds", MeasureKind.values());
		model.addAttribute("cycles", ReportCycle.values());
		model.addAttribute("targetFields", List.of(TARGET_FIELDS));
		model.addAttribute("members", mechanisms.members(mechanismId).stream().filter(x -> x.unit() != null).toList());
		model.addAttribute("parents", repository.allMeasures(mechanismId, new cn.grassroots.measures.internal.MeasureAccess.Condition("1=1", Map.of()))
			.stream().filter(m -> id == null || m.id() != id).toList());
		Long parentMechanism = mechanism.mechanism().parentId();
		model.addAttribute("higher", parentMechanism == null ? List.of()
				: repository.allMeasures(parentMechanism, new cn.grassroots.measures.internal.MeasureAccess.Condition("1=1", Map.of())));
		return Htmx.view(request, "measures/measure-form", "form");
	}

	private static Map<String, Object> measureForm(MultiValueMap<String, String> p) {
		Map<String, Object> form = new LinkedHashMap<>();
		for (String f : List.of("code", "title", "description", "category", "clause", "kind", "startDate", "dueDate",
				"reportCycle", "weight", "leadUnitId", "parentId", "citedMeasureId")) {
			form.put(f, nz(p.getFirst(f)));
		}
		form.put("partners", spare(rows(p, "partnerUnitId", "partnerPart", "unitId", "part"), "unitId", "part"));
		form.put("targets", spare(targetRows(p), TARGET_FIELDS));
		return form;
	}

	private static List<Map<String, String>> targetRows(MultiValueMap<String, String> p) {
		List<Map<String, String>> rows = new ArrayList<>();
		int n = p.getOrDefault("target.periodLabel", List.of()).size();
		for (int i = 0; i < n; i++) {
			Map<String, String> row = new LinkedHashMap<>();
			boolean any = false;
			for (String f : TARGET_FIELDS) {
				List<String> values = p.getOrDefault("target." + f, List.of());
				String v = i < values.size() ? nz(values.get(i)) : "";
				row.put(f, v);
				any |= !v.isBlank();
			}
			if (any) {
				rows.add(row);
			}
		}
		return rows;
	}

	private static MeasureService.Draft measureDraft(MultiValueMap<String, String> p) {
		Map<String, String> bad = new LinkedHashMap<>();
		MeasureKind kind = enumOf(MeasureKind.class, p.getFirst("kind"), "kind", bad);
		ReportCycle cycle = enumOf(ReportCycle.class, p.getFirst("reportCycle"), "reportCycle", bad);
		LocalDate start = date(p.getFirst("startDate"), "startDate", bad);
		LocalDate due = date(p.getFirst("dueDate"), "dueDate", bad);
		BigDecimal weight = number(p.getFirst("weight"), "weight", bad);
		Long lead = id(p.getFirst("leadUnitId"), "leadUnitId", bad);
		Long parent = id(p.getFirst("parentId"), "parentId", bad);
		Long cited = id(p.getFirst("citedMeasureId"), "citedMeasureId", bad);
		List<MeasureService.PartnerDraft> partners = new ArrayList<>();
		List<Map<String, String>> rows = rows(p, "partnerUnitId", "partnerPart", "unitId", "part");
		for (int i = 0; i < rows.size(); i++) {
			partners.add(new MeasureService.PartnerDraft(id(rows.get(i).get("unitId"), "partners[" + i + "].unitId", bad),
					blank(rows.get(i).get("part"))));
		}
		List<MeasureService.TargetDraft> targets = new ArrayList<>();
		List<Map<String, String>> given = targetRows(p);
		for (int i = 0; i < given.size(); i++) {
			Map<String, String> t = given.get(i);
			String field = "targets[" + i + "]";
			targets.add(new MeasureService.TargetDraft(blank(t.get("periodLabel")), date(t.get("periodEnd"), field + ".periodEnd", bad),
					blank(t.get("description")), blank(t.get("indicator")), number(t.get("baseline"), field + ".baseline", bad),
					number(t.get("targetValue"), field + ".targetValue", bad), blank(t.get("unit"))));
		}
		throwIf(bad);
		return new MeasureService.Draft(blank(p.getFirst("code")), blank(p.getFirst("title")), blank(p.getFirst("description")),
				blank(p.getFirst("category")), lead, partners, blank(p.getFirst("clause")), kind, start, due, cycle, weight,
				parent, cited, targets);
	}

	// form helpers

	/** Paired repeated fields as rows, blank rows dropped. */
	private static List<Map<String, String>> rows(MultiValueMap<String, String> p, String first, String second, String as1,
			String as2) {
		List<String> a = p.getOrDefault(first, List.of());
		List<String> b = p.getOrDefault(second, List.of());
		List<Map<String, String>> rows = new ArrayList<>();
		for (int i = 0; i < a.size(); i++) {
			String x = nz(a.get(i));
			String y = i < b.size() ? nz(b.get(i)) : "";
			if (!x.isBlank() || !y.isBlank()) {
				rows.add(Map.of(as1, x, as2, y));
			}
		}
		return rows;
	}

	private static List<Map<String, String>> spare(List<Map<String, String>> rows, String... fields) {
		List<Map<String, String>> out = new ArrayList<>(rows);
		for (int i = 0; i < SPARE_ROWS; i++) {
			Map<String, String> blank = new LinkedHashMap<>();
			for (String f : fields) {
				blank.put(f, "");
			}
			out.add(blank);
		}
		return out;
	}

	private static <E extends Enum<E>> E enumOf(Class<E> type, String v, String field, Map<String, String> bad) {
		if (v == null || v.isBlank()) {
			return null;
		}
		try {
			return Enum.valueOf(type, v.strip());
		}
		catch (IllegalArgumentException e) {
			bad.put(field, "is not one of the choices");
			return null;
		}
	}

	private static LocalDate date(String v, String field, Map<String, String> bad) {
		if (v == null || v.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(v.strip());
		}
		catch (DateTimeParseException e) {
			bad.put(field, "must be a date (yyyy-MM-dd)");
			return null;
		}
	}

	private static BigDecimal number(String v, String field, Map<String, String> bad) {
		if (v == null || v.isBlank()) {
			return null;
		}
		try {
			return new BigDecimal(v.strip());
		}
		catch (NumberFormatException e) {
			bad.put(field, "must be a number");
			return null;
		}
	}

	private static Long id(String v, String field, Map<String, String> bad) {
		if (v == null || v.isBlank()) {
			return null;
		}
		try {
			return Long.parseLong(v.strip());
		}
		catch (NumberFormatException e) {
			bad.put(field, "is not one of the choices");
			return null;
		}
	}

	private static void throwIf(Map<String, String> bad) {
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad.entrySet().stream()
				.map(e -> new InvalidInputException.FieldError(e.getKey(), e.getValue())).toList());
		}
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

	private static String nz(String s) {
		return s == null ? "" : s;
	}

	private static String str(Long v) {
		return v == null ? "" : Long.toString(v);
	}
}
