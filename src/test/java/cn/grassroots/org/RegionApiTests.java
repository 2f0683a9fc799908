package cn.grassroots.org;

import static cn.grassroots.Api.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import cn.grassroots.IntegrationTest;

@IntegrationTest
class RegionApiTests {

	@Autowired
	MockMvc mvc;

	@Test
	void aRegionIsShownWithItsTwelveDigitCodePathAndCounts() throws Exception {
		mvc.perform(get("/api/v1/regions/230102001").with(as("hlj-teacher")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.code").value("230102001000"))
			.andExpect(jsonPath("$.name").value("兆麟街道"))
			.andExpect(jsonPath("$.level").value("TOWNSHIP"))
			.andExpect(jsonPath("$.kind").value("STREET"))
			.andExpect(jsonPath("$.parentCode").value("230102000000"))
			.andExpect(jsonPath("$.path").value("黑龙江省 / 哈尔滨市 / 道里区 / 兆麟街道"))
			.andExpect(jsonPath("$.childCount").isNumber());
	}

	@Test
	void heilongjiangHoldsEveryDivisionOfTheData() throws Exception {
		mvc.perform(get("/api/v1/regions/23").with(as("hlj-teacher")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.childCount").value(13))
			.andExpect(jsonPath("$.countsBelow.CITY").value(13))
			.andExpect(jsonPath("$.countsBelow.COUNTY").value(126))
			.andExpect(jsonPath("$.countsBelow.TOWNSHIP").value(1703))
			.andExpect(jsonPath("$.countsBelow.VILLAGE").value(13877));
		mvc.perform(get("/api/v1/regions/64").with(as("hlj-teacher")))
			.andExpect(jsonPath("$.countsBelow.VILLAGE").value(2912));
	}

	@Test
	void villageKindsComeFromTheCodeRange() throws Exception {
		mvc.perform(get("/api/v1/regions/230102001001").with(as("hlj-teacher")))
			.andExpect(jsonPath("$.level").value("VILLAGE"))
			.andExpect(jsonPath("$.kind").value("COMMUNITY"));
	}

	@Test
	void searchByNameReturnsEveryMatchWithItsPath() throws Exception {
		mvc.perform(get("/api/v1/regions").param("q", "红旗村委会").param("size", "100").with(as("hlj-teacher")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.page.totalElements").value(34))
			.andExpect(jsonPath("$.content[0].path").value(org.hamcrest.Matchers.startsWith("黑龙江省 / ")));
		mvc.perform(get("/api/v1/regions").param("q", "红旗村委会").param("within", "23").with(as("hlj-teacher")))
			.andExpect(jsonPath("$.page.totalElements").value(29))
			.andExpect(jsonPath("$.page.size").value(20))
			.andExpect(jsonPath("$.page.totalPages").value(2));
	}

	@Test
	void searchByCodePrefix() throws Exception {
		mvc.perform(get("/api/v1/regions").param("q", "230102001").with(as("hlj-teacher")))
			.andExpect(jsonPath("$.content[0].code").value("230102001000"));
	}

	@Test
	void childrenArePaged() throws Exception {
		mvc.perform(get("/api/v1/regions/23/children").param("size", "5").with(as("hlj-teacher")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content.length()").value(5))
			.andExpect(jsonPath("$.page.totalElements").value(13))
			.andExpect(jsonPath("$.content[0].code").value("230100000000"));
	}

	@Test
	void otherProvincesGoDownToCounty() throws Exception {
		mvc.perform(get("/api/v1/regions/110101").with(as("hlj-teacher")))
			.andExpect(jsonPath("$.name").value("东城区"))
			.andExpect(jsonPath("$.childCount").value(0));
	}

	@Test
	void malformedCodesAreBadRequestsWithAProblemBody() throws Exception {
		for (String bad : new String[] { "abc", "123", "2301020010019" }) {
			mvc.perform(get("/api/v1/regions/" + bad).with(as("hlj-teacher")))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
				.andExpect(jsonPath("$.errors[0].field").value("code"));
		}
		mvc.perform(get("/api/v1/regions").param("size", "101").with(as("hlj-teacher")))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/regions").param("page", "x").with(as("hlj-teacher")))
			.andExpect(status().isBadRequest());
	}

	@Test
	void unknownCodesAreNotFound() throws Exception {
		mvc.perform(get("/api/v1/regions/239999").with(as("hlj-teacher")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
	}

	@Test
	void theTreeNeedsALogin() throws Exception {
		mvc.perform(get("/api/v1/regions/23")).andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		mvc.perform(get("/api/v1/regions/23").with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic("nobody", "wrong")))
			.andExpect(status().isUnauthorized());
	}
}
