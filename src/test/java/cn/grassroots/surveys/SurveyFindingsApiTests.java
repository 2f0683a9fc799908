package cn.grassroots.surveys;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;
import cn.grassroots.Jobs;

/** The findings API: record a finding, list, mark it as a topic (once, published once); refused outside the scope. */
@IntegrationTest
@RecordApplicationEvents
class SurveyFindingsApiTests {

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

	String create(String user, String json, int status) throws Exception {
		return mvc.perform(post("/api/v1/surveys/" + id + "/findings").with(as(user)).contentType(MediaType.APPLICATION_JSON)
			.content(json)).andExpect(status().is(status)).andReturn().getResponse().getContentAsString();
	}

	@Test
	void aFindingIsRecordedThenMarkedAsATopicOnce() throws Exception {
		events.clear();
		String body = create("harbin-admin", "{\"question\":\"top3\",\"choice\":\"reports\",\"region\":\"2301\"}", 201);
		long findingId = Jobs.id(body, "$.id");
		assertThat((Boolean) JsonPath.read(body, "$.topic")).isFalse();
		assertThat(((Number) JsonPath.read(body, "$.figure")).longValue()).isEqualTo(3 + 2);
		assertThat((String) JsonPath.read(body, "$.measure")).isEqualTo("POINTS");
		assertThat((String) JsonPath.read(body, "$.title")).isEqualTo("报表多");
		assertThat(events.stream(FindingMarkedAsTopic.class)).isEmpty();

		String list = mvc.perform(get("/api/v1/surveys/" + id + "/findings").with(as("harbin-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<List<Integer>>read(list, "$[*].id")).containsExactly((int) findingId);

		String marked = mvc.perform(post("/api/v1/surveys/" + id + "/findings/" + findingId + "/topic").with(as("harbin-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat((Boolean) JsonPath.read(marked, "$.topic")).isTrue();
		assertThat((String) JsonPath.read(marked, "$.markedBy")).isEqualTo("harbin-admin");
		// again: nothing changes, nothing published twice
		mvc.perform(post("/api/v1/surveys/" + id + "/findings/" + findingId + "/topic").with(as("hlj-admin")))
			.andExpect(status().isOk());
		assertThat(events.stream(FindingMarkedAsTopic.class))
			.containsExactly(new FindingMarkedAsTopic(findingId, id, "报表多", 230100000000L));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action IN ('SURVEY_FINDING_CREATE', 'SURVEY_FINDING_MARK') "
				+ "AND target_id = :t").param("t", Long.toString(findingId)).query(Long.class).single()).isEqualTo(2);

		// created and marked at once
		String both = create("hlj-admin", "{\"question\":\"problems\",\"choice\":\"apps\",\"topic\":true,\"title\":\"政务APP过多\"}", 201);
		assertThat((Boolean) JsonPath.read(both, "$.topic")).isTrue();
		assertThat(((Number) JsonPath.read(both, "$.figure")).longValue()).isEqualTo(2);
		assertThat(events.stream(FindingMarkedAsTopic.class)).hasSize(2);
	}

	@Test
	void outsideTheScopeFindingsAreNeitherShownNorRecordedNorMarked() throws Exception {
		String province = create("hlj-admin", "{\"question\":\"problems\",\"choice\":\"reports\"}", 201);
		long provinceFinding = Jobs.id(province, "$.id");
		String qiqihar = create("hlj-admin", "{\"question\":\"problems\",\"choice\":\"reports\",\"region\":\"2302\"}", 201);
		long qiqiharFinding = Jobs.id(qiqihar, "$.id");
		events.clear();
		// Harbin's officer: not the province's finding, not Qiqihar's
		String list = mvc.perform(get("/api/v1/surveys/" + id + "/findings").with(as("harbin-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<List<Integer>>read(list, "$[*].id")).isEmpty();
		mvc.perform(post("/api/v1/surveys/" + id + "/findings/" + qiqiharFinding + "/topic").with(as("harbin-admin")))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/surveys/" + id + "/findings/" + provinceFinding + "/topic").with(as("harbin-admin")))
			.andExpect(status().isForbidden());
		create("harbin-admin", "{\"question\":\"problems\",\"choice\":\"reports\",\"region\":\"2302\"}", 403);
		// Ningxia: the questionnaire itself is out of reach
		mvc.perform(get("/api/v1/surveys/" + id + "/findings").with(as("nx-admin"))).andExpect(status().isForbidden());
		create("nx-admin", "{\"question\":\"problems\",\"choice\":\"reports\"}", 403);
		// bad input: 400, nothing stored; another questionnaire's finding: 404
		create("hlj-admin", "{\"question\":\"problems\",\"choice\":\"nonsense\"}", 400);
		create("hlj-admin", "{\"question\":\"why\",\"choice\":\"x\"}", 400);
		long other = SurveyFixtures.createQuestionnaire(mvc, "hlj-admin", SurveyFixtures.analysisForm());
		mvc.perform(post("/api/v1/surveys/" + other + "/findings/" + provinceFinding + "/topic").with(as("hlj-admin")))
			.andExpect(status().isNotFound());
		assertThat(jdbc.sql("SELECT COUNT(*) FROM survey_finding WHERE questionnaire_id = :q").param("q", id)
			.query(Long.class).single()).isEqualTo(2);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM survey_finding WHERE questionnaire_id = :q AND topic").param("q", id)
			.query(Long.class).single()).isZero();
		assertThat(events.stream(FindingMarkedAsTopic.class)).isEmpty();
	}
}
