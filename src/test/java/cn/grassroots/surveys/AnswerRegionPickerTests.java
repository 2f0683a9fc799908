package cn.grassroots.surveys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;

/**
 * The region picker of the public answering page: the regions under a parent, level by level, only
 * within the distribution's region, and only for a link still taking answers.
 */
@IntegrationTest
class AnswerRegionPickerTests {

	@Autowired
	MockMvc mvc;

	/** Links of a distribution over Harbin (2301), for the every-type questionnaire (it has a region question). */
	List<String> harbinLinks(int count) throws Exception {
		long q = SurveyFixtures.createQuestionnaire(mvc, "hlj-admin",
				XlsformFiles.everyType("r" + UUID.randomUUID().toString().substring(0, 8)).bytes());
		long d = Distributions.id(Distributions.create(mvc, "hlj-admin", q, "TOKENS", true, "2301",
				new String[] { "GRID_WORKER", "230102", Integer.toString(count) }));
		return Distributions.links(mvc, "hlj-admin", q, d, "COUNT");
	}

	String fragment(String path, int status) throws Exception {
		return mvc.perform(get(path)).andExpect(status().is(status)).andReturn().getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
	}

	@Test
	void theCascadeOffersTheLevelsBelowTheDistributionsRegionOneAtATime() throws Exception {
		String token = harbinLinks(1).get(0);
		// the page: the first level (Harbin's districts) over the code field, hidden until the script runs
		String page = fragment("/a/" + token, 200);
		assertThat(page).contains("class=\"ans-region\"").contains("value=\"230102000000\"").contains("name=\"home\"")
			.doesNotContain("value=\"230200000000\"");
		// the next levels as fragments: Daoli's streets, then Zhaolin street's communities
		String streets = fragment("/a/" + token + "/regions?parent=230102", 200);
		assertThat(streets).contains("<select").contains("兆麟街道").contains("value=\"230102001000\"")
			.contains("data-level=\"TOWNSHIP\"");
		String communities = fragment("/a/" + token + "/regions?parent=230102001000", 200);
		assertThat(communities).contains("省报社社区").contains("data-leaf=\"true\"");
		// the bottom of the tree: nothing more
		assertThat(fragment("/a/" + token + "/regions?parent=230102001001", 200)).isBlank();
		// the JSON twin
		String json = mvc.perform(get("/api/v1/answer/" + token + "/regions").param("parent", "230102")
			.accept(MediaType.APPLICATION_JSON)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		List<Map<String, Object>> regions = JsonPath.read(json, "$");
		assertThat(regions).isNotEmpty().allSatisfy(r -> {
			assertThat((String) r.get("code")).startsWith("230102");
			assertThat(r.get("level")).isEqualTo("TOWNSHIP");
		});
		assertThat(regions).extracting(r -> r.get("name")).contains("兆麟街道");
		// without a parent: the distribution's region's children
		assertThat(JsonPath.<List<String>>read(mvc.perform(get("/api/v1/answer/" + token + "/regions"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), "$[*].code"))
			.isNotEmpty().allSatisfy(c -> assertThat(c).startsWith("2301"));
	}

	@Test
	void aParentOutsideTheDistributionsRegionGetsNothing() throws Exception {
		String token = harbinLinks(1).get(0);
		// Qiqihar's districts, the province above Harbin, a code that is no region at all
		for (String parent : List.of("230200000000", "2302", "23", "230000000000", "abc")) {
			assertThat(fragment("/a/" + token + "/regions?parent=" + parent, 404)).doesNotContain("<option");
			mvc.perform(get("/api/v1/answer/" + token + "/regions").param("parent", parent))
				.andExpect(status().isNotFound());
		}
	}

	@Test
	void anUnknownOrUsedLinkGets404() throws Exception {
		List<String> tokens = harbinLinks(1);
		String unknown = "Q".repeat(32);
		assertThat(fragment("/a/" + unknown + "/regions?parent=230102", 404)).doesNotContain("<option");
		mvc.perform(get("/api/v1/answer/" + unknown + "/regions")).andExpect(status().isNotFound());
		mvc.perform(get("/a/o/" + unknown + "/regions")).andExpect(status().isNotFound());

		String token = tokens.get(0);
		Distributions.submit(mvc, token, Map.of("position", "resident", "city", "harbin", "years", "3"))
			.andExpect(status().isCreated());
		assertThat(fragment("/a/" + token + "/regions?parent=230102", 404)).doesNotContain("<option");
		mvc.perform(get("/api/v1/answer/" + token + "/regions").param("parent", "230102"))
			.andExpect(status().isNotFound());
	}
}
