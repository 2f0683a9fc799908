package cn.grassroots.surveys.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.grassroots.org.RegionLevel;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.surveys.internal.AnalysisService.Filter;
import cn.grassroots.surveys.internal.AnalysisWorkbook;
import cn.grassroots.surveys.internal.FindingService;
import cn.grassroots.surveys.internal.ResponseExport;
import cn.grassroots.surveys.internal.TermDictionary;
import cn.grassroots.surveys.internal.TextAnalysisService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * What comes out of a survey: response exports (background jobs), the analysis tables as XLSX, the
 * open-text analysis and its governance dictionary, and findings marked as seminar topics. All within
 * the caller's SURVEY_ANALYSE scope; the dictionary is changed with SURVEY_DESIGN.
 */
@RestController
@RequestMapping("/api/v1/surveys")
@Tag(name = "surveys", description = "问卷 — questionnaires (XLSForm), answers, analysis")
class SurveyResultsApiController {

	record SurveyJobStarted(long jobId) {
	}

	record SurveyFindingBody(long id, long questionnaireId, String question, String choice, String title, String regionCode,
			String measure, long figure, long responses, String createdBy, Instant createdAt, boolean topic, String markedBy,
			Instant markedAt) {

		static SurveyFindingBody of(FindingService.Finding f) {
			return new SurveyFindingBody(f.id(), f.questionnaireId(), f.question(), f.choice(), f.title(),
					Long.toString(f.regionCode()), f.measure(), f.figure(), f.responses(), f.createdBy(), f.createdAt(),
					f.topic(), f.markedBy(), f.markedAt());
		}
	}

	/** A new finding: a choice of a closed question in a region (default the questionnaire's); {@code topic} marks it at once. */
	record SurveyNewFindingBody(String question, String choice, String region, String title, Boolean topic) {
	}

	record SurveyNewTermBody(String term) {
	}

	private final ResponseExport exports;
	private final AnalysisWorkbook workbook;
	private final TextAnalysisService texts;
	private final TermDictionary dictionary;
	private final FindingService findings;

	SurveyResultsApiController(ResponseExport exports, AnalysisWorkbook workbook, TextAnalysisService texts,
			TermDictionary dictionary, FindingService findings) {
		this.exports = exports;
		this.workbook = workbook;
		this.texts = texts;
		this.dictionary = dictionary;
		this.findings = findings;
	}

	@PostMapping("/{id}/exports")
	@Operation(summary = "Exports the responses in scope as CSV (default) or XLSX (format=csv|xlsx), in the import's columns. "
			+ "A background job: 202 {\"jobId\"}; GET /api/v1/jobs/{jobId} gives progress and, when done, resultUrl")
	ResponseEntity<SurveyJobStarted> export(@PathVariable long id, @RequestParam(required = false) String format) {
		long jobId = exports.submit(id, format).id();
		return ResponseEntity.accepted().location(URI.create("/api/v1/jobs/" + jobId)).body(new SurveyJobStarted(jobId));
	}

	@GetMapping("/{id}/analysis.xlsx")
	@Operation(summary = "The analysis tables as XLSX: summary by role and region, every question's counts and shares, "
			+ "rankings, and the cross-tab of row × col when given; filters as the analysis endpoints")
	ResponseEntity<byte[]> analysisXlsx(@PathVariable long id, @RequestParam(required = false) RegionLevel level,
			@RequestParam(required = false) String region, @RequestParam(required = false) String role,
			@RequestParam(required = false) String row, @RequestParam(required = false) String col) throws IOException {
		Locale locale = LocaleContextHolder.getLocale();
		byte[] body = workbook.write(id, level, new Filter(region, role), row, col, locale);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(ResponseExport.XLSX_TYPE))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("survey-" + id + "-analysis.xlsx", StandardCharsets.UTF_8).build()
						.toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(body);
	}

	@PostMapping("/{id}/text-analysis")
	@Operation(summary = "Analyses the open answers of a region (default: the questionnaire's, or the caller's own): "
			+ "segmentation with the governance dictionary, distinctive terms per role and per region. 202 {\"jobId\"}")
	ResponseEntity<SurveyJobStarted> analyseTexts(@PathVariable long id, @RequestParam(required = false) String region) {
		long jobId = texts.submit(id, region).id();
		return ResponseEntity.accepted().location(URI.create("/api/v1/jobs/" + jobId)).body(new SurveyJobStarted(jobId));
	}

	@GetMapping("/{id}/text-analysis")
	@Operation(summary = "The latest open-text analysis of the region: per text question the most used terms and, per "
			+ "respondent role and region, the distinctive terms (log-odds z ≥ 1.96) with representative answers; 404 before one ran")
	TextAnalysisService.TextAnalysis textAnalysis(@PathVariable long id, @RequestParam(required = false) String region) {
		return texts.latest(id, region).orElseThrow(() -> new NotFoundException("no text analysis yet"));
	}

	@GetMapping("/terms")
	@Operation(summary = "The governance dictionary the open-text analysis keeps whole (网格员, 吹哨报到, 接诉即办, …)")
	List<TermDictionary.DictionaryTerm> terms() {
		return dictionary.list();
	}

	@PostMapping("/terms")
	@Operation(summary = "Adds a term to the governance dictionary (SURVEY_DESIGN; 2–32 letters or digits); 201")
	ResponseEntity<TermDictionary.DictionaryTerm> addTerm(@RequestBody SurveyNewTermBody body) {
		var term = dictionary.add(body == null ? null : body.term());
		return ResponseEntity.created(URI.create("/api/v1/surveys/terms/" + term.id())).body(term);
	}

	@DeleteMapping("/terms/{termId}")
	@Operation(summary = "Removes a term from the governance dictionary (SURVEY_DESIGN); 204")
	ResponseEntity<Void> removeTerm(@PathVariable long termId) {
		dictionary.remove(termId);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/{id}/findings")
	@Operation(summary = "The findings of a questionnaire in regions within the caller's scope, newest first")
	List<SurveyFindingBody> findings(@PathVariable long id) {
		return findings.list(id).stream().map(SurveyFindingBody::of).toList();
	}

	@PostMapping("/{id}/findings")
	@Operation(summary = "Records a finding: a choice of a closed question with its count (3-2-1 points for a ranking) in a "
			+ "region; topic=true marks it as a seminar topic at once. 201")
	ResponseEntity<SurveyFindingBody> createFinding(@PathVariable long id, @RequestBody SurveyNewFindingBody body) {
		Locale locale = LocaleContextHolder.getLocale();
		SurveyNewFindingBody b = body == null ? new SurveyNewFindingBody(null, null, null, null, null) : body;
		FindingService.Finding f = Boolean.TRUE.equals(b.topic())
				? findings.mark(id, b.question(), b.choice(), b.region(), b.title(), locale)
				: findings.create(id, b.question(), b.choice(), b.region(), b.title(), locale);
		return ResponseEntity.created(URI.create("/api/v1/surveys/" + id + "/findings/" + f.id())).body(SurveyFindingBody.of(f));
	}

	@PostMapping("/{id}/findings/{findingId}/topic")
	@Operation(summary = "Marks a finding as a seminar topic: audited and published as FindingMarkedAsTopic for training; "
			+ "marking it again changes nothing")
	SurveyFindingBody markAsTopic(@PathVariable long id, @PathVariable long findingId) {
		return SurveyFindingBody.of(findings.markAsTopic(id, findingId));
	}
}
