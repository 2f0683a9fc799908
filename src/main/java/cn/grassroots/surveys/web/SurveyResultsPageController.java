package cn.grassroots.surveys.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.RegionLevel;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;
import cn.grassroots.surveys.internal.AnalysisService.Filter;
import cn.grassroots.surveys.internal.AnalysisWorkbook;
import cn.grassroots.surveys.internal.QuestionnaireService;
import cn.grassroots.surveys.internal.ResponseExport;
import cn.grassroots.surveys.internal.TermDictionary;
import cn.grassroots.surveys.internal.TextAnalysisService;
import tools.jackson.databind.json.JsonMapper;

/**
 * The surveys' output pages: the open-text analysis of a questionnaire (terms chart, distinctive terms
 * per role and region with representative answers, a button that runs it again in the background),
 * response exports and the analysis tables as XLSX, and the governance dictionary. Everything goes
 * through the same services as the API, so scope and audit are the API's.
 */
@Controller
class SurveyResultsPageController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final QuestionnaireService questionnaires;
	private final TextAnalysisService texts;
	private final ResponseExport exports;
	private final AnalysisWorkbook workbook;
	private final TermDictionary dictionary;
	private final OrgDirectory orgs;
	private final CurrentUser user;
	private final MessageSource messages;

	SurveyResultsPageController(QuestionnaireService questionnaires, TextAnalysisService texts, ResponseExport exports,
			AnalysisWorkbook workbook, TermDictionary dictionary, OrgDirectory orgs, CurrentUser user, MessageSource messages) {
		this.questionnaires = questionnaires;
		this.texts = texts;
		this.exports = exports;
		this.workbook = workbook;
		this.dictionary = dictionary;
		this.orgs = orgs;
		this.user = user;
		this.messages = messages;
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

	@GetMapping("/surveys/{id}/texts")
	String texts(@PathVariable long id, @RequestParam(required = false) String region, Model model, Locale locale) {
		var q = questionnaires.get(id);
		var form = questionnaires.form(id, null);
		Long analysed = texts.regionFor(id, blank(region));
		var result = texts.latest(id, analysed == null ? null : Long.toString(analysed)).orElse(null);
		model.addAttribute("q", q);
		model.addAttribute("title", form.title().in(locale));
		model.addAttribute("region", analysed == null ? null : Long.toString(analysed));
		model.addAttribute("regionName", analysed == null ? null : orgs.region(analysed).map(r -> r.name()).orElse(null));
		model.addAttribute("result", result);
		model.addAttribute("analysedAt", result == null ? null
				: java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
					.format(result.createdAt().atZone(java.time.ZoneId.of("Asia/Shanghai"))));
		List<Map<String, Object>> charts = new ArrayList<>();
		if (result != null) {
			result.questions().forEach(x -> {
				Map<String, Object> c = new LinkedHashMap<>();
				c.put("id", "terms-" + x.name());
				c.put("labels", x.terms().stream().map(TextAnalysisService.TermFigure::term).toList());
				c.put("counts", x.terms().stream().map(TextAnalysisService.TermFigure::count).toList());
				charts.add(c);
			});
		}
		model.addAttribute("chartJson", JSON.writeValueAsString(charts));
		return "surveys/texts";
	}

	@PostMapping("/surveys/{id}/texts")
	String analyseTexts(@PathVariable long id, @RequestParam(required = false) String region) {
		return "redirect:/jobs/" + texts.submit(id, blank(region)).id();
	}

	@PostMapping("/surveys/{id}/exports")
	String export(@PathVariable long id, @RequestParam(required = false) String format) {
		return "redirect:/jobs/" + exports.submit(id, format).id();
	}

	@GetMapping("/surveys/{id}/analysis.xlsx")
	ResponseEntity<byte[]> tables(@PathVariable long id, @RequestParam(required = false) RegionLevel level,
			@RequestParam(required = false) String region, @RequestParam(required = false) String role,
			@RequestParam(required = false) String row, @RequestParam(required = false) String col, Locale locale)
			throws IOException {
		byte[] body = workbook.write(id, level, new Filter(blank(region), blank(role)), blank(row), blank(col), locale);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(ResponseExport.XLSX_TYPE))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("survey-" + id + "-analysis.xlsx", StandardCharsets.UTF_8).build()
						.toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(body);
	}

	@GetMapping("/surveys/terms")
	String terms(Model model) {
		model.addAttribute("terms", dictionary.list());
		model.addAttribute("canEdit", user.has(Permission.SURVEY_DESIGN));
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", List.of());
		}
		return "surveys/terms";
	}

	@PostMapping("/surveys/terms")
	String addTerm(@RequestParam(required = false) String term, Model model, Locale locale, RedirectAttributes redirect) {
		try {
			dictionary.add(term);
		}
		catch (InvalidInputException e) {
			List<String> errors = new ArrayList<>();
			e.errors().forEach(f -> errors.add(messages.getMessage(f.message(), null, f.message(), locale)));
			model.addAttribute("errors", errors);
			model.addAttribute("term", term);
			return terms(model);
		}
		redirect.addFlashAttribute("flash", "surveys.term.added");
		return "redirect:/surveys/terms";
	}

	@PostMapping("/surveys/terms/{termId}/delete")
	String removeTerm(@PathVariable long termId, RedirectAttributes redirect) {
		dictionary.remove(termId);
		redirect.addFlashAttribute("flash", "surveys.term.removed");
		return "redirect:/surveys/terms";
	}
}
