package cn.grassroots.surveys.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.grassroots.org.RegionLevel;
import cn.grassroots.surveys.internal.AnalysisService;
import cn.grassroots.surveys.internal.AnalysisService.Filter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The analysis of a questionnaire's responses, always within the caller's SURVEY_ANALYSE scope:
 * a city officer's figures count only their city's responses. {@code region} narrows to a region
 * (drill-down), {@code role} to one respondent role.
 */
@RestController
@RequestMapping("/api/v1/surveys/{id}")
@Tag(name = "surveys", description = "问卷 — questionnaires (XLSForm), answers, analysis")
class AnalysisApiController {

	record SummaryBody(long responses, String level, Map<String, Long> byRole, Map<String, Long> byRegion) {
	}

	record CountBody(String value, String label, long count, double share) {
	}

	record QuestionStatisticsBody(String name, String type, String label, long answered, List<CountBody> counts, Double mean,
			Double min, Double max) {
	}

	record StatisticsBody(long responses, List<QuestionStatisticsBody> questions) {
	}

	record CrosstabBody(String row, String col, List<String> rows, List<String> rowLabels, List<String> cols,
			List<String> colLabels, long[][] counts) {
	}

	record RankedBody(String value, String label, long count, long points, long first) {
	}

	record RankingBody(String question, String type, long responses, String measure, List<RankedBody> items) {
	}

	private final AnalysisService analysis;

	AnalysisApiController(AnalysisService analysis) {
		this.analysis = analysis;
	}

	private static String text(cn.grassroots.surveys.internal.Label l) {
		Locale locale = LocaleContextHolder.getLocale();
		return l == null ? null : l.in(locale);
	}

	private static Double number(java.math.BigDecimal b) {
		return b == null ? null : b.doubleValue();
	}

	@GetMapping("/summary")
	@Operation(summary = "Responses in scope, by respondent role and by region at a level (default CITY)")
	SummaryBody summary(@PathVariable long id, @RequestParam(required = false) RegionLevel level,
			@Parameter(description = "a region (short or 12-digit code) to drill into") @RequestParam(required = false) String region,
			@RequestParam(required = false) String role) {
		var s = analysis.summary(id, level, new Filter(region, role));
		return new SummaryBody(s.responses(), s.level().name(), s.byRole(), s.byRegion());
	}

	@GetMapping("/statistics")
	@Operation(summary = "Every closed and numeric question's counts and shares (shares of those who answered), with the "
			+ "mean of scales and numbers")
	StatisticsBody statistics(@PathVariable long id, @RequestParam(required = false) String region,
			@RequestParam(required = false) String role) {
		var s = analysis.statistics(id, new Filter(region, role));
		return new StatisticsBody(s.responses(), s.questions().stream()
			.map(q -> new QuestionStatisticsBody(q.name(), q.type().name(), text(q.label()), q.answered(),
					q.counts().stream().map(c -> new CountBody(c.value(), text(c.label()), c.count(), c.share())).toList(),
					number(q.mean()), number(q.min()), number(q.max())))
			.toList());
	}

	@GetMapping("/crosstab")
	@Operation(summary = "Responses by the values of two closed questions, or a closed question by role or by region "
			+ "(col=role, col=region with level)")
	CrosstabBody crosstab(@PathVariable long id, @RequestParam String row, @RequestParam String col,
			@RequestParam(required = false) RegionLevel level, @RequestParam(required = false) String region,
			@RequestParam(required = false) String role) {
		var c = analysis.crosstab(id, row, col, level, new Filter(region, role));
		return new CrosstabBody(c.row(), c.col(), c.rows(), c.rowLabels().stream().map(AnalysisApiController::text).toList(),
				c.cols(), c.colLabels().stream().map(AnalysisApiController::text).toList(), c.counts());
	}

	@GetMapping("/ranking")
	@Operation(summary = "Ranked problems: a ranking's choices by 3-2-1 points, a multiple or single choice by count")
	RankingBody ranking(@PathVariable long id, @RequestParam String question, @RequestParam(required = false) String region,
			@RequestParam(required = false) String role) {
		var r = analysis.ranking(id, question, new Filter(region, role));
		return new RankingBody(r.question(), r.type().name(), r.responses(),
				r.type() == cn.grassroots.surveys.internal.QuestionType.RANKING ? "points" : "count",
				r.items().stream().map(i -> new RankedBody(i.value(), text(i.label()), i.count(), i.points(), i.first())).toList());
	}
}
