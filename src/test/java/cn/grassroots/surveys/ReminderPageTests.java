package cn.grassroots.surveys;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.grassroots.IntegrationTest;

/**
 * The reminders page of a named distribution made from the roster of 省报社社区: the outstanding links
 * with their people, a round made from the form, and its workbook with each person's name and phone
 * masked as the roster shows it; a link made before reminders were kept is listed without its link.
 */
@IntegrationTest
class ReminderPageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	long questionnaire;
	long distribution;

	@BeforeEach
	void namedLinksFromTheRoster() throws Exception {
		questionnaire = SurveyFixtures.createQuestionnaire(mvc, "hlj-admin", SurveyFixtures.analysisForm());
		distribution = Distributions.id(Distributions.create(mvc, "hlj-admin", questionnaire, "TOKENS", false, "230102001001",
				new String[] { "GRID_WORKER", "230102001001", "10" }, new String[] { "COMMUNITY_SECRETARY", "230102001001", "1" }));
		Distributions.links(mvc, "hlj-admin", questionnaire, distribution, "ROSTER");
	}

	@Test
	void anOfficerMakesARoundFromThePageAndDownloadsNamesWithMaskedPhones() throws Exception {
		mvc.perform(get("/surveys/" + questionnaire + "/reminders").param("distribution", Long.toString(distribution))
			.with(as("hlj-admin"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"remind-form\"")))
			.andExpect(content().string(containsString("张晓东")))
			.andExpect(content().string(containsString("data-reminders=\"0\"")))
			.andExpect(content().string(containsString("id=\"f-region\"")));
		// one link made before reminders were kept: it is listed, without its link
		jdbc.sql("UPDATE survey_invitation SET token_cipher = NULL WHERE distribution_id = :d AND person_name = '李淑珍'")
			.param("d", distribution).update();

		String location = mvc.perform(post("/surveys/" + questionnaire + "/distributions/" + distribution + "/reminders")
			.with(as("hlj-admin")).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(header().string("Location", containsString("/reminders?distribution=" + distribution + "&round=")))
			.andReturn().getResponse().getRedirectedUrl();
		long round = Long.parseLong(location.substring(location.indexOf("round=") + 6));
		mvc.perform(get(location).with(as("hlj-admin"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-round=\"" + round + "\"")))
			.andExpect(content().string(containsString("data-reminders=\"1\"")));

		byte[] xlsx = mvc.perform(get("/surveys/" + questionnaire + "/distributions/" + distribution + "/reminders/" + round
				+ "/sheet").with(as("hlj-admin"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		List<List<String>> rows = Reminders.rows(xlsx);
		assertThat(rows.get(0)).startsWith("序号", "角色", "地区", "姓名", "电话", "作答链接");
		List<String> zhang = rows.stream().filter(r -> r.get(3).equals("张晓东")).findFirst().orElseThrow();
		assertThat(zhang.get(4)).matches("1\\d\\d\\*{4}\\d{4}");
		assertThat(zhang.get(5)).contains("/a/");
		List<String> li = rows.stream().filter(r -> r.get(3).equals("李淑珍")).findFirst().orElseThrow();
		assertThat(li.get(5)).contains("无法再次显示");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'SURVEY_REMINDER_SHEET' AND target_id = :r")
			.param("r", Long.toString(round)).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void theRatesPageShowsRemindedAndNotRemindedLinks() throws Exception {
		Reminders.remind(mvc, "hlj-admin", questionnaire, distribution, "{\"role\":\"COMMUNITY_SECRETARY\"}")
			.andExpect(status().isCreated());
		long secretaries = jdbc.sql("SELECT COUNT(*) FROM survey_invitation WHERE distribution_id = :d AND role = 'COMMUNITY_SECRETARY'")
			.param("d", distribution).query(Long.class).single();
		assertThat(secretaries).isPositive();
		mvc.perform(get("/surveys/" + questionnaire + "/distribution").param("level", "TOWNSHIP").param("region", "230102")
			.with(as("hlj-admin"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"reminders-link\"")))
			.andExpect(content().string(containsString("data-testid=\"rate-outstanding\"")))
			.andExpect(content().string(containsString("data-testid=\"reminded\">" + secretaries + "<")));
	}
}
