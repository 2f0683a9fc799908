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
import cn.grassroots.platform.NotFoundException;
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

	/** {@code topic}: marked as a seminar topic (by {@code markedBy} at {@code markedAt}). */
	public record Finding(long id, long questionnaireId, String question, String choice, String title, long regionCode,
			String measure, long figure, long responses, String createdBy, Instant createdAt, boolean topic, String markedBy,
			Instant markedAt) {
	}

	private static final String COLUMNS = "f.id, f.questionnaire_id, f.question, f.choice, f.title, f.region_code, f.measure, "
			+ "f.figure, f.responses, f.created_by, f.created_at, f.topic, f.marked_by, f.marked_at";

	private static Finding map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		java.time.OffsetDateTime marked = rs.getObject(14, java.time.OffsetDateTime.class);
		return new Finding(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6),
				rs.getString(7), rs.getLong(8), rs.getLong(9), rs.getString(10),
				rs.getObject(11, java.time.OffsetDateTime.class).toInstant(), rs.getBoolean(12), rs.getString(13),
				marked == null ? null : marked.toInstant());
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
		return jdbc.sql("SELECT " + COLUMNS + " FROM survey_finding f WHERE f.questionnaire_id = :q AND " + condition.sql()
				+ " ORDER BY f.id DESC")
			.params(params)
			.query(FindingService::map)
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
		Finding f = create(questionnaireId, question, choice, regionText, title, locale);
		return markAsTopic(questionnaireId, f.id());
	}

	/**
	 * Records a finding — a choice of a closed question with its count (points for a ranking) among a
	 * region's responses — without marking it as a topic yet. Scoped and validated as {@link #mark}.
	 */
	@Transactional
	public Finding create(long questionnaireId, String question, String choice, String regionText, String title,
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
				+ "responses, created_by, created_at, topic) VALUES (:q, :question, :choice, :title, :region, :measure, :figure, "
				+ ":responses, :by, :at, FALSE)")
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
		audit.action("SURVEY_FINDING_CREATE").target("survey_finding", id).region(region).after(after).record();
		return new Finding(id, questionnaireId, ranking.question(), item.value(), text, region, points ? "POINTS" : "COUNT",
				figure, ranking.responses(), user.username(), now, false, null, null);
	}

	/**
	 * Marks a recorded finding as a seminar topic: audited, and {@link FindingMarkedAsTopic} published in the
	 * same transaction. 404 for a finding of another questionnaire, 403 outside the caller's SURVEY_ANALYSE
	 * scope; marking a topic again changes nothing and publishes nothing.
	 */
	@Transactional
	public Finding markAsTopic(long questionnaireId, long findingId) {
		questionnaires.get(questionnaireId);
		Finding f = jdbc.sql("SELECT " + COLUMNS + " FROM survey_finding f WHERE f.id = :id AND f.questionnaire_id = :q FOR UPDATE")
			.param("id", findingId).param("q", questionnaireId)
			.query(FindingService::map)
			.optional()
			.orElseThrow(() -> new NotFoundException("no finding " + findingId + " of questionnaire " + questionnaireId));
		user.requireRegion(Permission.SURVEY_ANALYSE, f.regionCode());
		if (f.topic()) {
			return f;
		}
		Instant now = Instant.now();
		jdbc.sql("UPDATE survey_finding SET topic = TRUE, marked_by = :by, marked_at = :at WHERE id = :id AND topic = FALSE")
			.param("by", user.username()).param("at", java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC))
			.param("id", findingId)
			.update();
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("questionnaire", questionnaireId);
		after.put("question", f.question());
		after.put("choice", f.choice());
		after.put("title", f.title());
		after.put("region", Long.toString(f.regionCode()));
		after.put("POINTS".equals(f.measure()) ? "points" : "count", f.figure());
		after.put("topic", true);
		audit.action("SURVEY_FINDING_MARK").target("survey_finding", findingId).region(f.regionCode())
			.before(Map.of("topic", false)).after(after).record();
		events.publishEvent(new FindingMarkedAsTopic(findingId, questionnaireId, f.title(), f.regionCode()));
		return new Finding(f.id(), f.questionnaireId(), f.question(), f.choice(), f.title(), f.regionCode(), f.measure(),
				f.figure(), f.responses(), f.createdBy(), f.createdAt(), true, user.username(), now);
	}
}
