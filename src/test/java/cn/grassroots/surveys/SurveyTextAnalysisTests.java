package cn.grassroots.surveys;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;
import cn.grassroots.Jobs;

/**
 * Open-text analysis over the API and the page: on a fixed set where grid workers write of 小马拉大车 and
 * secretaries of 吹哨报到, and everyone of 报表 alike, the planted terms come out per role with
 * representative answers and 报表 does not; scoped; the governance dictionary is edited and audited.
 */
@IntegrationTest
class SurveyTextAnalysisTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	long plantedSet() throws Exception {
		long id = SurveyFixtures.createQuestionnaire(mvc, "hlj-admin", SurveyFixtures.analysisForm());
		StringBuilder csv = new StringBuilder(SurveyFixtures.HEADER).append('\n');
		for (int i = 0; i < 40; i++) {
			String even = i % 2 == 0 ? "，报表也多" : "";
			csv.append(",GRID_WORKER,").append(i / 2 % 2 == 0 ? "230102" : "230202")
				.append(",2026-03-01,yes,,,,3,,工作量大小马拉大车").append(i % 3).append(even).append(",\n");
			csv.append(",COMMUNITY_SECRETARY,").append(i / 2 % 2 == 0 ? "230102" : "230202")
				.append(",2026-03-01,yes,,,,3,,希望落实吹哨报到机制").append(even).append(",\n");
		}
		String job = SurveyFixtures.importCsv(mvc, "hlj-admin", id, csv.toString());
		assertThat((String) JsonPath.read(job, "$.state")).as(job).isEqualTo("SUCCEEDED");
		return id;
	}

	String analyse(String user, long id, String region) throws Exception {
		var request = post("/api/v1/surveys/" + id + "/text-analysis").with(as(user));
		if (region != null) {
			request.param("region", region);
		}
		String body = mvc.perform(request).andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
		String job = Jobs.awaitFinished(mvc, user, Jobs.id(body, "$.jobId"));
		assertThat((String) JsonPath.read(job, "$.state")).as(job).isEqualTo("SUCCEEDED");
		return mvc.perform(get("/api/v1/surveys/" + id + "/text-analysis").with(as(user)).param("region", region == null ? "" : region))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	@Test
	void plantedTermsComeOutPerRoleWithRepresentativeAnswersAndAnEvenTermDoesNot() throws Exception {
		long id = plantedSet();
		mvc.perform(get("/api/v1/surveys/" + id + "/text-analysis").with(as("hlj-admin"))).andExpect(status().isNotFound());
		String result = analyse("hlj-admin", id, null);
		assertThat(((Number) JsonPath.read(result, "$.responses")).longValue()).isEqualTo(80);
		assertThat(((Number) JsonPath.read(result, "$.answers")).longValue()).isEqualTo(80);
		assertThat((String) JsonPath.read(result, "$.groupLevel")).isEqualTo("CITY");
		String q = "$.questions[?(@.name == 'suggestion')]";
		List<String> grid = JsonPath.read(result, q + ".roles[?(@.group == 'GRID_WORKER')].terms[*].term");
		List<String> secretaries = JsonPath.read(result, q + ".roles[?(@.group == 'COMMUNITY_SECRETARY')].terms[*].term");
		assertThat(grid).contains("小马拉大车").doesNotContain("报表", "吹哨报到");
		assertThat(secretaries).contains("吹哨报到").doesNotContain("报表", "小马拉大车");
		List<Integer> count = JsonPath.read(result, q + ".roles[?(@.group == 'GRID_WORKER')].terms[?(@.term == '小马拉大车')].count");
		assertThat(count).containsExactly(40);
		List<List<String>> examples = JsonPath.read(result,
				q + ".roles[?(@.group == 'GRID_WORKER')].terms[?(@.term == '小马拉大车')].examples");
		assertThat(examples.get(0)).hasSize(3).allSatisfy(e -> assertThat(e).contains("小马拉大车"));
		// the two cities wrote alike: nothing sets either apart
		List<List<String>> cities = JsonPath.read(result, q + ".regions[*].terms[*].term");
		assertThat(cities).isEmpty();
		List<String> top = JsonPath.read(result, q + ".terms[*].term");
		assertThat(top).contains("小马拉大车", "吹哨报到", "报表");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'SURVEY_TEXT_ANALYSIS' AND target_id = :id")
			.param("id", Long.toString(id)).query(Long.class).single()).isEqualTo(1);

		// the page shows it, with its chart data
		mvc.perform(get("/surveys/" + id + "/texts").with(as("hlj-admin"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"text-result\"")))
			.andExpect(content().string(containsString("data-term=\"小马拉大车\"")))
			.andExpect(content().string(containsString("terms-suggestion")));
	}

	@Test
	void aCityOfficerAnalysesTheirCityOnlyAndNobodyElsesRegion() throws Exception {
		long id = plantedSet();
		String harbin = analyse("harbin-admin", id, null);
		assertThat((String) JsonPath.read(harbin, "$.region")).isEqualTo("230100000000");
		assertThat(((Number) JsonPath.read(harbin, "$.responses")).longValue()).isEqualTo(40);
		mvc.perform(post("/api/v1/surveys/" + id + "/text-analysis").param("region", "2302").with(as("harbin-admin")))
			.andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/surveys/" + id + "/text-analysis").param("region", "2302").with(as("harbin-admin")))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/surveys/" + id + "/text-analysis").with(as("nx-admin"))).andExpect(status().isForbidden());
		mvc.perform(get("/surveys/" + id + "/texts").with(as("nx-admin"))).andExpect(status().isForbidden());
	}

	@Test
	void theGovernanceDictionaryIsEditedByDesignersAndAudited() throws Exception {
		String term = "议事" + UUID.randomUUID().toString().replaceAll("[^a-z]", "").substring(0, 4);
		String body = mvc.perform(post("/api/v1/surveys/terms").with(as("hlj-admin")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"term\":\"" + term + "\"}")).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		long termId = Jobs.id(body, "$.id");
		mvc.perform(get("/api/v1/surveys/terms").with(as("hlj-secretary"))).andExpect(status().isOk())
			.andExpect(content().string(containsString(term))).andExpect(content().string(containsString("小马拉大车")));
		// again, too short, punctuation: 400 and nothing stored
		for (String bad : List.of(term, "网", "吹哨-报到")) {
			mvc.perform(post("/api/v1/surveys/terms").with(as("hlj-admin")).contentType(MediaType.APPLICATION_JSON)
				.content("{\"term\":\"" + bad + "\"}")).andExpect(status().isBadRequest());
		}
		// a community secretary analyses but does not design: refused
		mvc.perform(post("/api/v1/surveys/terms").with(as("hlj-secretary")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"term\":\"楼长制度\"}")).andExpect(status().isForbidden());
		mvc.perform(delete("/api/v1/surveys/terms/" + termId).with(as("hlj-secretary"))).andExpect(status().isForbidden());
		mvc.perform(delete("/api/v1/surveys/terms/" + termId).with(as("hlj-admin"))).andExpect(status().isNoContent());
		mvc.perform(delete("/api/v1/surveys/terms/" + termId).with(as("hlj-admin"))).andExpect(status().isNotFound());
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action IN ('SURVEY_TERM_ADD', 'SURVEY_TERM_REMOVE') "
				+ "AND target_id = :id").param("id", Long.toString(termId)).query(Long.class).single()).isEqualTo(2);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM survey_term WHERE term IN ('网', '楼长制度')").query(Long.class).single()).isZero();

		// the page: the form adds, a bad term is a field message
		mvc.perform(get("/surveys/terms").with(as("hlj-admin"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"term-form\"")));
		mvc.perform(post("/surveys/terms").param("term", "!").with(as("hlj-admin")).with(csrf())).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"term-error\"")));
	}
}
