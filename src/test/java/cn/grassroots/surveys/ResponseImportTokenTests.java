package cn.grassroots.surveys;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;

/**
 * An imported row's token must be an unused per-person link of the questionnaire: the import marks
 * the link used, so it cannot answer online afterwards; a link answered online, one an earlier import
 * used, another questionnaire's, an unknown or a repeated token is a row error and nothing goes in.
 */
@IntegrationTest
class ResponseImportTokenTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	static String row(String token) {
		return token + ",GRID_WORKER,230102,2026-03-01T09:00:00+08:00,yes,,meetings,,4,3,,\n";
	}

	static String hash(String token) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
	}

	long responses(long questionnaire) {
		return jdbc.sql("SELECT COUNT(*) FROM survey_response WHERE questionnaire_id = :q").param("q", questionnaire)
			.query(Long.class).single();
	}

	Map<String, Object> link(String token) throws Exception {
		return jdbc.sql("SELECT i.id, u.used_at, u.import_job_id FROM survey_invitation i "
				+ "LEFT JOIN survey_invitation_use u ON u.invitation_id = i.id WHERE i.token_hash = :h").param("h", hash(token))
			.query().singleRow();
	}

	List<String> links(long questionnaire, boolean anonymous, int count) throws Exception {
		long distribution = Distributions.id(Distributions.create(mvc, "hlj-admin", questionnaire, "TOKENS", anonymous, "23",
				new String[] { "GRID_WORKER", "230102", Integer.toString(count) }));
		return Distributions.links(mvc, "hlj-admin", questionnaire, distribution, "COUNT");
	}

	@Test
	void anImportedTokenUsesItsLinkSoTheLinkCannotAnswerOnlineAfterwards() throws Exception {
		long q = SurveyFixtures.createQuestionnaire(mvc, "hlj-admin", SurveyFixtures.analysisForm());
		// 200 named links and 1 anonymous: a file this small holds few tokens, so they are asked for by hash
		List<String> named = links(q, false, 200);
		List<String> anonymous = links(q, true, 1);
		String job = SurveyFixtures.importCsv(mvc, "hlj-admin", q,
				SurveyFixtures.HEADER + "\n" + row(named.get(0)) + row(anonymous.get(0)) + row(""));
		assertThat((String) JsonPath.read(job, "$.state")).as(job).isEqualTo("SUCCEEDED");
		assertThat(responses(q)).isEqualTo(3);
		// a named link's response carries the link, as online answering keeps it; an anonymous one nothing
		long namedLink = ((Number) link(named.get(0)).get("id")).longValue();
		assertThat(jdbc.sql("SELECT token FROM survey_response WHERE questionnaire_id = :q ORDER BY id").param("q", q)
			.query((rs, n) -> rs.getString(1)).list()).containsExactly("link:" + namedLink, null, null);
		long jobId = ((Number) JsonPath.read(job, "$.id")).longValue();
		for (String token : List.of(named.get(0), anonymous.get(0))) {
			assertThat(link(token).get("used_at")).isNotNull();
			assertThat(((Number) link(token).get("import_job_id")).longValue()).isEqualTo(jobId);
		}
		assertThat(link(named.get(1)).get("used_at")).isNull();

		// online afterwards: the link is refused, the page says so, nothing is stored
		mvc.perform(get("/api/v1/answer/" + named.get(0))).andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("ALREADY_SUBMITTED"));
		Distributions.submit(mvc, named.get(0), AnswerTokenTests.ANSWERS).andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("ALREADY_SUBMITTED"));
		String page = mvc.perform(get("/a/" + anonymous.get(0))).andExpect(status().isConflict()).andReturn().getResponse()
			.getContentAsString();
		assertThat(page).contains("此链接已经提交");
		assertThat(responses(q)).isEqualTo(3);
		// a link the file did not name still answers
		Distributions.submit(mvc, named.get(1), AnswerTokenTests.ANSWERS).andExpect(status().isCreated());
		assertThat(responses(q)).isEqualTo(4);
	}

	@Test
	void aTokenAnsweredOnlineUsedBeforeUnknownOrRepeatedIsARowErrorAndNothingGoesIn() throws Exception {
		long q = SurveyFixtures.createQuestionnaire(mvc, "hlj-admin", SurveyFixtures.analysisForm());
		// 3 links and a file naming them all: the questionnaire's links are read into memory at once
		List<String> tokens = links(q, false, 3);
		Distributions.submit(mvc, tokens.get(0), AnswerTokenTests.ANSWERS).andExpect(status().isCreated());
		assertThat((String) JsonPath.read(SurveyFixtures.importCsv(mvc, "hlj-admin", q, SurveyFixtures.HEADER + "\n"
				+ row(tokens.get(1))), "$.state")).isEqualTo("SUCCEEDED");
		long other = SurveyFixtures.createQuestionnaire(mvc, "hlj-admin", SurveyFixtures.analysisForm());
		String othersLink = links(other, false, 1).get(0);

		String csv = SurveyFixtures.HEADER + "\n"
				+ row(tokens.get(0)) // 2: answered online
				+ row(tokens.get(1)) // 3: used by the import before
				+ row(tokens.get(2)) // 4: fine
				+ row(tokens.get(2)) // 5: the same token again
				+ row(othersLink) // 6: another questionnaire's link
				+ row("Z".repeat(32)) // 7: no such link
				+ row("n1"); // 8: not the shape of a token
		String job = SurveyFixtures.importCsv(mvc, "hlj-admin", q, csv);
		assertThat((String) JsonPath.read(job, "$.state")).isEqualTo("FAILED");
		List<Map<String, Object>> errors = JsonPath.read(job, "$.errors");
		assertThat(errors).extracting(e -> e.get("row") + ":" + e.get("column"))
			.containsExactlyInAnyOrder("2:token", "3:token", "5:token", "6:token", "7:token", "8:token");
		List<String> messages = new ArrayList<>();
		for (int r = 2; r <= 7; r++) {
			if (r != 4) {
				messages.add(JsonPath.<List<String>>read(job, "$.errors[?(@.row == " + r + ")].message").get(0));
			}
		}
		assertThat(messages).containsExactly("该 token 的链接已在线提交过答卷", "该 token 的链接已由之前的导入使用", "token 与第 4 行重复",
				"token 不是本问卷任何一人一码链接的 token", "token 不是本问卷任何一人一码链接的 token");
		// nothing went in, and the good row's link was not taken
		assertThat(responses(q)).isEqualTo(2);
		assertThat(link(tokens.get(2)).get("used_at")).isNull();
		mvc.perform(get("/api/v1/answer/" + tokens.get(2))).andExpect(status().isOk());
		// the importer is refused outside the scope as before: another province's officer queues nothing
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/api/v1/surveys/" + q + "/imports")
			.file(new org.springframework.mock.web.MockMultipartFile("file", "r.csv", "text/csv",
					(SurveyFixtures.HEADER + "\n" + row(tokens.get(2))).getBytes(StandardCharsets.UTF_8)))
			.with(as("nx-admin"))).andExpect(status().isForbidden());
		assertThat(link(tokens.get(2)).get("used_at")).isNull();
	}

	@Test
	void anImportClearsTheDraftSavedOnlineOnTheLinksItUsesAndNoOther() throws Exception {
		long q = SurveyFixtures.createQuestionnaire(mvc, "hlj-admin", SurveyFixtures.analysisForm());
		List<String> tokens = links(q, false, 2);
		for (String token : tokens) {
			mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/answer/" + token + "/draft")
				.contentType(org.springframework.http.MediaType.APPLICATION_JSON).content("{\"answers\":{\"satisfied\":\"no\"}}"))
				.andExpect(status().isNoContent());
		}
		String job = SurveyFixtures.importCsv(mvc, "hlj-admin", q, SurveyFixtures.HEADER + "\n" + row(tokens.get(0)));
		assertThat((String) JsonPath.read(job, "$.state")).as(job).isEqualTo("SUCCEEDED");
		assertThat(draft(tokens.get(0))).isNull();
		assertThat(draft(tokens.get(1))).contains("satisfied");
		mvc.perform(get("/api/v1/answer/" + tokens.get(1))).andExpect(jsonPath("$.draft.satisfied").value("no"));
	}

	String draft(String token) throws Exception {
		return (String) jdbc.sql("SELECT draft FROM survey_invitation WHERE token_hash = :h").param("h", hash(token))
			.query().singleRow().get("draft");
	}
}
