package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static cn.grassroots.training.TrainingFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import cn.grassroots.IntegrationTest;

/** A head teacher edits the classroom's plan on the desk: sessions added, changed, removed, rules refreshed, submitted; versions compared. */
@IntegrationTest
class PlanEditingPagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	TrainingFixtures fx;

	long p;
	long classroom;
	String edit;

	@BeforeEach
	void setUp() throws Exception {
		fx = new TrainingFixtures(mvc, jdbc);
		p = fx.programme();
		classroom = fx.classroom(p, "MAIN", TrainingFixtures.HLJ);
		mvc.perform(post("/api/v1/training/classrooms/" + classroom + "/staff").with(as("hlj-admin"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json("{'personId':" + fx.personOf("hlj-teacher") + ",'role':'HEAD_TEACHER'}")))
			.andExpect(status().isCreated());
		edit = "/training/classrooms/" + classroom + "/plan/edit";
	}

	private MockHttpServletRequestBuilder htmx(String uri) {
		return post(uri).with(csrf()).with(as("hlj-teacher")).header("HX-Request", "true");
	}

	private long sessions() {
		return jdbc.sql("SELECT COUNT(*) FROM training_session s JOIN training_plan pl ON pl.id = s.plan_id WHERE pl.classroom_id = :c")
			.param("c", classroom).query(Long.class).single();
	}

	private MockHttpServletRequestBuilder session(MockHttpServletRequestBuilder b, String day, String start, String end,
			String title) {
		return b.param("date", "2026-06-" + day).param("start", start).param("end", end).param("hours", "4")
			.param("title", title).param("courseType", "CASE").param("delivery", "OFFLINE").param("lecturer", "党校教师甲");
	}

	@Test
	void aHeadTeacherBuildsThePlanSessionBySessionWithTheRulesShownAndSubmitsIt() throws Exception {
		mvc.perform(get(edit).with(as("hlj-teacher")))
			.andExpect(status().isOk()).andExpect(content().string(containsString("new-version")))
			.andExpect(content().string(not(containsString("session-form"))));
		mvc.perform(htmx(edit + "/version"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("session-form")))
			.andExpect(content().string(not(containsString("<html"))));

		// one session: the fragment shows it with the rules recomputed (40 hours required, 4 planned)
		mvc.perform(session(htmx(edit + "/sessions"), "18", "08:00", "12:00", "基层治理案例一"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("基层治理案例一")))
			.andExpect(content().string(containsString("计划 4.0 课时")));
		assertThat(sessions()).isEqualTo(1);

		// bad input: field messages, nothing saved
		mvc.perform(session(htmx(edit + "/sessions"), "30", "08:00", "12:00", "日期不对"))
			.andExpect(content().string(containsString("is-invalid")))
			.andExpect(content().string(containsString("日期须在培训班起止日期之内")));
		mvc.perform(htmx(edit + "/sessions").param("date", "2026-06-19").param("start", "08:00").param("end", "12:00")
				.param("hours", "abc").param("title", "课时不对").param("courseType", "CASE").param("delivery", "OFFLINE"))
			.andExpect(content().string(containsString("格式不正确")));
		assertThat(sessions()).isEqualTo(1);

		// submitting while a rule fails is refused on the page
		mvc.perform(htmx(edit + "/submit")).andExpect(content().string(containsString("submit-refused")));

		// change the session, then remove it
		long id = jdbc.sql("SELECT s.id FROM training_session s JOIN training_plan pl ON pl.id = s.plan_id WHERE pl.classroom_id = :c")
			.param("c", classroom).query(Long.class).single();
		mvc.perform(get(edit).param("session", Long.toString(id)).with(as("hlj-teacher")))
			.andExpect(content().string(containsString("基层治理案例一")));
		mvc.perform(session(htmx(edit + "/sessions"), "18", "08:00", "12:00", "基层治理案例改").param("sessionId", Long.toString(id)))
			.andExpect(content().string(containsString("基层治理案例改")));
		assertThat(jdbc.sql("SELECT title FROM training_session WHERE id = :id").param("id", id).query(String.class).single())
			.isEqualTo("基层治理案例改");
		mvc.perform(htmx(edit + "/sessions/" + id + "/delete")).andExpect(status().isOk());
		assertThat(sessions()).isZero();

		// ten case sessions make 40 hours: every rule passes and the plan is submitted
		for (int day = 18; day <= 22; day++) {
			for (String[] t : new String[][] { { "08:00", "12:00" }, { "14:00", "18:00" } }) {
				mvc.perform(session(htmx(edit + "/sessions"), Integer.toString(day), t[0], t[1], "案例" + day + t[0]))
					.andExpect(status().isOk());
			}
		}
		mvc.perform(htmx(edit + "/submit")).andExpect(status().isOk())
			.andExpect(content().string(not(containsString("submit-refused"))));
		assertThat(jdbc.sql("SELECT status FROM training_plan WHERE classroom_id = :c").param("c", classroom).query(String.class)
			.single()).isEqualTo("SUBMITTED");

		// returned by the sponsor, a second version is started and changed; the two are compared side by side
		mvc.perform(post("/api/v1/training/classrooms/" + classroom + "/plan/return").with(as("hlj-admin"))
			.contentType(MediaType.APPLICATION_JSON).content(json("{'comment':'请调整'}"))).andExpect(status().isOk());
		mvc.perform(htmx(edit + "/version")).andExpect(content().string(containsString("session-form")));
		mvc.perform(session(htmx(edit + "/sessions"), "22", "19:00", "21:00", "新增研讨")).andExpect(status().isOk());
		mvc.perform(get("/training/classrooms/" + classroom + "/plan/versions").with(as("hlj-admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("plan-compare")))
			.andExpect(content().string(containsString("新增研讨")))
			.andExpect(content().string(containsString("新增")))
			.andExpect(content().string(containsString("未变")));
	}

	@Test
	void planEditingIsRefusedOutsideTheClassroom() throws Exception {
		long qiqihar = fx.classroom(p, "BRANCH", TrainingFixtures.QIQIHAR);
		String other = "/training/classrooms/" + qiqihar + "/plan/edit";
		for (String account : java.util.List.of("harbin-admin", "hlj-secretary", "nx-admin")) {
			mvc.perform(get(other).with(as(account))).andExpect(status().is(anyOf(is(403), is(404))));
			mvc.perform(post(other + "/version").with(csrf()).with(as(account))).andExpect(status().is(anyOf(is(403), is(404))));
			mvc.perform(session(post(other + "/sessions").with(csrf()).with(as(account)), "18", "08:00", "12:00", "越权"))
				.andExpect(status().is(anyOf(is(403), is(404))));
			mvc.perform(post(other + "/submit").with(csrf()).with(as(account))).andExpect(status().is(anyOf(is(403), is(404))));
			mvc.perform(get("/training/classrooms/" + qiqihar + "/plan/versions").with(as(account)))
				.andExpect(status().is(anyOf(is(403), is(404))));
		}
		// the head teacher of another classroom reads this one's plan only as far as the sponsor lets, and cannot edit it
		mvc.perform(post(other + "/version").with(csrf()).with(as("hlj-teacher"))).andExpect(status().is(anyOf(is(403), is(404))));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM training_plan WHERE classroom_id = :c").param("c", qiqihar).query(Long.class).single())
			.isZero();
	}
}
