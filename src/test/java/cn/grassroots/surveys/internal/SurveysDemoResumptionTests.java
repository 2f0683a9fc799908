package cn.grassroots.surveys.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.grassroots.IntegrationTest;

/**
 * A restart in the middle of the demo's background load finishes it: the responses a restart found missing
 * are added — the same ones, in the same order — and none is written twice; a second start adds nothing.
 */
@IntegrationTest
class SurveysDemoResumptionTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SurveysDemoData demo;

	long id() throws InterruptedException {
		for (int i = 0; i < 600; i++) {
			var id = jdbc.sql("SELECT id FROM survey_questionnaire WHERE form_id = :f").param("f", SurveysDemoData.FORM_ID)
				.query(Long.class).optional();
			if (id.isPresent() && count(id.get()) == SurveysDemoData.RESPONSES) {
				return id.get();
			}
			Thread.sleep(100);
		}
		throw new AssertionError("the demo did not load");
	}

	/** The surveys demo's own responses (source DEMO; the distribution demo adds named online answers besides). */
	long count(long id) {
		return jdbc.sql("SELECT COUNT(*) FROM survey_response WHERE questionnaire_id = :q AND source = 'DEMO'").param("q", id)
			.query(Long.class).single();
	}

	/** What the responses are, whatever their ids: count, regions, roles, answers, times. */
	List<Object> fingerprint(long id) {
		return jdbc.sql("""
				SELECT COUNT(*), SUM(region_code), COUNT(DISTINCT closed), MIN(submitted_at), MAX(submitted_at),
				       SUM(CASE WHEN role = 'GRID_WORKER' THEN 1 ELSE 0 END), SUM(LENGTH(closed) + LENGTH(COALESCE(open_answers, '')))
				FROM survey_response WHERE questionnaire_id = :q AND source = 'DEMO'""").param("q", id).query().singleRow().values().stream()
			.map(v -> v instanceof Number n ? (Object) n.longValue() : (Object) String.valueOf(v)).toList();
	}

	@Test
	void aLoadCutShortByARestartIsFinishedNotRepeated() throws Exception {
		long id = id();
		List<Object> whole = fingerprint(id);
		// a restart after 14,000: the last three batches of 2,000 never committed
		long cut = jdbc.sql("SELECT id FROM survey_response WHERE questionnaire_id = :q AND source = 'DEMO' ORDER BY id "
				+ "OFFSET 14000 ROWS FETCH FIRST 1 ROWS ONLY").param("q", id).query(Long.class).single();
		jdbc.sql("DELETE FROM survey_response WHERE questionnaire_id = :q AND source = 'DEMO' AND id >= :cut").param("q", id)
			.param("cut", cut).update();
		assertThat(count(id)).isEqualTo(14_000);

		demo.run(new DefaultApplicationArguments());
		for (int i = 0; i < 600 && count(id) < SurveysDemoData.RESPONSES; i++) {
			Thread.sleep(100);
		}
		assertThat(fingerprint(id)).isEqualTo(whole);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM survey_questionnaire WHERE form_id = :f").param("f", SurveysDemoData.FORM_ID)
			.query(Long.class).single()).isEqualTo(1);

		// started again with everything there: nothing is added
		demo.run(new DefaultApplicationArguments());
		Thread.sleep(500);
		assertThat(count(id)).isEqualTo(SurveysDemoData.RESPONSES);
	}
}
