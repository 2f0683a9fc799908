package cn.grassroots.surveys;

import static cn.grassroots.Api.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import com.jayway.jsonpath.JsonPath;

import tools.jackson.databind.json.JsonMapper;

/** Test helpers for distribution and answering over the API. */
public final class Distributions {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private Distributions() {
	}

	public static String json(Object o) {
		return JSON.writeValueAsString(o);
	}

	/** A distribution open from now for a day; targets as [role, region, count] triples. Returns the created body. */
	public static String create(MockMvc mvc, String user, long questionnaire, String kind, boolean anonymous, String region,
			String[]... targets) throws Exception {
		List<Map<String, Object>> t = java.util.Arrays.stream(targets)
			.map(x -> Map.<String, Object>of("role", x[0], "region", x[1], "count", Integer.parseInt(x[2])))
			.toList();
		Map<String, Object> body = new java.util.LinkedHashMap<>();
		body.put("name", "发放 " + kind);
		body.put("kind", kind);
		body.put("anonymous", anonymous);
		body.put("region", region);
		body.put("closesAt", Instant.now().plus(1, ChronoUnit.DAYS).toString());
		body.put("targets", t);
		return mvc.perform(post("/api/v1/surveys/" + questionnaire + "/distributions").with(as(user))
			.contentType(MediaType.APPLICATION_JSON).content(json(body)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
	}

	public static long id(String body) {
		return ((Number) JsonPath.read(body, "$.id")).longValue();
	}

	/** Makes links (COUNT or ROSTER) and returns their tokens. */
	public static List<String> links(MockMvc mvc, String user, long questionnaire, long distribution, String source)
			throws Exception {
		String body = mvc.perform(post("/api/v1/surveys/" + questionnaire + "/distributions/" + distribution + "/links")
			.with(as(user)).contentType(MediaType.APPLICATION_JSON).content("{\"source\":\"" + source + "\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return JsonPath.read(body, "$[*].token");
	}

	public static ResultActions submit(MockMvc mvc, String token, Map<String, ?> answers) throws Exception {
		return mvc.perform(post("/api/v1/answer/" + token).contentType(MediaType.APPLICATION_JSON)
			.content(json(Map.of("answers", answers))));
	}
}
