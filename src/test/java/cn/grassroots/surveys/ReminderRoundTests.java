package cn.grassroots.surveys;

import static cn.grassroots.Api.as;
import static cn.grassroots.surveys.Distributions.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
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
 * Two reminder rounds over six links (4 grid workers in Daoli, 2 community secretaries in Qiqihar):
 * one answered before the first round, which takes in the other five; one more answered, then a
 * second round over Harbin takes in the two Daoli links left. Each link's count, the rounds' figures
 * and the rates are worked out by hand; a used link is never in a round nor in its workbook.
 */
@IntegrationTest
class ReminderRoundTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	long questionnaire;
	long distribution;
	List<String> tokens;

	@BeforeEach
	void sixLinksOneAnswered() throws Exception {
		questionnaire = SurveyFixtures.createQuestionnaire(mvc, "hlj-admin", SurveyFixtures.analysisForm());
		distribution = Distributions.id(Distributions.create(mvc, "hlj-admin", questionnaire, "TOKENS", true, "23",
				new String[] { "GRID_WORKER", "230102", "4" }, new String[] { "COMMUNITY_SECRETARY", "230202", "2" }));
		tokens = Distributions.links(mvc, "hlj-admin", questionnaire, distribution, "COUNT");
		submit(mvc, tokens.get(0), AnswerTokenTests.ANSWERS).andExpect(status().isCreated());
	}

	int reminders(String token) throws Exception {
		return jdbc.sql("SELECT reminder_count FROM survey_invitation WHERE token_hash = :h").param("h", Reminders.hash(token))
			.query(Integer.class).single();
	}

	@Test
	void theCountsAreRightAfterTwoRoundsAndAUsedLinkIsNeverInOne() throws Exception {
		String first = Reminders.remind(mvc, "hlj-admin", questionnaire, distribution, "{}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.linkCount").value(5)).andExpect(jsonPath("$.links").value(5))
			.andExpect(jsonPath("$.answeredSince").value(0)).andExpect(jsonPath("$.createdBy").value("hlj-admin"))
			.andReturn().getResponse().getContentAsString();
		long round1 = ((Number) JsonPath.read(first, "$.id")).longValue();

		// the workbook: the five links not answered, in region order, never the used one
		List<List<String>> sheet = Reminders.sheet(mvc, "hlj-admin", questionnaire, distribution, round1);
		assertThat(sheet).hasSize(6);
		assertThat(sheet.get(0).get(5)).isEqualTo("作答链接");
		List<String> links = sheet.stream().skip(1).map(r -> r.get(5)).toList();
		assertThat(links).allSatisfy(l -> assertThat(l).contains("/a/"));
		assertThat(links.stream().map(l -> l.substring(l.lastIndexOf('/') + 1)).toList())
			.containsExactlyElementsOf(tokens.subList(1, 6));
		assertThat(sheet.get(1).get(1)).isEqualTo("网格员");
		assertThat(sheet.get(1).get(7)).isEqualTo("1");

		submit(mvc, tokens.get(1), AnswerTokenTests.ANSWERS).andExpect(status().isCreated());
		Reminders.remind(mvc, "hlj-admin", questionnaire, distribution, "{\"region\":\"2301\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.linkCount").value(2)).andExpect(jsonPath("$.region").value("230100000000"));

		assertThat(reminders(tokens.get(0))).isZero();
		assertThat(reminders(tokens.get(1))).isEqualTo(1);
		assertThat(reminders(tokens.get(2))).isEqualTo(2);
		assertThat(reminders(tokens.get(3))).isEqualTo(2);
		assertThat(reminders(tokens.get(4))).isEqualTo(1);
		assertThat(reminders(tokens.get(5))).isEqualTo(1);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM survey_reminder_link l JOIN survey_invitation i ON i.id = l.invitation_id "
				+ "WHERE i.token_hash = :h").param("h", Reminders.hash(tokens.get(0))).query(Long.class).single()).isZero();

		// the rounds, newest first: links reminded and answered since
		mvc.perform(get(Reminders.url(questionnaire, distribution)).with(as("hlj-admin"))).andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(2))
			.andExpect(jsonPath("$[0].links").value(2)).andExpect(jsonPath("$[0].answeredSince").value(0))
			.andExpect(jsonPath("$[1].id").value(round1))
			.andExpect(jsonPath("$[1].links").value(5)).andExpect(jsonPath("$[1].answeredSince").value(1))
			.andExpect(jsonPath("$[1].rateSince").value(0.2));
		// the first round's workbook now lists only the four still outstanding
		assertThat(Reminders.sheet(mvc, "hlj-admin", questionnaire, distribution, round1)).hasSize(5);

		// outstanding: 4, all reminded; by region Harbin 2 (reminded twice), Qiqihar 2
		mvc.perform(get("/api/v1/surveys/" + questionnaire + "/outstanding").with(as("hlj-admin")))
			.andExpect(jsonPath("$.outstanding").value(4)).andExpect(jsonPath("$.reminded").value(4))
			.andExpect(jsonPath("$.notReminded").value(0))
			.andExpect(jsonPath("$.byRegion[0].key").value("230100000000"))
			.andExpect(jsonPath("$.byRegion[0].outstanding").value(2))
			.andExpect(jsonPath("$.byRole[?(@.key == 'COMMUNITY_SECRETARY')].outstanding").value(2));
		mvc.perform(get("/api/v1/surveys/" + questionnaire + "/rates").with(as("hlj-admin")))
			.andExpect(jsonPath("$.expected").value(6)).andExpect(jsonPath("$.responded").value(2))
			.andExpect(jsonPath("$.outstanding").value(4)).andExpect(jsonPath("$.reminded").value(4))
			.andExpect(jsonPath("$.byRegion[0].reminded").value(2));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'SURVEY_REMINDER_ROUND' AND target_id = :d")
			.param("d", Long.toString(distribution)).query(Long.class).single()).isEqualTo(2);
	}

	@Test
	void aRoundByRoleTakesInOnlyThatRoleAndANewLinkIsNotReminded() throws Exception {
		Reminders.remind(mvc, "hlj-admin", questionnaire, distribution, "{\"role\":\"社区书记\"}")
			.andExpect(status().isCreated()).andExpect(jsonPath("$.linkCount").value(2))
			.andExpect(jsonPath("$.role").value("COMMUNITY_SECRETARY"));
		assertThat(reminders(tokens.get(1))).isZero();
		assertThat(reminders(tokens.get(4))).isEqualTo(1);
		mvc.perform(get("/api/v1/surveys/" + questionnaire + "/outstanding").param("distribution", Long.toString(distribution))
			.with(as("hlj-admin")))
			.andExpect(jsonPath("$.outstanding").value(5)).andExpect(jsonPath("$.reminded").value(2))
			.andExpect(jsonPath("$.notReminded").value(3));
	}
}
