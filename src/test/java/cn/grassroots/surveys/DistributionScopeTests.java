package cn.grassroots.surveys;

import static cn.grassroots.Api.as;
import static cn.grassroots.surveys.Distributions.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import cn.grassroots.IntegrationTest;

/**
 * Response rates by region (drill-down) and role, figures worked out by hand: 4 links in Daoli
 * (grid workers), 2 in Qiqihar (community secretaries); 3 answered in Daoli, 1 in Qiqihar. A city
 * officer sees only its city's; another province's officer nothing; distributing needs SURVEY_DESIGN
 * over the region.
 */
@IntegrationTest
class DistributionScopeTests {

	@Autowired
	MockMvc mvc;

	long questionnaire;
	long distribution;

	@BeforeEach
	void linksInHarbinAndQiqihar() throws Exception {
		questionnaire = SurveyFixtures.createQuestionnaire(mvc, "hlj-admin", SurveyFixtures.analysisForm());
		distribution = Distributions.id(Distributions.create(mvc, "hlj-admin", questionnaire, "TOKENS", true, "23",
				new String[] { "GRID_WORKER", "230102", "4" }, new String[] { "COMMUNITY_SECRETARY", "230202", "2" }));
		List<String> tokens = Distributions.links(mvc, "hlj-admin", questionnaire, distribution, "COUNT");
		// links come target by target in region order: 4 Daoli, then 2 Qiqihar (Longsha)
		for (int i : new int[] { 0, 1, 2, 4 }) {
			submit(mvc, tokens.get(i), AnswerTokenTests.ANSWERS).andExpect(status().isCreated());
		}
	}

	@Test
	void theProvinceSeesEveryRegionAndDrillsDown() throws Exception {
		mvc.perform(get("/api/v1/surveys/" + questionnaire + "/rates").with(as("hlj-admin"))).andExpect(status().isOk())
			.andExpect(jsonPath("$.expected").value(6)).andExpect(jsonPath("$.responded").value(4))
			.andExpect(jsonPath("$.level").value("CITY"))
			.andExpect(jsonPath("$.byRegion[0].key").value("230100000000"))
			.andExpect(jsonPath("$.byRegion[0].expected").value(4)).andExpect(jsonPath("$.byRegion[0].responded").value(3))
			.andExpect(jsonPath("$.byRegion[0].rate").value(0.75))
			.andExpect(jsonPath("$.byRegion[1].key").value("230200000000"))
			.andExpect(jsonPath("$.byRegion[1].responded").value(1))
			.andExpect(jsonPath("$.byRole[?(@.key == 'COMMUNITY_SECRETARY')].rate").value(0.5));
		mvc.perform(get("/api/v1/surveys/" + questionnaire + "/rates?level=COUNTY&region=2301").with(as("hlj-admin")))
			.andExpect(jsonPath("$.byRegion.length()").value(1))
			.andExpect(jsonPath("$.byRegion[0].key").value("230102000000"))
			.andExpect(jsonPath("$.expected").value(4));
		mvc.perform(get("/api/v1/surveys/" + questionnaire + "/rates?role=社区书记").with(as("hlj-admin")))
			.andExpect(jsonPath("$.expected").value(2)).andExpect(jsonPath("$.responded").value(1));
	}

	@Test
	void aCityOfficerSeesOnlyItsCity() throws Exception {
		mvc.perform(get("/api/v1/surveys/" + questionnaire + "/rates").with(as("harbin-admin"))).andExpect(status().isOk())
			.andExpect(jsonPath("$.expected").value(4)).andExpect(jsonPath("$.responded").value(3))
			.andExpect(jsonPath("$.byRegion.length()").value(1))
			.andExpect(jsonPath("$.byRole.length()").value(1));
		mvc.perform(get("/api/v1/surveys/" + questionnaire + "/rates?region=2302").with(as("harbin-admin")))
			.andExpect(status().isForbidden());
		mvc.perform(get("/surveys/" + questionnaire + "/distribution").with(as("harbin-admin"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-region=\"230100000000\"")))
			.andExpect(content().string(not(containsString("data-region=\"230200000000\""))))
			// the rate filters, which the reminders page shares
			.andExpect(content().string(containsString("id=\"r-level\"")))
			.andExpect(content().string(containsString("id=\"r-role\"")));
	}

