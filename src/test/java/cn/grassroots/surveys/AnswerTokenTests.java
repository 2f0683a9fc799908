package cn.grassroots.surveys;

import static cn.grassroots.Api.as;
import static cn.grassroots.surveys.Distributions.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/** A per-person link is taken once: a repeat gets the same receipt and stores nothing; drafts resume; closed links refuse. */
@IntegrationTest
class AnswerTokenTests {

	static final Map<String, String> ANSWERS = Map.of("satisfied", "no", "why", "人手不够", "problems", "reports apps",
			"top3", "apps reports", "burden", "5", "years", "10");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	long questionnaire;
	long distribution;
	List<String> tokens;

	@BeforeEach
	void linksForHarbinGridWorkers() throws Exception {
		questionnaire = SurveyFixtures.createQuestionnaire(mvc, "hlj-admin", SurveyFixtures.analysisForm());
		distribution = Distributions.id(Distributions.create(mvc, "hlj-admin", questionnaire, "TOKENS", false, "23",
				new String[] { "GRID_WORKER", "230102", "5" }));
		tokens = Distributions.links(mvc, "hlj-admin", questionnaire, distribution, "COUNT");
	}

	long responses() {
		return jdbc.sql("SELECT COUNT(*) FROM survey_response WHERE questionnaire_id = :q").param("q", questionnaire)
			.query(Long.class).single();
	}

	@Test
	void linksAreStoredOnlyAsDigests() {
		assertThat(tokens).hasSize(5).doesNotHaveDuplicates().allSatisfy(t -> assertThat(t).hasSizeGreaterThanOrEqualTo(32));
		List<String> stored = jdbc.sql("SELECT token_hash FROM survey_invitation WHERE distribution_id = :d")
			.param("d", distribution).query(String.class).list();
		assertThat(stored).hasSize(5).doesNotContainAnyElementsOf(tokens);
	}

	@Test
	void theSecondSubmissionOfATokenGetsTheFirstReceiptAndStoresNothing() throws Exception {
		String first = submit(mvc, tokens.get(0), ANSWERS).andExpect(status().isCreated())
			.andExpect(jsonPath("$.repeated").value(false)).andReturn().getResponse().getContentAsString();
		String receipt = JsonPath.read(first, "$.receipt");
		submit(mvc, tokens.get(0), Map.of("satisfied", "yes", "burden", "1")).andExpect(status().isOk())
			.andExpect(jsonPath("$.receipt").value(receipt)).andExpect(jsonPath("$.repeated").value(true));
		assertThat(responses()).isEqualTo(1);
		// named: the response carries its link; the role and region are the link's
		var row = jdbc.sql("SELECT role, region_code, token, source FROM survey_response WHERE questionnaire_id = :q")
			.param("q", questionnaire).query().singleRow();
		assertThat(row.get("role")).isEqualTo("GRID_WORKER");
		assertThat(((Number) row.get("region_code")).longValue()).isEqualTo(230102000000L);
		assertThat((String) row.get("token")).startsWith("link:");
		assertThat(row.get("source")).isEqualTo("ONLINE");
	}

	@Test
	void parallelSubmissionsOfOneTokenStoreOneResponse() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<String>> calls = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				calls.add(() -> submit(mvc, tokens.get(1), ANSWERS).andReturn().getResponse().getContentAsString());
			}
			List<String> receipts = new ArrayList<>();
			for (Future<String> f : pool.invokeAll(calls)) {
				receipts.add(JsonPath.read(f.get(), "$.receipt"));
			}
			assertThat(receipts).hasSize(8).containsOnly(receipts.get(0));
		}
		finally {
			pool.shutdown();
		}
		assertThat(responses()).isEqualTo(1);
	}

	@Test
	void draftsComeBackWithTheLinkUntilItIsSubmitted() throws Exception {
		String token = tokens.get(2);
		mvc.perform(put("/api/v1/answer/" + token + "/draft").contentType(MediaType.APPLICATION_JSON)
			.content("{\"answers\":{\"satisfied\":\"no\",\"problems\":[\"reports\",\"apps\"]}}"))
			.andExpect(status().isNoContent());
		mvc.perform(get("/api/v1/answer/" + token)).andExpect(status().isOk())
			.andExpect(jsonPath("$.draft.satisfied").value("no"))
			.andExpect(jsonPath("$.draft.problems").value("reports apps"))
			.andExpect(jsonPath("$.role").value("GRID_WORKER"))
			.andExpect(jsonPath("$.submitted").value(false));
		mvc.perform(put("/api/v1/answer/" + token + "/draft").contentType(MediaType.APPLICATION_JSON)
			.content("{\"answers\":{\"nosuch\":\"x\"}}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("nosuch"));
		submit(mvc, token, ANSWERS).andExpect(status().isCreated());
		mvc.perform(get("/api/v1/answer/" + token)).andExpect(jsonPath("$.submitted").value(true))
			.andExpect(jsonPath("$.draft").isEmpty());
		mvc.perform(put("/api/v1/answer/" + token + "/draft").contentType(MediaType.APPLICATION_JSON)
			.content("{\"answers\":{\"satisfied\":\"yes\"}}"))
			.andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("ALREADY_SUBMITTED"));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM survey_invitation WHERE distribution_id = :d AND draft IS NOT NULL")
			.param("d", distribution).query(Long.class).single()).isZero();
	}

	@Test
	void anUnknownOrMalformedTokenIsRefusedAndAClosedDistributionTakesNothing() throws Exception {
		submit(mvc, "A".repeat(32), ANSWERS).andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("UNKNOWN_LINK")).andExpect(jsonPath("$.detail").value("链接无效，请核对后重新打开。"));
		submit(mvc, "short", ANSWERS).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/surveys/" + questionnaire + "/distributions/" + distribution + "/close").with(as("hlj-admin")))
			.andExpect(status().isNoContent());
		submit(mvc, tokens.get(3), ANSWERS).andExpect(status().isGone()).andExpect(jsonPath("$.code").value("CLOSED"));
		mvc.perform(get("/a/" + tokens.get(3))).andExpect(status().isGone());
		assertThat(responses()).isZero();
	}
}
