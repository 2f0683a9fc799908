package cn.grassroots.surveys;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;


import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;

/** Marking a problem as a seminar topic: stored with its figure, audited, published; scoped; bad input stores nothing. */
@IntegrationTest
@RecordApplicationEvents
class SurveyFindingsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	long id;

	@BeforeEach
	void sixResponses() throws Exception {
		id = SurveyFixtures.createQuestionnaire(mvc, "hlj-admin", SurveyFixtures.analysisForm());
		String job = SurveyFixtures.importCsv(mvc, "hlj-admin", id,
				SurveyFixtures.sixResponses());
		assertThat((String) JsonPath.read(job, "$.state")).isEqualTo("SUCCEEDED");
	}

	long findings() {
		return jdbc.sql("SELECT count(*) FROM survey_finding WHERE questionnaire_id = :q").param("q", id).query(Long.class).single();
	}

	@Test
	void markingAProblemStoresTheFindingAuditsItAndPublishesTheTopic() throws Exception {
		mvc.perform(get("/surveys/" + id + "/findings").with(as("hlj-admin"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-question=\"problems\"")))
			.andExpect(content().string(containsString("报表多")));
		events.clear();
		mvc.perform(post("/surveys/" + id + "/findings").param("question", "problems").param("choice", "reports")
			.with(as("hlj-admin")).with(csrf())).andExpect(status().is3xxRedirection());
		var row = jdbc.sql("SELECT id, title, region_code, figure, measure FROM survey_finding WHERE questionnaire_id = :q")
			.param("q", id).query().singleRow();
		assertThat(row.get("title")).isEqualTo("报表多");
		assertThat(((Number) row.get("region_code")).longValue()).isEqualTo(230000000000L);
		assertThat(((Number) row.get("figure")).longValue()).isEqualTo(3);
		long findingId = ((Number) row.get("id")).longValue();
		assertThat(events.stream(FindingMarkedAsTopic.class))
			.containsExactly(new FindingMarkedAsTopic(findingId, id, "报表多", 230000000000L));
		assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'SURVEY_FINDING_MARK' AND target_id = :t")
			.param("t", Long.toString(findingId)).query(Long.class).single()).isEqualTo(1);
		mvc.perform(get("/surveys/" + id + "/findings").with(as("hlj-admin")))
			.andExpect(content().string(containsString("data-finding=\"" + findingId + "\"")));

		// a ranking counts 3-2-1 points; the city officer sees Harbin only: reports is first in t1 (3) and second in t2 (2)
		mvc.perform(post("/surveys/" + id + "/findings").param("question", "top3").param("choice", "reports")
			.param("region", "2301").param("title", "报表负担").with(as("harbin-admin")).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("SELECT figure FROM survey_finding WHERE questionnaire_id = :q AND title = '报表负担'")
			.param("q", id).query(Long.class).single()).isEqualTo(3 + 2);
	}

	@Test
	void outsideTheScopeOrWithBadInputNothingIsStoredOrPublished() throws Exception {
		events.clear();
		mvc.perform(post("/surveys/" + id + "/findings").param("question", "problems").param("choice", "reports")
			.param("region", "2302").with(as("harbin-admin")).with(csrf())).andExpect(status().isForbidden());
		mvc.perform(post("/surveys/" + id + "/findings").param("question", "problems").param("choice", "reports")
			.with(as("nx-admin")).with(csrf())).andExpect(status().isForbidden());
		mvc.perform(get("/surveys/" + id + "/findings").with(as("nx-admin"))).andExpect(status().isForbidden());
		mvc.perform(post("/surveys/" + id + "/findings").param("question", "problems").param("choice", "nonsense")
			.with(as("hlj-admin")).with(csrf())).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"finding-error\"")));
		mvc.perform(post("/surveys/" + id + "/findings").param("question", "nope").param("choice", "reports")
			.with(as("hlj-admin")).with(csrf())).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"finding-error\"")));
		assertThat(findings()).isZero();
		assertThat(events.stream(FindingMarkedAsTopic.class)).isEmpty();
	}
}
