package cn.grassroots.training.internal;

import java.time.Instant;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;

import cn.grassroots.platform.Sql;
import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.ScopeFilter;
import cn.grassroots.surveys.FindingMarkedAsTopic;

/**
 * The module's own copy of every survey finding marked as a seminar topic, kept from the surveys
 * module's event, so a seminar can offer them as topics without asking surveys. A finding is kept
 * once, however often the event is delivered.
 */
@Service
public class SeminarTopics {

	public record Topic(long findingId, long questionnaireId, String title, long regionCode, Instant receivedAt) {
	}

	private final JdbcClient jdbc;
	private final TrainingAccess access;

	SeminarTopics(JdbcClient jdbc, TrainingAccess access) {
		this.jdbc = jdbc;
		this.access = access;
	}

	@ApplicationModuleListener
	void on(FindingMarkedAsTopic event) {
		boolean known = jdbc.sql("SELECT COUNT(*) FROM training_topic_candidate WHERE finding_id = :f")
			.param("f", event.findingId()).query(Long.class).single() > 0;
		if (known) {
			return;
		}
		String title = event.title() == null || event.title().isBlank() ? "—" : event.title().strip();
		try {
			jdbc.sql("""
					INSERT INTO training_topic_candidate (finding_id, questionnaire_id, title, region_code, received_at)
					VALUES (:f, :q, :t, :r, :now)""")
				.param("f", event.findingId()).param("q", event.questionnaireId())
				.param("t", title.length() > 500 ? title.substring(0, 500) : title).param("r", event.regionCode())
				.param("now", Sql.now()).update();
		}
		catch (DuplicateKeyException delivered) {
			// a concurrent delivery of the same event kept it already
		}
	}

	/** The topics whose region is in the caller's TRAINING_READ scope, newest first. */
	public List<Topic> list() {
		AccessScope scope = access.readScope();
		ScopeFilter.Condition c = ScopeFilter.onRegion("t.region_code").prefix("topic").condition(scope);
		return jdbc.sql("SELECT t.finding_id, t.questionnaire_id, t.title, t.region_code, t.received_at"
				+ " FROM training_topic_candidate t WHERE " + c.sql() + " ORDER BY t.received_at DESC, t.finding_id DESC LIMIT 500")
			.params(c.params())
			.query((rs, n) -> new Topic(rs.getLong("finding_id"), rs.getLong("questionnaire_id"), rs.getString("title"),
					rs.getLong("region_code"), Sql.instant(rs, "received_at")))
			.list();
	}
}
