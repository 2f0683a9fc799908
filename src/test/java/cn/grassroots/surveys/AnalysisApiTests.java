package cn.grassroots.surveys;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;

/** The analysis of the six fixed responses of SurveyFixtures, against figures worked out by hand. */
@IntegrationTest
class AnalysisApiTests {

	@Autowired
	MockMvc mvc;

	long id;

	@BeforeEach
	void sixResponses() throws Exception {
		id = SurveyFixtures.createQuestionnaire(mvc, "hlj-admin", SurveyFixtures.analysisForm());
		String job = SurveyFixtures.importCsv(mvc, "hlj-admin", id,
				SurveyFixtures.sixResponses());
		assertThat((String) JsonPath.read(job, "$.state")).isEqualTo("SUCCEEDED");
	}

	String read(String user, String path, String... params) throws Exception {
		var req = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/surveys/" + id + path)
			.with(as(user));
		for (int i = 0; i < params.length; i += 2) {
			req.param(params[i], params[i + 1]);
		}
		return mvc.perform(req).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	@Test
	void summaryCountsByRoleAndRegion() throws Exception {
		String s = read("hlj-admin", "/summary");
		assertThat(((Number) JsonPath.read(s, "$.responses")).intValue()).isEqualTo(6);
		assertThat(JsonPath.<Map<String, Integer>>read(s, "$.byRole")).containsEntry("GRID_WORKER", 3)
			.containsEntry("COMMUNITY_SECRETARY", 2).containsEntry("RESIDENT", 1).containsEntry("VOLUNTEER", 0);
		assertThat(JsonPath.<Map<String, Integer>>read(s, "$.byRegion")).containsExactly(Map.entry("230100000000", 3),
				Map.entry("230200000000", 3));
		s = read("hlj-admin", "/summary", "level", "COUNTY", "region", "2301");
		assertThat(JsonPath.<Map<String, Integer>>read(s, "$.byRegion")).containsOnly(Map.entry("230102000000", 2),
				Map.entry("230103000000", 1));
		s = read("hlj-admin", "/summary", "level", "PROVINCE", "role", "网格员");
		assertThat(JsonPath.<Map<String, Integer>>read(s, "$.byRegion")).containsOnly(Map.entry("230000000000", 3));
	}

	@Test
	void figuresFollowNewResponsesAtOnce() throws Exception {
		assertThat(((Number) JsonPath.read(read("harbin-admin", "/summary"), "$.responses")).intValue()).isEqualTo(3);
		assertThat(((Number) JsonPath.read(read("hlj-admin", "/summary"), "$.responses")).intValue()).isEqualTo(6);
		String job = SurveyFixtures.importCsv(mvc, "hlj-admin", id, SurveyFixtures.HEADER + "\n"
				+ ",VOLUNTEER,230104,2026-03-04,no,太远,staff,staff,5,2,,\n");
		assertThat((String) JsonPath.read(job, "$.state")).isEqualTo("SUCCEEDED");
		String s = read("harbin-admin", "/summary");
		assertThat(((Number) JsonPath.read(s, "$.responses")).intValue()).isEqualTo(4);
		assertThat(JsonPath.<Map<String, Integer>>read(s, "$.byRole")).containsEntry("VOLUNTEER", 1);
		s = read("hlj-admin", "/statistics");
		assertThat(counts(question(s, "problems"), "count")).containsEntry("staff", 2);
		assertThat(((Number) JsonPath.read(s, "$.responses")).intValue()).isEqualTo(7);
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> question(String body, String name) {
		return JsonPath.<List<Map<String, Object>>>read(body, "$.questions[?(@.name == '" + name + "')]").get(0);
	}

	@SuppressWarnings("unchecked")
	static Map<String, Number> counts(Map<String, Object> q, String field) {
		Map<String, Number> out = new java.util.LinkedHashMap<>();
		for (Map<String, Object> c : (List<Map<String, Object>>) q.get("counts")) {
			out.put((String) c.get("value"), (Number) c.get(field));
		}
		return out;
	}

	@Test
	void statisticsOfEveryQuestion() throws Exception {
		String s = read("hlj-admin", "/statistics");
		assertThat(((Number) JsonPath.read(s, "$.responses")).intValue()).isEqualTo(6);
		assertThat(JsonPath.<List<String>>read(s, "$.questions[*].name"))
			.containsExactly("satisfied", "problems", "top3", "burden", "years");
		Map<String, Object> satisfied = question(s, "satisfied");
		assertThat(satisfied.get("answered")).isEqualTo(6);
		assertThat(counts(satisfied, "count")).containsExactly(Map.entry("yes", 3), Map.entry("no", 3));
		assertThat(counts(satisfied, "share")).containsExactly(Map.entry("yes", 0.5), Map.entry("no", 0.5));
		Map<String, Object> problems = question(s, "problems");
		assertThat(problems.get("answered")).isEqualTo(5);
		assertThat(problems.get("label")).isEqualTo("存在的问题");
		assertThat(counts(problems, "count")).containsExactly(Map.entry("meetings", 2), Map.entry("reports", 3),
				Map.entry("apps", 2), Map.entry("staff", 1));
		assertThat(counts(problems, "share")).containsExactly(Map.entry("meetings", 0.4), Map.entry("reports", 0.6),
				Map.entry("apps", 0.4), Map.entry("staff", 0.2));
		Map<String, Object> burden = question(s, "burden");
		assertThat(counts(burden, "count")).containsExactly(Map.entry("1", 1), Map.entry("2", 1), Map.entry("3", 1),
				Map.entry("4", 1), Map.entry("5", 2));
		assertThat(((Number) burden.get("mean")).doubleValue()).isEqualTo(3.3333);
		Map<String, Object> years = question(s, "years");
		assertThat(years.get("answered")).isEqualTo(5);
		assertThat(((Number) years.get("mean")).doubleValue()).isEqualTo(8.2);
		assertThat(((Number) years.get("min")).doubleValue()).isEqualTo(1.0);
		assertThat(((Number) years.get("max")).doubleValue()).isEqualTo(20.0);
		s = read("hlj-admin", "/statistics", "role", "GRID_WORKER", "lang", "en");
		assertThat(counts(question(s, "satisfied"), "count")).containsExactly(Map.entry("yes", 1), Map.entry("no", 2));
		assertThat(question(s, "problems").get("label")).isEqualTo("Problems");
	}

	@Test
	void crosstabsOfQuestionsRolesAndRegions() throws Exception {
		String c = read("hlj-admin", "/crosstab", "row", "satisfied", "col", "role");
		assertThat(JsonPath.<List<String>>read(c, "$.rows")).containsExactly("yes", "no");
		List<String> cols = JsonPath.read(c, "$.cols");
		List<List<Integer>> counts = JsonPath.read(c, "$.counts");
		int grid = cols.indexOf("GRID_WORKER");
		int secretary = cols.indexOf("COMMUNITY_SECRETARY");
		int resident = cols.indexOf("RESIDENT");
		assertThat(List.of(counts.get(0).get(grid), counts.get(0).get(secretary), counts.get(0).get(resident))).containsExactly(1, 1, 1);
		assertThat(List.of(counts.get(1).get(grid), counts.get(1).get(secretary), counts.get(1).get(resident))).containsExactly(2, 1, 0);

		c = read("hlj-admin", "/crosstab", "row", "problems", "col", "satisfied");
		assertThat(JsonPath.<List<String>>read(c, "$.cols")).containsExactly("yes", "no");
		assertThat(JsonPath.<List<List<Integer>>>read(c, "$.counts"))
			.containsExactly(List.of(2, 0), List.of(1, 2), List.of(0, 2), List.of(0, 1));

		c = read("hlj-admin", "/crosstab", "row", "satisfied", "col", "region", "level", "CITY");
		assertThat(JsonPath.<List<String>>read(c, "$.cols")).containsExactly("230100000000", "230200000000");
		assertThat(JsonPath.<List<List<Integer>>>read(c, "$.counts")).containsExactly(List.of(2, 1), List.of(1, 2));

		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.get("/api/v1/surveys/" + id + "/crosstab").param("row", "years").param("col", "role").with(as("hlj-admin")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("row"));
	}

	@Test
	void rankedProblemsByPointsAndCounts() throws Exception {
		String r = read("hlj-admin", "/ranking", "question", "top3");
		assertThat((String) JsonPath.read(r, "$.measure")).isEqualTo("points");
		assertThat(JsonPath.<List<String>>read(r, "$.items[*].value")).containsExactly("reports", "apps", "meetings", "staff");
		assertThat(JsonPath.<List<Integer>>read(r, "$.items[*].points")).containsExactly(7, 7, 6, 3);
		assertThat(JsonPath.<List<Integer>>read(r, "$.items[*].count")).containsExactly(3, 3, 3, 1);
		assertThat(JsonPath.<List<Integer>>read(r, "$.items[*].first")).containsExactly(1, 2, 1, 1);
		r = read("hlj-admin", "/ranking", "question", "problems");
		assertThat((String) JsonPath.read(r, "$.measure")).isEqualTo("count");
		assertThat(JsonPath.<List<String>>read(r, "$.items[*].value")).containsExactly("reports", "meetings", "apps", "staff");
	}

	@Test
	void aCityOfficerSeesOnlyTheirCitysResponses() throws Exception {
		String s = read("harbin-admin", "/summary", "level", "COUNTY");
		assertThat(((Number) JsonPath.read(s, "$.responses")).intValue()).isEqualTo(3);
		assertThat(JsonPath.<Map<String, Integer>>read(s, "$.byRegion")).containsOnly(Map.entry("230102000000", 2),
				Map.entry("230103000000", 1));
		s = read("harbin-admin", "/statistics");
		assertThat(counts(question(s, "satisfied"), "count")).containsExactly(Map.entry("yes", 2), Map.entry("no", 1));
		assertThat(counts(question(s, "problems"), "count")).containsExactly(Map.entry("meetings", 2),
				Map.entry("reports", 2), Map.entry("apps", 1), Map.entry("staff", 0));
		String c = read("harbin-admin", "/crosstab", "row", "satisfied", "col", "region", "level", "PROVINCE");
		assertThat(JsonPath.<List<List<Integer>>>read(c, "$.counts")).containsExactly(List.of(2), List.of(1));
		String r = read("harbin-admin", "/ranking", "question", "top3");
		assertThat(((Number) JsonPath.read(r, "$.responses")).intValue()).isEqualTo(3);
		// the community secretary's grant reaches one community: one response
		s = read("hlj-secretary", "/summary");
		assertThat(((Number) JsonPath.read(s, "$.responses")).intValue()).isEqualTo(1);

		for (String path : List.of("/summary", "/statistics", "/crosstab?row=satisfied&col=role", "/ranking?question=top3")) {
			mvc.perform(get("/api/v1/surveys/" + id + path).with(as("nx-admin"))).andExpect(status().isForbidden());
			mvc.perform(get("/api/v1/surveys/" + id + path).with(as("hlj-grid"))).andExpect(status().isForbidden());
		}
		mvc.perform(get("/api/v1/surveys/" + id + "/summary").param("region", "2302").with(as("harbin-admin")))
			.andExpect(status().isForbidden());
	}
}
