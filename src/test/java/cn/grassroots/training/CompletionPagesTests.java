package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static cn.grassroots.training.TrainingFixtures.json;
import static cn.grassroots.training.TrainingFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.grassroots.IntegrationTest;

/** Completion from the desk: what each trainee's completion stands on, the head teacher's appraisal, certificates issued and fetched. */
@IntegrationTest
class CompletionPagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	TrainingFixtures fx;

	@BeforeEach
	void setUp() {
		fx = new TrainingFixtures(mvc, jdbc);
	}

	private String post(String account, String uri, String body) throws Exception {
		return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(uri).with(as(account))
			.contentType(MediaType.APPLICATION_JSON).content(json(body))).andReturn().getResponse().getContentAsString();
	}

	@Test
	void theHeadTeacherAppraisesAndTheCityIssuesCertificatesFromTheCompletionPage() throws Exception {
		long p = fx.programme();
		long classroom = fx.classroom(p, "BRANCH", TrainingFixtures.HARBIN);
		post("hlj-admin", "/api/v1/training/classrooms/" + classroom + "/staff",
				"{'personId':" + fx.personOf("hlj-teacher") + ",'role':'HEAD_TEACHER'}");
		long secretary = fx.personOf("hlj-secretary");
		fx.enrolConfirmed(p, classroom, secretary);
		post("hlj-teacher", "/api/v1/training/classrooms/" + classroom + "/plan/versions", "{}");
		long session = TrainingFixtures.id(post("hlj-teacher", "/api/v1/training/classrooms/" + classroom + "/plan/sessions",
				"{'date':'2026-06-19','start':'08:00','end':'12:00','hours':7,'title':'" + unique("案例") + "','courseType':'CASE',"
						+ "'delivery':'OFFLINE'}"));
		mvc.perform(put("/api/v1/training/sessions/" + session + "/attendance").with(as("hlj-teacher"))
			.contentType(MediaType.APPLICATION_JSON).content(json("{'marks':[{'personId':" + secretary + ",'status':'PRESENT'}]}")))
			.andExpect(status().isOk());
		long question = TrainingFixtures.id(post("hlj-admin", "/api/v1/training/programmes/" + p + "/questions",
				"{'kind':'SHORT','stem':'结业论述','answer':'要点','maxMark':10}"));
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		long test = TrainingFixtures.id(post("hlj-admin", "/api/v1/training/programmes/" + p + "/tests", "{'kind':'FINAL','title':'结业测试',"
				+ "'opensAt':'" + now.minusHours(1) + "','closesAt':'" + now.plusHours(1) + "','questionIds':[" + question + "]}"));
		jdbc.sql("INSERT INTO training_submission (test_id, person_id, classroom_id, submitted_at) VALUES (:t, :x, :c, CURRENT_TIMESTAMP)")
			.param("t", test).param("x", secretary).param("c", classroom).update();
		long s = jdbc.sql("SELECT id FROM training_submission WHERE test_id = :t AND person_id = :x").param("t", test)
			.param("x", secretary).query(Long.class).single();
		jdbc.sql("INSERT INTO training_answer (submission_id, question_id, response, mark, marked_by) VALUES (:s, :q, '答', :m, 'test')")
			.param("s", s).param("q", question).param("m", new BigDecimal("8")).update();
		long enrolment = jdbc.sql("SELECT id FROM training_enrolment WHERE programme_id = :p AND person_id = :x").param("p", p)
			.param("x", secretary).query(Long.class).single();

		String page = "/training/classrooms/" + classroom + "/completion";
		mvc.perform(get(page).with(as("hlj-teacher")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("80.0%")))
			.andExpect(content().string(containsString("/appraisals/" + enrolment)))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("issue-certificates"))));
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(page.replace("completion", "appraisals/" + enrolment))
				.with(csrf()).with(as("hlj-secretary")).param("passed", "true"))
			.andExpect(status().is(anyOf(is(403), is(404))));
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(page.replace("completion", "appraisals/" + enrolment))
				.with(csrf()).with(as("hlj-teacher")).param("passed", "true"))
			.andExpect(status().is3xxRedirection());
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(page.replace("completion", "certificates"))
				.with(csrf()).with(as("hlj-teacher")))
			.andExpect(status().isForbidden());
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(page.replace("completion", "certificates"))
				.with(csrf()).with(as("harbin-admin")))
			.andExpect(status().is3xxRedirection());
		String code = jdbc.sql("SELECT code FROM training_certificate WHERE enrolment_id = :e").param("e", enrolment)
			.query(String.class).single();
		mvc.perform(get(page).with(as("harbin-admin")))
			.andExpect(content().string(containsString("/training/certificates/" + code + ".pdf")))
			.andExpect(content().string(containsString("issue-certificates")));

		// the holder fetches it from their record; another province cannot
		mvc.perform(get("/training/record").with(as("hlj-secretary")))
			.andExpect(content().string(containsString("/training/certificates/" + code + ".pdf")));
		byte[] pdf = mvc.perform(get("/training/certificates/" + code + ".pdf").with(as("hlj-secretary")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
		mvc.perform(get("/training/certificates/" + code + ".pdf").with(as("nx-admin"))).andExpect(status().isForbidden());
		mvc.perform(get(page).with(as("nx-admin"))).andExpect(status().is(anyOf(is(403), is(404))));
		mvc.perform(get(page).with(as("hlj-secretary"))).andExpect(status().is(anyOf(is(403), is(404))));
	}
}
