package cn.grassroots.surveys;

import static cn.grassroots.surveys.Distributions.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;

/** An open link takes at most its quota per role and region, also under parallel submissions (the start limit: AnswerRateLimiterTest). */
@IntegrationTest
class OpenLinkQuotaTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	long questionnaire;
	String key;

	@BeforeEach
	void openLinkWithThreePlaces() throws Exception {
		questionnaire = SurveyFixtures.createQuestionnaire(mvc, "hlj-admin", SurveyFixtures.analysisForm());
		String body = Distributions.create(mvc, "hlj-admin", questionnaire, "OPEN", true, "2301",
				new String[] { "RESIDENT", "230102", "3" }, new String[] { "GRID_WORKER", "230102", "50" });
		String link = JsonPath.read(body, "$.openLink");
		key = link.substring(link.lastIndexOf('/') + 1);
	}

	String start(String role, String region, String address) throws Exception {
		String body = mvc.perform(post("/api/v1/answer/open/" + key + "/sessions").contentType(MediaType.APPLICATION_JSON)
			.content("{\"role\":\"" + role + "\",\"region\":\"" + region + "\"}")
			.with(r -> {
				r.setRemoteAddr(address);
				return r;
			}))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return JsonPath.read(body, "$.token");
	}

	long responses() {
		return jdbc.sql("SELECT COUNT(*) FROM survey_response WHERE questionnaire_id = :q").param("q", questionnaire)
			.query(Long.class).single();
	}

	@Test
	void parallelSubmissionsNeverOverrunTheQuota() throws Exception {
		List<String> sessions = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			sessions.add(start("RESIDENT", "230102", "10.0.0." + i));
		}
		ExecutorService pool = Executors.newFixedThreadPool(10);
		List<Integer> statuses = new ArrayList<>();
		try {
			List<Callable<Integer>> calls = new ArrayList<>();
			for (String token : sessions) {
				calls.add(() -> submit(mvc, token, AnswerTokenTests.ANSWERS).andReturn().getResponse().getStatus());
			}
			for (Future<Integer> f : pool.invokeAll(calls)) {
				statuses.add(f.get());
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(statuses).filteredOn(s -> s == 201).hasSize(3);
		assertThat(statuses).filteredOn(s -> s == 409).hasSize(7);
		assertThat(responses()).isEqualTo(3);
		assertThat(jdbc.sql("SELECT taken FROM survey_target t JOIN survey_distribution d ON d.id = t.distribution_id "
				+ "WHERE d.questionnaire_id = :q AND t.role = 'RESIDENT'").param("q", questionnaire).query(Integer.class).single())
			.isEqualTo(3);
		// a full quota refuses new sessions at once, with a clear message; the other role still has places
		mvc.perform(post("/api/v1/answer/open/" + key + "/sessions").contentType(MediaType.APPLICATION_JSON)
			.content("{\"role\":\"居民\",\"region\":\"230102\"}"))
			.andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("QUOTA_FULL"))
			.andExpect(jsonPath("$.detail").value("该身份和地区的名额已满，感谢关注。"));
		submit(mvc, start("GRID_WORKER", "230102", "10.0.1.1"), AnswerTokenTests.ANSWERS).andExpect(status().isCreated());
		mvc.perform(get("/api/v1/answer/open/" + key)).andExpect(status().isOk())
			.andExpect(jsonPath("$.places[?(@.role == 'RESIDENT')].taken").value(3));
	}

	@Test
	void aRoleOrRegionOutsideTheTargetsIsRefused() throws Exception {
		mvc.perform(post("/api/v1/answer/open/" + key + "/sessions").contentType(MediaType.APPLICATION_JSON)
			.content("{\"role\":\"VOLUNTEER\",\"region\":\"230102\"}")
			.with(r -> {
				r.setRemoteAddr("10.9.9.1");
				return r;
			}))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("region"));
	}
}
