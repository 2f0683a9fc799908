package cn.grassroots.surveys.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.RegionLevel;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;
import cn.grassroots.platform.web.Htmx;
import cn.grassroots.surveys.internal.AnalysisService;
import cn.grassroots.surveys.internal.AnalysisService.Filter;
import cn.grassroots.surveys.internal.FindingService;
import cn.grassroots.surveys.internal.Form;
import cn.grassroots.surveys.internal.Question;
import cn.grassroots.surveys.internal.QuestionType;
import cn.grassroots.surveys.internal.Questionnaire;
import cn.grassroots.surveys.internal.QuestionnaireService;
import cn.grassroots.surveys.internal.ResponseImport;
import cn.grassroots.surveys.internal.RespondentRole;
import cn.grassroots.surveys.internal.Section;
import cn.grassroots.surveys.internal.XlsformException;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * The surveys pages: the questionnaires in scope with the XLSForm upload, and a questionnaire's analysis
 * (counts and shares as charts, by role and by region with drill-down, a cross-tab picker). All figures
 * come from {@link AnalysisService}, so they are scoped as in the API.
 */
@Controller
class SurveyPageController {

	/** A region row of the analysis page: its code, name, count and the link one level down (null at the last). */
	record SurveyRegionRow(String code, String name, long count, String drill) {
	}

	/** A closed question offered in the cross-tab picker. */
	record SurveyQuestionOption(String name, String label) {
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final QuestionnaireService questionnaires;
	private final ResponseImport imports;
	private final AnalysisService analysis;
	private final OrgDirectory orgs;
	private final CurrentUser user;
	private final FindingService findings;
	private final MessageSource messages;

	SurveyPageController(QuestionnaireService questionnaires, ResponseImport imports, AnalysisService analysis,
			OrgDirectory org, CurrentUser user, FindingService findings, MessageSource messages) {
		this.findings = findings;
		this.questionnaires = questionnaires;
		this.imports = imports;
		this.analysis = analysis;
		this.orgs = org;
		this.user = user;
		this.messages = messages;
	}

	@GetMapping("/surveys")
	String list(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size, Model model,
			HttpServletRequest request) {
		model.addAttribute("result", questionnaires.list(PageRequest.of(page, size)));
		model.addAttribute("canDesign", user.has(Permission.SURVEY_DESIGN));
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", List.of());
		}
		return Htmx.view(request, "surveys/list", "results");
	}

	@PostMapping("/surveys/xlsform")
	String upload(@RequestParam(name = "file", required = false) MultipartFile file,
			@RequestParam(required = false) String region, Model model, HttpServletRequest request,
			RedirectAttributes redirect) throws IOException {
		List<String> errors = new ArrayList<>();
		Locale locale = LocaleContextHolder.getLocale();
		if (file == null || file.isEmpty()) {
			errors.add(messages.getMessage("surveys.file.empty", null, locale));
		}
		else {
			try (InputStream in = file.getInputStream()) {
				long id = questionnaires.create(in, region, null);
				redirect.addFlashAttribute("flash", "surveys.page.created");
				return "redirect:/surveys/" + id;
			}
			catch (XlsformException e) {
				e.problems().forEach(p -> errors.add(p.sheet() + (p.row() > 0 ? " " + p.row() : "")
						+ (p.column() == null ? "" : " " + p.column()) + ": "
						+ messages.getMessage(p.message(), p.args().toArray(), p.message(), locale)));
			}
			catch (InvalidInputException e) {
				e.errors().forEach(f -> errors.add(messages.getMessage(f.message(), null, f.message(), locale)));
			}
		}
		model.addAttribute("errors", errors);
		model.addAttribute("region", region);
		return list(null, null, model, request);
	}

	@PostMapping("/surveys/{id}/imports")
	String importResponses(@PathVariable long id, @RequestParam(name = "file", required = false) MultipartFile file,
			RedirectAttributes redirect) throws IOException {
		if (file == null || file.isEmpty()) {
			questionnaires.get(id);
			redirect.addFlashAttribute("importError", "surveys.file.empty");
			return "redirect:/surveys/" + id;
		}
		try (InputStream in = file.getInputStream()) {
			return "redirect:/jobs/" + imports.submit(id, file.getOriginalFilename(), in).id();
		}
	}

