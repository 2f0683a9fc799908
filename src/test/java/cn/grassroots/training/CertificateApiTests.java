package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static cn.grassroots.training.TrainingFixtures.json;
import static cn.grassroots.training.TrainingFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import com.jayway.jsonpath.JsonPath;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;

import cn.grassroots.IntegrationTest;

@IntegrationTest
class CertificateApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	TrainingFixtures fx;

	@BeforeEach
	void setUp() {
		fx = new TrainingFixtures(mvc, jdbc);
	}

	private ResultActions post(String account, String uri, String body) throws Exception {
		return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(uri).with(as(account))
			.contentType(MediaType.APPLICATION_JSON).content(json(body)));
	}

	private long enrolment(long programme, long person) {
		return jdbc.sql("SELECT id FROM training_enrolment WHERE programme_id = :p AND person_id = :x").param("p", programme)
			.param("x", person).query(Long.class).single();
	}

	private void finalMark(long test, long question, long classroom, long person, String mark) {
		jdbc.sql("INSERT INTO training_submission (test_id, person_id, classroom_id, submitted_at) VALUES (:t, :x, :c, CURRENT_TIMESTAMP)")
			.param("t", test).param("x", person).param("c", classroom).update();
		long s = jdbc.sql("SELECT id FROM training_submission WHERE test_id = :t AND person_id = :x").param("t", test)
			.param("x", person).query(Long.class).single();
		jdbc.sql("INSERT INTO training_answer (submission_id, question_id, response, mark, marked_by) VALUES (:s, :q, '答', :m, 'test')")
			.param("s", s).param("q", question).param("m", new java.math.BigDecimal(mark)).update();
	}

	@Test
	void aTraineeWhoCompletedGetsACertificateAnyoneCanVerify() throws Exception {
		long p = fx.programme();
		String programmeName = jdbc.sql("SELECT name FROM training_programme WHERE id = :id").param("id", p).query(String.class).single();
		long classroom = fx.classroom(p, "BRANCH", TrainingFixtures.HARBIN);
		post("hlj-admin", "/api/v1/training/classrooms/" + classroom + "/staff", "{'personId':" + fx.personOf("hlj-teacher")
				+ ",'role':'HEAD_TEACHER'}").andExpect(status().isCreated());
		long secretary = fx.personOf("hlj-secretary");
		long absentee = 700_000_000L + p;
		fx.enrolConfirmed(p, classroom, secretary);
		jdbc.sql("INSERT INTO training_enrolment (programme_id, classroom_id, person_id, person_name, region_code, status, created_at)"
				+ " VALUES (:p, :c, :x, '缺课学员', 230100000000, 'CONFIRMED', CURRENT_TIMESTAMP)")
			.param("p", p).param("c", classroom).param("x", absentee).update();
		post("hlj-teacher", "/api/v1/training/classrooms/" + classroom + "/plan/versions", "{}").andExpect(status().isCreated());
		long session = TrainingFixtures.id(post("hlj-teacher", "/api/v1/training/classrooms/" + classroom + "/plan/sessions",
				"{'date':'2026-06-19','start':'08:00','end':'12:00','hours':7,'title':'" + unique("案例") + "','courseType':'CASE',"
						+ "'delivery':'OFFLINE'}").andReturn().getResponse().getContentAsString());
		mvc.perform(put("/api/v1/training/sessions/" + session + "/attendance").with(as("hlj-teacher"))
			.contentType(MediaType.APPLICATION_JSON).content(json("{'marks':[{'personId':" + secretary + ",'status':'PRESENT'},"
					+ "{'personId':" + absentee + ",'status':'ABSENT'}]}")))
			.andExpect(status().isOk());
		long question = TrainingFixtures.id(post("hlj-admin", "/api/v1/training/programmes/" + p + "/questions",
				"{'kind':'SHORT','stem':'结业论述','answer':'要点','maxMark':10}").andReturn().getResponse().getContentAsString());
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		long test = TrainingFixtures.id(post("hlj-admin", "/api/v1/training/programmes/" + p + "/tests", "{'kind':'FINAL','title':'结业测试',"
				+ "'opensAt':'" + now.minusHours(1) + "','closesAt':'" + now.plusHours(1) + "','questionIds':[" + question + "]}")
			.andReturn().getResponse().getContentAsString());
		finalMark(test, question, classroom, secretary, "8");
		finalMark(test, question, classroom, absentee, "9");

		// appraisal by the head teacher; not by the trainee, not from another province
		post("hlj-secretary", "/api/v1/training/enrolments/" + enrolment(p, secretary) + "/appraisal", "{'passed':true}")
			.andExpect(status().isForbidden());
		post("nx-admin", "/api/v1/training/enrolments/" + enrolment(p, secretary) + "/appraisal", "{'passed':true}")
			.andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/training/classrooms/" + classroom + "/completion").with(as("hlj-teacher")))
			.andExpect(jsonPath("$[?(@.personId == " + secretary + ")].completed").value(org.hamcrest.Matchers.contains(false)));
		post("hlj-teacher", "/api/v1/training/enrolments/" + enrolment(p, secretary) + "/appraisal", "{'passed':true,'comment':'表现良好'}")
			.andExpect(status().isOk());
		post("hlj-teacher", "/api/v1/training/enrolments/" + enrolment(p, absentee) + "/appraisal", "{'passed':true}")
			.andExpect(status().isOk());
		String completion = mvc.perform(get("/api/v1/training/classrooms/" + classroom + "/completion").with(as("hlj-teacher")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<java.util.List<Boolean>>read(completion, "$[?(@.personId == " + secretary + ")].completed")).containsExactly(true);
		assertThat(JsonPath.<java.util.List<Boolean>>read(completion, "$[?(@.personId == " + absentee + ")].attendanceOk")).containsExactly(false);
		assertThat(JsonPath.<java.util.List<Boolean>>read(completion, "$[?(@.personId == " + absentee + ")].completed")).containsExactly(false);

		// only a manager issues; once
		post("hlj-teacher", "/api/v1/training/classrooms/" + classroom + "/certificates", "{}").andExpect(status().isForbidden());
		post("harbin-admin", "/api/v1/training/classrooms/" + classroom + "/certificates", "{}").andExpect(status().isOk())
			.andExpect(jsonPath("$.issued").value(1));
		post("harbin-admin", "/api/v1/training/classrooms/" + classroom + "/certificates", "{}").andExpect(jsonPath("$.issued").value(0));
		String code = jdbc.sql("SELECT code FROM training_certificate WHERE enrolment_id = :e").param("e", enrolment(p, secretary))
			.query(String.class).single();
		long certificate = jdbc.sql("SELECT id FROM training_certificate WHERE code = :c").param("c", code).query(Long.class).single();
		assertThat(fx.count("SELECT COUNT(*) FROM training_certificate WHERE programme_id = :id", p)).isEqualTo(1);

		// verification without login: the holder masked
		mvc.perform(get("/api/v1/certificates/" + code)).andExpect(status().isOk())
			.andExpect(jsonPath("$.code").value(code))
			.andExpect(jsonPath("$.holder").value("李*珍"))
			.andExpect(jsonPath("$.programme").value(programmeName))
			.andExpect(jsonPath("$.hours").value(7.0));
		mvc.perform(get("/api/v1/certificates/" + code.toLowerCase())).andExpect(status().isOk());
		mvc.perform(get("/api/v1/certificates/ABCDEFGHJKLM")).andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		mvc.perform(get("/api/v1/certificates/x")).andExpect(status().isNotFound());
		// the public page the QR code leads to
		mvc.perform(get("/certificates/" + code)).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("李*珍")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("certificate-valid")))
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("李淑珍"))));
		mvc.perform(get("/certificates/ABCDEFGHJKLM")).andExpect(status().isNotFound())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("certificate-invalid")));

		// the PDF carries the Chinese text and the code; its holder and the officers may fetch it
		byte[] pdf = mvc.perform(get("/api/v1/training/certificates/" + certificate + "/pdf").with(as("hlj-secretary")))
			.andExpect(status().isOk()).andExpect(content().contentType(MediaType.APPLICATION_PDF))
			.andReturn().getResponse().getContentAsByteArray();
		String text = new PdfTextExtractor(new PdfReader(pdf)).getTextFromPage(1);
		assertThat(text).contains("结业证书").contains("李淑珍").contains(code).contains("/certificates/" + code);
		mvc.perform(get("/api/v1/training/certificates/" + certificate + "/pdf").with(as("harbin-admin"))).andExpect(status().isOk());
		mvc.perform(get("/api/v1/training/certificates/" + certificate + "/pdf").with(as("nx-admin"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/training/certificates/" + certificate + "/pdf").with(as("hlj-grid"))).andExpect(status().isForbidden());
	}

	@Test
	void namesAreMaskedButTheFirstAndLastCharacter() {
		assertThat(cn.grassroots.training.internal.CompletionService.maskName("李淑珍")).isEqualTo("李*珍");
		assertThat(cn.grassroots.training.internal.CompletionService.maskName("王强")).isEqualTo("王*");
		assertThat(cn.grassroots.training.internal.CompletionService.maskName("欧阳明月")).isEqualTo("欧**月");
	}
}
