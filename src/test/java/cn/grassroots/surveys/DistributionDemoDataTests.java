package cn.grassroots.surveys;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;

/** The demo's distributions: the links its 20,000 responses came through, and an open link still taking answers. */
@IntegrationTest
class DistributionDemoDataTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theRatesPageOfTheDemoShowsTheLinksItsResponsesCameThrough() throws Exception {
		java.util.Optional<Long> id = java.util.Optional.empty();
		for (int i = 0; i < 1200; i++) {
			id = jdbc.sql("SELECT d.questionnaire_id FROM survey_distribution d JOIN survey_questionnaire q "
					+ "ON q.id = d.questionnaire_id WHERE q.form_id = 'pretraining_2026' AND d.kind = 'OPEN'")
				.query(Long.class).optional();
			if (id.isPresent()) {
				break;
			}
			Thread.sleep(100);
		}
		long q = id.orElseThrow();
		String rates = mvc.perform(get("/api/v1/surveys/" + q + "/rates").param("level", "PROVINCE").with(as("hlj-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(((Number) JsonPath.read(rates, "$.responded")).intValue()).isEqualTo(20_000);
		long expected = ((Number) JsonPath.read(rates, "$.expected")).longValue();
		// a quarter more links than answers, plus the open link's quotas of 200 a city
		assertThat(expected).isGreaterThan(25_000);
		String list = mvc.perform(get("/api/v1/surveys/" + q + "/distributions").with(as("hlj-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<String> kinds = JsonPath.read(list, "$[*].kind");
		assertThat(kinds).contains("TOKENS", "OPEN");
		String link = JsonPath.<List<String>>read(list, "$[?(@.kind == 'OPEN')].openLink").get(0);
		mvc.perform(get(link.substring(link.indexOf("/a/o/")))).andExpect(status().isOk());
		mvc.perform(get("/surveys/" + q + "/distribution").with(as("harbin-admin"))).andExpect(status().isOk());
	}
}