	@Test
	void outsideTheScopeNothingIsShownOrChanged() throws Exception {
		mvc.perform(get("/api/v1/surveys/" + questionnaire + "/rates").with(as("nx-admin"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/surveys/" + questionnaire + "/distributions").with(as("nx-admin")))
			.andExpect(status().isForbidden());
		mvc.perform(get("/surveys/" + questionnaire + "/distribution").with(as("nx-admin"))).andExpect(status().isForbidden());
		// a city officer may not distribute over the province, nor make links for it
		mvc.perform(post("/api/v1/surveys/" + questionnaire + "/distributions").with(as("harbin-admin"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"x\",\"kind\":\"TOKENS\",\"region\":\"23\",\"closesAt\":\"2099-01-01T00:00:00Z\","
					+ "\"targets\":[{\"role\":\"GRID_WORKER\",\"region\":\"2302\",\"count\":1}]}"))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/surveys/" + questionnaire + "/distributions/" + distribution + "/links")
			.with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON).content("{\"source\":\"COUNT\"}"))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/surveys/" + questionnaire + "/distributions/" + distribution + "/close")
			.with(as("hlj-secretary"))).andExpect(status().isForbidden());
		mvc.perform(post("/surveys/" + questionnaire + "/distributions/" + distribution + "/close").with(as("nx-admin"))
			.with(csrf())).andExpect(status().isForbidden());
		// bad input changes nothing and names the fields
		mvc.perform(post("/api/v1/surveys/" + questionnaire + "/distributions").with(as("hlj-admin"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"\",\"kind\":\"MAIL\",\"region\":\"99\",\"targets\":[{\"role\":\"MAYOR\",\"region\":\"64\",\"count\":0}]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", org.hamcrest.Matchers.hasItems("name", "kind", "region", "closesAt",
					"targets[0].role", "targets[0].count")));
		mvc.perform(get("/api/v1/surveys/" + questionnaire + "/distributions").with(as("hlj-admin")))
			.andExpect(jsonPath("$.length()").value(1));
	}

	@Test
	void rosterLinksAreNamedAndTheDownloadIsAWorkbook() throws Exception {
		long named = Distributions.id(Distributions.create(mvc, "hlj-admin", questionnaire, "TOKENS", false, "230102001001",
				new String[] { "GRID_WORKER", "230102001001", "10" }, new String[] { "COMMUNITY_SECRETARY", "230102001001", "1" }));
		String body = mvc.perform(post("/api/v1/surveys/" + questionnaire + "/distributions/" + named + "/links")
			.with(as("hlj-admin")).contentType(MediaType.APPLICATION_JSON).content("{\"source\":\"ROSTER\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		List<String> people = com.jayway.jsonpath.JsonPath.read(body, "$[*].person");
		assertThat(people).contains("张晓东", "韩秀英", "李淑珍");
		// the same people get no second link
		mvc.perform(post("/api/v1/surveys/" + questionnaire + "/distributions/" + named + "/links?format=xlsx")
			.with(as("hlj-admin")).contentType(MediaType.APPLICATION_JSON).content("{\"source\":\"ROSTER\"}"))
			.andExpect(status().isCreated())
			.andExpect(content().contentType(SurveyFixtures.XLSX));
		byte[] xlsx = mvc.perform(post("/surveys/" + questionnaire + "/distributions/" + named + "/links").with(as("hlj-admin"))
			.with(csrf()).param("source", "COUNT")).andExpect(status().isCreated()).andReturn().getResponse().getContentAsByteArray();
		try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
			var sheet = wb.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(4).getStringCellValue()).isEqualTo("作答链接");
			assertThat(sheet.getRow(1).getCell(4).getStringCellValue()).contains("/a/");
			assertThat(wb.getAllPictures()).isNotEmpty();
		}
	}
}
