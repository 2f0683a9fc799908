package cn.grassroots.surveys;

import static cn.grassroots.Api.as;
import static cn.grassroots.surveys.Distributions.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;

/**
 * Reminders stay within the officer's region: a city officer sees and reminds only its city's links
 * (a province round over another city is not theirs to see or download), an officer of another
 * province and an account without SURVEY_DESIGN are refused on every reminder URL, pages and API, and
 * bad input is named field by field with nothing recorded.
 */
@IntegrationTest
class ReminderScopeTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	long questionnaire;
	long distribution;

	@BeforeEach
	void linksInHarbinAndQiqihar() throws Exception {
		questionnaire = SurveyFixtures.createQuestionnaire(mvc, "hlj-admin", SurveyFixtures.analysisForm());
		distribution = Distributions.id(Distributions.create(mvc, "hlj-admin", questionnaire, "TOKENS", true, "23",
				new String[] { "GRID_WORKER", "230102", "4" }, new String[] { "COMMUNITY_SECRETARY", "230202", "2" }));
		List<String> tokens = Distributions.links(mvc, "hlj-admin", questionnaire, distribution, "COUNT");
		submit(mvc, tokens.get(0), AnswerTokenTests.ANSWERS).andExpect(status().isCreated());
	}

	long rounds() {
		return jdbc.sql("SELECT COUNT(*) FROM survey_reminder WHERE distribution_id = :d").param("d", distribution)
			.query(Long.class).single();
	}

	@Test
	void aCityOfficerRemindsAndSeesOnlyItsCity() throws Exception {
		String body = Reminders.remind(mvc, "harbin-admin", questionnaire, distribution, "{}")
			.andExpect(status().isCreated()).andExpect(jsonPath("$.linkCount").value(3))
			.andReturn().getResponse().getContentAsString();
		long harbinRound = ((Number) JsonPath.read(body, "$.id")).longValue();
		List<List<String>> sheet = Reminders.sheet(mvc, "harbin-admin", questionnaire, distribution, harbinRound);
		assertThat(sheet).hasSize(4);
		assertThat(sheet.stream().skip(1).map(r -> r.get(2))).allSatisfy(r -> assertThat(r).isEqualTo("道里区"));
		// Qiqihar is not the city officer's
		Reminders.remind(mvc, "harbin-admin", questionnaire, distribution, "{\"region\":\"2302\"}")
			.andExpect(status().isForbidden());
		String province = Reminders.remind(mvc, "hlj-admin", questionnaire, distribution, "{\"region\":\"2302\"}")
			.andExpect(status().isCreated()).andExpect(jsonPath("$.linkCount").value(2))
			.andReturn().getResponse().getContentAsString();
		long qiqiharRound = ((Number) JsonPath.read(province, "$.id")).longValue();
		mvc.perform(get(Reminders.url(questionnaire, distribution)).with(as("harbin-admin")))
			.andExpect(jsonPath("$.length()").value(1)).andExpect(jsonPath("$[0].id").value(harbinRound));
		mvc.perform(get(Reminders.url(questionnaire, distribution) + "/" + qiqiharRound + "/sheet").with(as("harbin-admin")))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/surveys/" + questionnaire + "/outstanding").with(as("harbin-admin")))
			.andExpect(jsonPath("$.outstanding").value(3)).andExpect(jsonPath("$.byRegion.length()").value(1));
		mvc.perform(get("/api/v1/surveys/" + questionnaire + "/outstanding").param("region", "2302").with(as("harbin-admin")))
			.andExpect(status().isForbidden());
		// the province sees both rounds
		mvc.perform(get(Reminders.url(questionnaire, distribution)).with(as("hlj-admin")))
			.andExpect(jsonPath("$.length()").value(2));
	}

	@Test
	void outsideTheScopeEveryReminderUrlIsRefused() throws Exception {
		String round = Reminders.remind(mvc, "hlj-admin", questionnaire, distribution, "{}")
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		long id = ((Number) JsonPath.read(round, "$.id")).longValue();
		String api = Reminders.url(questionnaire, distribution);
		String page = "/surveys/" + questionnaire + "/distributions/" + distribution + "/reminders";
		for (String user : List.of("nx-admin", "hlj-secretary")) {
			Reminders.remind(mvc, user, questionnaire, distribution, "{}").andExpect(status().isForbidden());
			mvc.perform(get(api).with(as(user))).andExpect(status().isForbidden());
			mvc.perform(get(api + "/" + id + "/sheet").with(as(user))).andExpect(status().isForbidden());
			mvc.perform(get("/api/v1/surveys/" + questionnaire + "/outstanding").with(as(user)))
				.andExpect(status().isForbidden());
			mvc.perform(get("/surveys/" + questionnaire + "/reminders").with(as(user))).andExpect(status().isForbidden());
			mvc.perform(get(page + "/" + id + "/sheet").with(as(user))).andExpect(status().isForbidden());
			mvc.perform(post(page).with(as(user)).with(csrf())).andExpect(status().isForbidden());
		}
		assertThat(rounds()).isEqualTo(1);
		assertThat(jdbc.sql("SELECT MAX(reminder_count) FROM survey_invitation WHERE distribution_id = :d")
			.param("d", distribution).query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void badInputIsNamedAndNothingIsRecorded() throws Exception {
		Reminders.remind(mvc, "hlj-admin", questionnaire, distribution, "{\"region\":\"99\",\"role\":\"MAYOR\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", org.hamcrest.Matchers.containsInAnyOrder("role", "region")));
		Reminders.remind(mvc, "hlj-admin", questionnaire, distribution, "{\"region\":\"99\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("region"));
		// no volunteers were sent links: nothing to remind
		Reminders.remind(mvc, "hlj-admin", questionnaire, distribution, "{\"role\":\"VOLUNTEER\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("role"));
		// an open link has no one to remind
		long open = Distributions.id(Distributions.create(mvc, "hlj-admin", questionnaire, "OPEN", true, "23",
				new String[] { "RESIDENT", "2301", "5" }));
		Reminders.remind(mvc, "hlj-admin", questionnaire, open, "{}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("distribution"));
		// the form names the field on the page
		mvc.perform(post("/surveys/" + questionnaire + "/distributions/" + distribution + "/reminders").with(as("hlj-admin"))
			.with(csrf()).param("region", "99"))
			.andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.containsString("data-testid=\"remind-region-error\"")));
		// after closing, no round
		mvc.perform(post("/api/v1/surveys/" + questionnaire + "/distributions/" + distribution + "/close").with(as("hlj-admin")))
			.andExpect(status().isNoContent());
		Reminders.remind(mvc, "hlj-admin", questionnaire, distribution, "{}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("distribution"));
		assertThat(rounds()).isZero();
		assertThat(jdbc.sql("SELECT MAX(reminder_count) FROM survey_invitation WHERE distribution_id = :d")
			.param("d", distribution).query(Integer.class).single()).isZero();
	}
}
