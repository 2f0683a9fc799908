package cn.grassroots.surveys;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;

/** The demo (tests run the demo profile): the pre-training questionnaire, whose 20,000 responses over
 * Heilongjiang arrive from a background thread right after start-up. */
@IntegrationTest
class SurveysDemoDataTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	java.util.Optional<Long> questionnaire() {
		return jdbc.sql("SELECT id FROM survey_questionnaire WHERE form_id = 'pretraining_2026'").query(Long.class).optional();
	}

	long responses(long id) {
		return jdbc.sql("SELECT COUNT(*) FROM survey_response WHERE questionnaire_id = :q").param("q", id).query(Long.class).single();
	}

	@Test
	void thePreTrainingQuestionnaireHasTwentyThousandResponsesOverHeilongjiang() throws Exception {
		// questionnaire and responses are written by a background thread right after start-up
		for (int i = 0; i < 600 && questionnaire().isEmpty(); i++) {
			Thread.sleep(100);
		}
		long id = questionnaire().orElseThrow();
		String detail = mvc.perform(get("/api/v1/surveys/" + id).with(as("hlj-admin"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		List<String> types = JsonPath.read(detail, "$.questions[*].type");
		long closed = types.stream().filter(t -> List.of("SINGLE", "MULTIPLE", "SCALE", "RANKING").contains(t)).count();
		assertThat(closed).isBetween(20L, 30L);
		assertThat(types.stream().filter(t -> t.equals("TEXT") || t.equals("LONG_TEXT")).count()).isEqualTo(2);

		for (int i = 0; i < 600 && responses(id) < 20_000; i++) {
			Thread.sleep(100);
		}
		String summary = mvc.perform(get("/api/v1/surveys/" + id + "/summary").with(as("hlj-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		// the 20,000 generated, and the named distribution's answers once the application is ready (DistributionDemoData)
		assertThat(((Number) JsonPath.read(summary, "$.responses")).longValue()).isBetween(20_000L, responses(id));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM survey_response WHERE questionnaire_id = :q AND source = 'DEMO'")
			.param("q", id).query(Long.class).single()).isEqualTo(20_000);
		Map<String, Integer> byRegion = JsonPath.read(summary, "$.byRegion");
		assertThat(byRegion.keySet()).allMatch(code -> code.startsWith("23")).hasSizeGreaterThan(1);
		Map<String, Integer> byRole = JsonPath.read(summary, "$.byRole");
		assertThat(byRole.get("GRID_WORKER")).isGreaterThan(byRole.get("STREET_SECRETARY"));

		// grid workers name the forms more often than secretaries do (the demo's planted difference)
		String crosstab = mvc.perform(get("/api/v1/surveys/" + id + "/crosstab").param("row", "problems").param("col", "role")
			.with(as("hlj-admin"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<String> rows = JsonPath.read(crosstab, "$.rows");
		List<String> cols = JsonPath.read(crosstab, "$.cols");
		List<List<Integer>> counts = JsonPath.read(crosstab, "$.counts");
		int forms = rows.indexOf("forms");
		double gridShare = counts.get(forms).get(cols.indexOf("GRID_WORKER")) / (double) byRole.get("GRID_WORKER");
		double secretaryShare = counts.get(forms).get(cols.indexOf("COMMUNITY_SECRETARY"))
				/ (double) byRole.get("COMMUNITY_SECRETARY");
		assertThat(gridShare).isGreaterThan(secretaryShare);

		String harbin = mvc.perform(get("/api/v1/surveys/" + id + "/summary").with(as("harbin-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(((Number) JsonPath.read(harbin, "$.responses")).intValue()).isPositive().isLessThan(20_000);
		mvc.perform(get("/surveys/" + id).with(as("nx-admin"))).andExpect(status().isForbidden());
		mvc.perform(get("/surveys/" + id).with(as("hlj-admin"))).andExpect(status().isOk());
	}
}
