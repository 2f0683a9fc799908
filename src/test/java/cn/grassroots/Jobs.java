package cn.grassroots;

import static cn.grassroots.Api.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

/** Test helper: background jobs run asynchronously, so tests poll their state with a bounded wait. */
public final class Jobs {

	private static final int MAX_POLLS = 1200;

	private Jobs() {
	}

	/** Polls GET /api/v1/jobs/{id} as the user until the job has finished; returns its body. */
	public static String awaitFinished(MockMvc mvc, String username, long jobId) throws Exception {
		for (int i = 0; i < MAX_POLLS; i++) {
			String body = mvc.perform(get("/api/v1/jobs/" + jobId).with(as(username)))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			String state = JsonPath.read(body, "$.state");
			if (state.equals("SUCCEEDED") || state.equals("FAILED")) {
				return body;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("job " + jobId + " did not finish");
	}

	public static long id(String body, String path) {
		return ((Number) JsonPath.read(body, path)).longValue();
	}
}
