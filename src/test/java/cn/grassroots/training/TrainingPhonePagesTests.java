package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;

/**
 * The trainee's and head teacher's phone pages on the demo programme: hlj-secretary's timetable
 * (relayed sessions included), a quiz taken with answers saved as they go and submitted once,
 * leave, record; hlj-teacher's QR page, roster marking in one request and leave approval; and
 * everyone outside refused.
 */
@IntegrationTest
class TrainingPhonePagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	private long programme() {
		return jdbc.sql("SELECT id FROM training_programme WHERE name LIKE '%全省社区党组织书记常态化培训班' ORDER BY id")
			.query(Long.class).list().get(0);
	}

	private long classroom(String name) {
		return jdbc.sql("SELECT id FROM training_classroom WHERE programme_id = :p AND name = :n").param("p", programme())
			.param("n", name).query(Long.class).single();
	}

	private long todaysSession(long classroomId) {
		return jdbc.sql("""
				SELECT s.id FROM training_session s JOIN training_plan p ON p.id = s.plan_id
				WHERE p.classroom_id = :c AND s.session_date = :d
				  AND p.version_no = (SELECT MAX(version_no) FROM training_plan WHERE classroom_id = :c)
				ORDER BY s.start_time""")
			.param("c", classroomId).param("d", LocalDate.now(ZoneId.of("Asia/Shanghai"))).query(Long.class).list().get(0);
	}

	/** A quiz of 3 questions of the demo bank (single, multiple, short), open now, made by hlj-admin. */
	private long openQuiz(List<Long> questions) throws Exception {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8));
		String body = "{\"kind\":\"QUIZ\",\"title\":\"随堂测试" + System.nanoTime() + "\",\"opensAt\":\"" + now.minusHours(1)
				+ "\",\"closesAt\":\"" + now.plusHours(2) + "\",\"questionIds\":" + questions + "}";
		String created = mvc.perform(post("/api/v1/training/programmes/" + programme() + "/tests").with(as("hlj-admin"))
			.contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isCreated()).andReturn().getResponse()
			.getContentAsString();
		return ((Number) JsonPath.read(created, "$.id")).longValue();
	}

	private long question(String kind, int n) {
		return jdbc.sql("SELECT id FROM training_question WHERE programme_id = :p AND kind = :k ORDER BY id")
			.param("p", programme()).param("k", kind).query(Long.class).list().get(n);
	}

	@Test
	void theTraineeSeesHerTimetableWithTheRelayedLiveSessionsAndHerAttendance() throws Exception {
		mvc.perform(get("/training/me").with(as("hlj-secretary")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("道里区分课堂")))
			.andExpect(content().string(containsString("转播")))
			.andExpect(content().string(containsString("已签到")))
			.andExpect(content().string(containsString("data-testid=\"phone-tabs\"")));
		// another account enrolled nowhere sees that it has no programme, not someone else's (other tests
		// enrol some demo people, so the account is picked by the data, a person's first)
		String nowhere = jdbc.sql("""
				SELECT a.username FROM account a WHERE a.username IN ('hlj-grid', 'zhaolin-street', 'nx-civil', 'nx-social')
				AND (a.person_id IS NULL OR NOT EXISTS (SELECT 1 FROM training_enrolment e WHERE e.person_id = a.person_id))
				ORDER BY CASE WHEN a.person_id IS NULL THEN 1 ELSE 0 END, a.username""").query(String.class).list().get(0);
		mvc.perform(get("/training/me").with(as(nowhere)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"no-classroom\"")))
			.andExpect(content().string(not(containsString("道里区分课堂"))));
		// a classroom she is not in is refused
		mvc.perform(get("/training/me").param("classroom", Long.toString(classroom("鸡西市分课堂"))).with(as("hlj-secretary")))
			.andExpect(status().isForbidden());
	}

	@Test
	void aQuizIsAnsweredAsItGoesSubmittedOnceAndChoiceQuestionsAreMarkedAtOnce() throws Exception {
		long single = question("SINGLE", 0);
		long multiple = question("MULTIPLE", 0);
		long shortAnswer = question("SHORT", 0);
		long quiz = openQuiz(List.of(single, multiple, shortAnswer));
		mvc.perform(get("/training/me/tests").with(as("hlj-secretary"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"test-" + quiz + "\"")));
		mvc.perform(get("/training/me/tests/" + quiz).with(as("hlj-secretary"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"test-form\"")));
		// answers kept as they are given
		mvc.perform(post("/training/me/tests/" + quiz + "/answers").with(as("hlj-secretary")).with(csrf())
			.param("questionId", Long.toString(single)).param("q" + single, "A"))
			.andExpect(status().isOk()).andExpect(content().string(containsString("已保存")));
		mvc.perform(post("/training/me/tests/" + quiz + "/answers").with(as("hlj-secretary")).with(csrf())
			.param("questionId", Long.toString(multiple)).param("q" + multiple, "A", "B", "C"))
			.andExpect(status().isOk());
		assertThat(jdbc.sql("SELECT response FROM training_answer_draft WHERE test_id = :t AND question_id = :q")
			.param("t", quiz).param("q", multiple).query(String.class).single()).isEqualTo("A,B,C");
		// the page shows the kept answers again (a reload or another phone)
		mvc.perform(get("/training/me/tests/" + quiz).with(as("hlj-secretary")))
			.andExpect(content().string(containsString("value=\"A\" checked")));
		// someone who is not a trainee of the programme cannot keep answers in it
		mvc.perform(post("/training/me/tests/" + quiz + "/answers").with(as("hlj-grid")).with(csrf())
			.param("questionId", Long.toString(single)).param("q" + single, "A"))
			.andExpect(status().isForbidden());
		// submitted once: the choice questions are marked, the short answer waits for a marker
		mvc.perform(post("/training/me/tests/" + quiz + "/submit").with(as("hlj-secretary")).with(csrf())
			.param("q" + single, "A").param("q" + multiple, "A", "B", "C").param("q" + shortAnswer, "党建引领，网格落实"))
			.andExpect(status().is3xxRedirection());
		List<String> marks = jdbc.sql("""
				SELECT COALESCE(CAST(a.mark AS VARCHAR(10)), 'null') FROM training_answer a
				JOIN training_submission s ON s.id = a.submission_id JOIN account u ON u.person_id = s.person_id
				WHERE s.test_id = :t AND u.username = 'hlj-secretary' ORDER BY a.question_id""")
			.param("t", quiz).query(String.class).list();
		assertThat(marks).hasSize(3).contains("null");
		assertThat(marks.stream().filter(m -> !m.equals("null")).map(m -> Double.parseDouble(m)).collect(Collectors.toList()))
			.containsExactlyInAnyOrder(2.0, 3.0);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM training_answer_draft WHERE test_id = :t").param("t", quiz)
			.query(Long.class).single()).isZero();
		// a second submission is refused and changes nothing
		mvc.perform(post("/training/me/tests/" + quiz + "/submit").with(as("hlj-secretary")).with(csrf())
			.param("q" + single, "B")).andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("SELECT COUNT(*) FROM training_submission WHERE test_id = :t").param("t", quiz)
			.query(Long.class).single()).isEqualTo(1);
		mvc.perform(get("/training/me/tests/" + quiz).with(as("hlj-secretary")))
			.andExpect(content().string(containsString("data-testid=\"test-taken\"")));
	}

	@Test
	void theTraineeChecksInWithTheCodeTheHeadTeacherShows() throws Exception {
		long session = todaysSession(classroom("道里区分课堂"));
		String page = mvc.perform(get("/training/teach/sessions/" + session + "/qr").with(as("hlj-teacher")))
			.andExpect(status().isOk()).andExpect(content().string(containsString("data:image/png;base64,")))
			.andReturn().getResponse().getContentAsString();
		String code = page.replaceAll("(?s).*data-testid=\"qr-code\">(\\d{8})<.*", "$1");
		assertThat(code).hasSize(8);
		mvc.perform(post("/training/check-in").with(as("hlj-secretary")).with(csrf()).param("session", Long.toString(session))
			.param("code", "00000000"))
			.andExpect(status().isOk()).andExpect(content().string(containsString("data-testid=\"check-in-error\"")));
		mvc.perform(post("/training/check-in").with(as("hlj-secretary")).with(csrf()).param("session", Long.toString(session))
			.param("code", code))
			.andExpect(status().isOk()).andExpect(content().string(containsString("data-testid=\"check-in-result\"")));
		assertThat(jdbc.sql("""
				SELECT a.method FROM training_attendance a JOIN account u ON u.person_id = a.person_id
				WHERE a.session_id = :s AND u.username = 'hlj-secretary'""").param("s", session).query(String.class).single())
			.isEqualTo("QR");
		// the QR page is the head teacher's: a trainee and another city's officer are refused
		mvc.perform(get("/training/teach/sessions/" + session + "/qr").with(as("hlj-secretary"))).andExpect(status().isForbidden());
		mvc.perform(get("/training/teach/sessions/" + todaysSession(classroom("鸡西市分课堂")) + "/qr").with(as("hlj-teacher")))
			.andExpect(status().isForbidden());
	}

	@Test
	void theHeadTeacherMarksTheWholeRosterInOneRequestAndDecidesLeave() throws Exception {
		long daoli = classroom("道里区分课堂");
		long session = todaysSession(daoli);
		mvc.perform(get("/training/teach").with(as("hlj-teacher"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"led-" + daoli + "\"")));
		List<Long> trainees = jdbc.sql("SELECT person_id FROM training_enrolment WHERE classroom_id = :c AND status = 'CONFIRMED'")
			.param("c", daoli).query(Long.class).list();
		var request = post("/training/teach/sessions/" + session + "/roster").with(as("hlj-teacher")).with(csrf());
		for (int i = 0; i < trainees.size(); i++) {
			request.param("s" + trainees.get(i), i == 0 ? "ABSENT" : "PRESENT");
		}
		mvc.perform(request).andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("SELECT COUNT(*) FROM training_attendance WHERE session_id = :s").param("s", session)
			.query(Long.class).single()).isEqualTo(trainees.size());
		assertThat(jdbc.sql("SELECT status FROM training_attendance WHERE session_id = :s AND person_id = :p")
			.param("s", session).param("p", trainees.get(0)).query(String.class).single()).isEqualTo("ABSENT");
		mvc.perform(get("/training/teach/sessions/" + session + "/roster").with(as("hlj-teacher"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"trainee-" + trainees.get(0) + "\"")));
		// someone else's roster: refused, nothing written
		long other = todaysSession(classroom("鸡西市分课堂"));
		mvc.perform(post("/training/teach/sessions/" + other + "/roster").with(as("hlj-teacher")).with(csrf())
			.param("s" + trainees.get(0), "PRESENT")).andExpect(status().isForbidden());
		assertThat(jdbc.sql("SELECT COUNT(*) FROM training_attendance WHERE session_id = :s").param("s", other)
			.query(Long.class).single()).isZero();
		// leave: the trainee asks, the head teacher approves
		mvc.perform(post("/training/me/leaves").with(as("hlj-secretary")).with(csrf()).param("classroomId", Long.toString(daoli))
			.param("fromDate", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString())
			.param("toDate", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString()).param("reason", ""))
			.andExpect(status().isOk()).andExpect(content().string(containsString("ph-error")));
		mvc.perform(post("/training/me/leaves").with(as("hlj-secretary")).with(csrf()).param("classroomId", Long.toString(daoli))
			.param("fromDate", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString())
			.param("toDate", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString()).param("reason", "陪同家人就医"))
			.andExpect(status().is3xxRedirection());
		long leave = jdbc.sql("SELECT MAX(id) FROM training_leave WHERE classroom_id = :c AND reason = '陪同家人就医'")
			.param("c", daoli).query(Long.class).single();
		mvc.perform(get("/training/teach/classrooms/" + daoli + "/leaves").with(as("hlj-teacher"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"leave-" + leave + "\"")));
		mvc.perform(post("/training/teach/leaves/" + leave).with(as("hlj-secretary")).with(csrf()).param("approve", "true")
			.param("classroom", Long.toString(daoli))).andExpect(status().isForbidden());
		mvc.perform(post("/training/teach/leaves/" + leave).with(as("hlj-teacher")).with(csrf()).param("approve", "true")
			.param("note", "同意").param("classroom", Long.toString(daoli))).andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("SELECT status FROM training_leave WHERE id = :id").param("id", leave).query(String.class).single())
			.isEqualTo("APPROVED");
		mvc.perform(get("/training/me/leaves").with(as("hlj-secretary"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("已批准")));
	}

	@Test
	void theRecordShowsHoursTestsAndTheCertificateOfTheTraineeOnly() throws Exception {
		mvc.perform(get("/training/me/record").with(as("hlj-secretary"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"record-" + programme() + "\"")))
			.andExpect(content().string(containsString("训前摸底测试")));
		long certificate = jdbc.sql("SELECT MIN(id) FROM training_certificate WHERE programme_id = :p").param("p", programme())
			.query(Long.class).single();
		// the certificate of another trainee is not hers
		mvc.perform(get("/api/v1/training/certificates/" + certificate + "/pdf").with(as("hlj-secretary")))
			.andExpect(status().isForbidden());
	}
}