	@GetMapping("/surveys/{id}")
	String analysis(@PathVariable long id, @RequestParam(required = false) RegionLevel level,
			@RequestParam(required = false) String region, @RequestParam(required = false) String role,
			@RequestParam(required = false) String row, @RequestParam(required = false) String col, Model model,
			Locale locale) {
		Questionnaire q = questionnaires.get(id);
		Form form = questionnaires.form(id, null);
		Filter filter = new Filter(blank(region), blank(role));
		RegionLevel shown = level == null ? RegionLevel.CITY : level;
		var summary = analysis.summary(id, shown, filter);
		var statistics = analysis.statistics(id, filter);
		RegionLevel below = shown.ordinal() + 1 < RegionLevel.values().length - 1 ? RegionLevel.values()[shown.ordinal() + 1]
				: null;
		List<SurveyRegionRow> regions = new ArrayList<>();
		summary.byRegion().forEach((code, n) -> regions.add(new SurveyRegionRow(code,
				orgs.region(code).map(r -> r.name()).orElse(code), n,
				below == null ? null : "/surveys/" + id + "?level=" + below + "&region=" + code
						+ (filter.role() == null ? "" : "&role=" + filter.role()))));
		Map<String, Long> byRole = new LinkedHashMap<>();
		summary.byRole().forEach((r, n) -> byRole.put(r, n));
		List<SurveyQuestionOption> closed = new ArrayList<>();
		for (Section s : form.sections()) {
			for (Question x : s.questions()) {
				if (x.type() == QuestionType.SINGLE || x.type() == QuestionType.MULTIPLE || x.type() == QuestionType.SCALE
						|| x.type() == QuestionType.RANKING) {
					closed.add(new SurveyQuestionOption(x.name(), x.label().in(locale)));
				}
			}
		}
		model.addAttribute("q", q);
		model.addAttribute("title", form.title().in(locale));
		model.addAttribute("summary", summary);
		model.addAttribute("byRole", byRole);
		model.addAttribute("regions", regions);
		model.addAttribute("level", shown);
		model.addAttribute("region", filter.region());
		model.addAttribute("regionName", filter.region() == null ? null
				: orgs.region(filter.region()).map(r -> r.name()).orElse(filter.region()));
		model.addAttribute("role", filter.role());
		model.addAttribute("roles", RespondentRole.values());
		model.addAttribute("levels", List.of(RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY, RegionLevel.TOWNSHIP));
		model.addAttribute("statistics", statistics);
		model.addAttribute("closed", closed);
		model.addAttribute("canImport", user.has(Permission.SURVEY_IMPORT));
		model.addAttribute("row", row);
		model.addAttribute("col", col);
		if (row != null && !row.isBlank() && col != null && !col.isBlank()) {
			model.addAttribute("crosstab", analysis.crosstab(id, row, col, shown, filter));
		}
		List<Map<String, Object>> charts = new ArrayList<>();
		statistics.questions().forEach(s -> {
			Map<String, Object> c = new LinkedHashMap<>();
			c.put("id", "chart-" + s.name());
			c.put("labels", s.counts().stream().map(v -> v.label() == null ? v.value() : v.label().in(locale)).toList());
			c.put("counts", s.counts().stream().map(v -> v.count()).toList());
			charts.add(c);
		});
		model.addAttribute("chartJson", JSON.writeValueAsString(charts));
		return "surveys/analysis";
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

	/** A question's ranked problems on the findings page. */
	record SurveyRankedQuestion(String name, String label, String measure, long responses, List<AnalysisService.Ranked> items) {
	}

	@GetMapping("/surveys/{id}/findings")
	String findings(@PathVariable long id, @RequestParam(required = false) String region, Model model, Locale locale) {
		Questionnaire q = questionnaires.get(id);
		Form form = questionnaires.form(id, null);
		Filter filter = new Filter(blank(region), null);
		List<SurveyRankedQuestion> ranked = new ArrayList<>();
		for (Section s : form.sections()) {
			for (Question x : s.questions()) {
				if (x.type() == QuestionType.SINGLE || x.type() == QuestionType.MULTIPLE || x.type() == QuestionType.RANKING) {
					var r = analysis.ranking(id, x.name(), filter);
					ranked.add(new SurveyRankedQuestion(x.name(), x.label().in(locale),
							x.type() == QuestionType.RANKING ? "points" : "count", r.responses(), r.items()));
				}
			}
		}
		model.addAttribute("q", q);
		model.addAttribute("title", form.title().in(locale));
		model.addAttribute("region", filter.region());
		model.addAttribute("ranked", ranked);
		model.addAttribute("findings", findings.list(id));
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", List.of());
		}
		return "surveys/findings";
	}

	@PostMapping("/surveys/{id}/findings")
	String mark(@PathVariable long id, @RequestParam(required = false) String question,
			@RequestParam(required = false) String choice, @RequestParam(required = false) String region,
			@RequestParam(required = false) String title, Model model, Locale locale, RedirectAttributes redirect) {
		try {
			findings.mark(id, question, choice, region, title, locale);
		}
		catch (InvalidInputException e) {
			List<String> errors = new ArrayList<>();
			e.errors().forEach(f -> errors.add(messages.getMessage(f.message(), null, f.message(), locale)));
			model.addAttribute("errors", errors);
			return findings(id, region, model, locale);
		}
		redirect.addFlashAttribute("flash", "surveys.finding.marked");
		return "redirect:/surveys/" + id + "/findings" + (blank(region) == null ? "" : "?region=" + blank(region));
	}
}
