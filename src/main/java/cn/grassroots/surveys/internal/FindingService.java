package cn.grassroots.surveys.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;
import cn.grassroots.platform.security.ScopeFilter;
import cn.grassroots.surveys.FindingMarkedAsTopic;

/**
 * Findings: a problem of a closed question (a choice with its count, or its 3-2-1 points for a ranking)
 * in a region, marked by an officer as a seminar topic. Marking is audited and publishes
 * {@link FindingMarkedAsTopic} in the same transaction, for training to offer as a topic.
 */
@Service
public class FindingService {

	public record Finding(long id, long questionnaireId, String question, String choice, String title, long regionCode,
			String measure, long figure, long responses, String createdBy, Instant createdAt) {
	}

	private static final ScopeFilter SCOPE = ScopeFilter.onRegion("f.region_code").prefix("fnd");

	private final JdbcClient jdbc;
	private final QuestionnaireService questionnaires;
	private final AnalysisService analysis;
	private final CurrentUser user;
	private final AuditLog audit;
	private final ApplicationEventPublisher events;

	FindingService(JdbcClient jdbc, QuestionnaireService questionnaires, AnalysisService analysis, CurrentUser user,
			AuditLog audit, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.questionnaires = questionnaires;
		this.analysis = analysis;
		this.user = user;
		this.audit = audit;
		this.events = events;
	}

	/** The findings of a questionnaire whose region lies in the caller's SURVEY_ANALYSE scope, newest first. */
	public List<Finding> list(long questionnaireId) {
		questionnaires.get(questionnaireId);
		AccessScope scope = user.require(Permission.SURVEY_ANALYSE);
		ScopeFilter.Condition condition = SCOPE.condition(scope);
		Map<String, Object> params = new HashMap<>(condition.params());
		params.put("q", questionnaireId);
		return jdbc.sql("SELECT f.id, f.questionnaire_id, f.question, f.choice, f.title, f.region_code, f.measure, f.figure, "
				+ "f.responses, f.created_by, f.created_at FROM survey_finding f WHERE f.questionnaire_id = :q AND "
				+ condition.sql() + " ORDER BY f.id DESC")
			.params(params)
			.query((rs, n) -> new Finding(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
					rs.getLong(6), rs.getString(7), rs.getLong(8), rs.getLong(9), rs.getString(10),
					rs.getObject(11, java.time.OffsetDateTime.class).toInstant()))
			.list();
	}

	/**
	 * Marks a choice of a closed question as a seminar topic for a region (default: the questionnaire's region);
	 * the figure is its count (points for a ranking) among the region's responses. 403 outside the caller's
	 * SURVEY_ANALYSE scope; 400 for an unknown question or choice; nothing stored then.
	 */
	@Transactional
	public Finding mark(long questionnaireId, String question, String choice, String regionText, String title,
			Locale locale) {
		Questionnaire q = questionnaires.get(questionnaireId);
		Long region;
		if (regionText != null && !regionText.isBlank()) {
			region = questionnaires.regionCode(regionText)
				.orElseThrow(() -> InvalidInputException.of("region", "surveys.region.unknown"));
		}
		else {
			region = q.regionCode();
		}
		if (region == null) {
			throw InvalidInputException.of("region", "surveys.finding.regionRequired");
		}
		user.requireRegion(Permission.SURVEY_ANALYSE, region);
		if (question == null || question.isBlank()) {
			throw InvalidInputException.of("question", "surveys.finding.questionRequired");
		}
		AnalysisService.Ranking ranking = analysis.ranking(questionnaireId, question.strip(),
				new AnalysisService.Filter(Long.toString(region), null));
		AnalysisService.Ranked item = ranking.items().stream().filter(i -> i.value().equals(choice)).findFirst()
			.orElseThrow(() -> InvalidInputException.of("choice", "surveys.finding.choiceUnknown"));
		boolean points = ranking.type() == QuestionType.RANKING;
		long figure = points ? item.points() : item.count();
		String text = title == null || title.isBlank() ? (item.label() == null ? item.value() : item.label().in(locale))
				: title.strip();
		if (text.length() > 200) {
			throw InvalidInputException.of("title", "surveys.finding.titleTooLong");
		}
		KeyHolder keys = new GeneratedKeyHolder();
		Instant now = Instant.now();
		jdbc.sql("INSERT INTO survey_finding (questionnaire_id, question, choice, title, region_code, measure, figure, "
				+ "responses, created_by, created_at) VALUES (:q, :question, :choice, :title, :region, :measure, :figure, "
				+ ":responses, :by, :at)")
			.param("q", questionnaireId).param("question", ranking.question()).param("choice", item.value())
			.param("title", text).param("region", region).param("measure", points ? "POINTS" : "COUNT")
			.param("figure", figure).param("responses", ranking.responses()).param("by", user.username())
			.param("at", java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC))
			.update(keys, "id");
		long id = keys.getKey().longValue();
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("questionnaire", questionnaireId);
		after.put("question", ranking.question());
		after.put("choice", item.value());
		after.put("title", text);
		after.put("region", Long.toString(region));
		after.put(points ? "points" : "count", figure);
		audit.action("SURVEY_FINDING_MARK").target("survey_finding", id).region(region).after(after).record();
		events.publishEvent(new FindingMarkedAsTopic(id, questionnaireId, text, region));
		return new Finding(id, questionnaireId, ranking.question(), item.value(), text, region, points ? "POINTS" : "COUNT",
				figure, ranking.responses(), user.username(), now);
	}
}
