package cn.grassroots.surveys;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;

/** The questionnaire list with its upload forms, and the analysis page, scoped as the API. */
@IntegrationTest
class SurveyPagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	long id;

	@BeforeEach
	void sixResponses() throws Exception {
		id = SurveyFixtures.createQuestionnaire(mvc, "hlj-admin", SurveyFixtures.analysisForm());
		String job = SurveyFixtures.importCsv(mvc, "hlj-admin", id,
				SurveyFixtures.sixResponses());
		assertThat((String) JsonPath.read(job, "$.state")).isEqualTo("SUCCEEDED");
	}

	@Test
	void theListShowsTheQuestionnairesInScopeWithTheNavigationGroup() throws Exception {
		mvc.perform(get("/surveys").with(as("hlj-admin"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-survey=\"" + id + "\"")))
			.andExpect(content().string(containsString("问卷调查")))
			.andExpect(content().string(containsString("data-testid=\"xlsform-form\"")));
		mvc.perform(get("/surveys").with(as("nx-admin"))).andExpect(status().isOk())
			.andExpect(content().string(not(containsString("data-survey=\"" + id + "\""))));
		mvc.perform(get("/surveys").header("HX-Request", "true").with(as("hlj-admin"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-survey=\"" + id + "\"")))
			.andExpect(content().string(not(containsString("<html"))));
	}

	@Test
	void theAnalysisPageShowsCountsByRoleAndRegionWithDrillDownAndACrossTab() throws Exception {
		mvc.perform(get("/surveys/" + id).with(as("hlj-admin"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"survey-responses\">6<")))
			.andExpect(content().string(containsString("data-region=\"230100000000\"")))
			.andExpect(content().string(containsString("level=COUNTY&amp;region=230100000000")))
			.andExpect(content().string(containsString("id=\"chart-problems\"")))
			.andExpect(content().string(containsString("报表多")));
		mvc.perform(get("/surveys/" + id).param("level", "COUNTY").param("region", "230100000000").with(as("hlj-admin")))
			.andExpect(status().isOk()).andExpect(content().string(containsString("data-testid=\"survey-responses\">3<")))
			.andExpect(content().string(containsString("data-region=\"230102000000\"")))
			.andExpect(content().string(not(containsString("data-region=\"230200000000\""))));
		mvc.perform(get("/surveys/" + id).param("row", "satisfied").param("col", "role").with(as("hlj-admin")))
			.andExpect(status().isOk()).andExpect(content().string(containsString("data-testid=\"survey-crosstab\"")));
	}

	@Test
	void aCityOfficerSeesOnlyItsCityAndAnotherProvinceIsRefused() throws Exception {
		mvc.perform(get("/surveys/" + id).with(as("harbin-admin"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"survey-responses\">3<")))
			.andExpect(content().string(not(containsString("data-region=\"230200000000\""))));
		mvc.perform(get("/surveys/" + id).with(as("nx-admin"))).andExpect(status().isForbidden());
		long before = count();
		mvc.perform(multipart("/surveys/" + id + "/imports").file(new MockMultipartFile("file", "r.csv", "text/csv",
				SurveyFixtures.sixResponses().getBytes(StandardCharsets.UTF_8)))
			.with(as("nx-admin")).with(csrf())).andExpect(status().isForbidden());
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void uploadsGoThroughTheForms() throws Exception {
		long before = jdbc.sql("SELECT count(*) FROM survey_questionnaire").query(Long.class).single();
		mvc.perform(multipart("/surveys/xlsform").file(new MockMultipartFile("file", "bad.xlsx", SurveyFixtures.XLSX,
				"not a workbook".getBytes(StandardCharsets.UTF_8))).with(as("hlj-admin")).with(csrf()))
			.andExpect(status().isOk()).andExpect(content().string(containsString("data-testid=\"xlsform-error\"")));
		assertThat(jdbc.sql("SELECT count(*) FROM survey_questionnaire").query(Long.class).single()).isEqualTo(before);
		mvc.perform(multipart("/surveys/xlsform").file(new MockMultipartFile("file", "f.xlsx", SurveyFixtures.XLSX,
				SurveyFixtures.analysisForm())).with(as("hlj-admin")).with(csrf()))
			.andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern("/surveys/*"));
		mvc.perform(multipart("/surveys/xlsform").file(new MockMultipartFile("file", "f.xlsx", SurveyFixtures.XLSX,
				SurveyFixtures.analysisForm())).param("region", "23").with(as("nx-admin")).with(csrf()))
			.andExpect(status().isForbidden());
		assertThat(jdbc.sql("SELECT count(*) FROM survey_questionnaire").query(Long.class).single()).isEqualTo(before + 1);
		mvc.perform(multipart("/surveys/" + id + "/imports").file(new MockMultipartFile("file", "r.csv", "text/csv",
				SurveyFixtures.sixResponses().getBytes(StandardCharsets.UTF_8)))
			.with(as("hlj-admin")).with(csrf())).andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrlPattern("/jobs/*"));
	}

	long count() {
		return jdbc.sql("SELECT count(*) FROM survey_response WHERE questionnaire_id = :q").param("q", id).query(Long.class).single();
	}
}
