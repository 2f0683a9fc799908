package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static cn.grassroots.training.TrainingFixtures.HLJ;
import static cn.grassroots.training.TrainingFixtures.QIQIHAR;
import static cn.grassroots.training.TrainingFixtures.json;
import static cn.grassroots.training.TrainingFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.grassroots.IntegrationTest;

/** The officer's training pages: navigation, the scoped programme list, a programme's classrooms, plan review. */
@IntegrationTest
class TrainingPagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	TrainingFixtures fx;

	@BeforeEach
	void setUp() {
		fx = new TrainingFixtures(mvc, jdbc);
	}

	private void api(String uri, String body, int expected) throws Exception {
		mvc.perform(post(uri).with(as("hlj-admin")).contentType(MediaType.APPLICATION_JSON).content(json(body)))
			.andExpect(status().is(expected));
	}

	private String planStatus(long classroom) {
		return jdbc.sql("SELECT status FROM training_plan WHERE classroom_id = :c ORDER BY version_no DESC LIMIT 1")
			.param("c", classroom).query(String.class).single();
	}

	/** A province programme with a main classroom whose plan (two case sessions) passes every rule and is submitted. */
	private long[] submittedProgramme() throws Exception {
		long p = fx.programme();
		long main = fx.classroom(p, "MAIN", HLJ);
		api("/api/v1/training/classrooms/" + main + "/plan/versions", "{}", 201);
		String lecturer = unique("省委党校教师");
		// 10 case sessions of 4 hours over the five days: the programme's 40 hours, all of them case teaching
		for (int day = 18; day <= 22; day++) {
			for (String[] t : new String[][] { { "08:00", "12:00" }, { "14:00", "18:00" } }) {
				api("/api/v1/training/classrooms/" + main + "/plan/sessions", "{'date':'2026-06-" + day + "','start':'" + t[0]
						+ "','end':'" + t[1] + "','hours':4,'title':'基层治理案例" + day + t[0] + "','courseType':'CASE',"
						+ "'delivery':'OFFLINE','lecturer':'" + lecturer + "'}", 201);
			}
		}
		api("/api/v1/training/classrooms/" + main + "/plan/submit", "{}", 200);
		return new long[] { p, main };
	}

	@Test
	void theTrainingGroupIsShownToTrainingReadersOnly() throws Exception {
		mvc.perform(get("/").with(as("hlj-admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("/training/programmes")));
		mvc.perform(get("/").with(as("sys-admin")))
			.andExpect(content().string(not(containsString("/training/programmes"))));
		mvc.perform(get("/training/programmes").with(as("sys-admin"))).andExpect(status().isForbidden());
	}

	@Test
	void theProgrammeListAndPageAreScoped() throws Exception {
		long p = fx.programme();
		String name = jdbc.sql("SELECT name FROM training_programme WHERE id = :id").param("id", p).query(String.class).single();
		fx.classroom(p, "MAIN", HLJ);
		long qiqihar = fx.classroom(p, "BRANCH", QIQIHAR);
		mvc.perform(get("/training/programmes").param("size", "100").with(as("hlj-admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(name)))
			.andExpect(content().string(containsString("<html")));
		mvc.perform(get("/training/programmes").param("year", "2026").param("size", "100").header("HX-Request", "true")
				.with(as("hlj-admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(name)))
			.andExpect(content().string(not(containsString("<html"))));
		mvc.perform(get("/training/programmes/" + p).with(as("hlj-admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("主课堂")))
			.andExpect(content().string(containsString("分课堂")))
			.andExpect(content().string(containsString("齐齐哈尔")))
			.andExpect(content().string(containsString("尚无教学计划")))
			.andExpect(content().string(containsString("/training/classrooms/" + qiqihar + "/plan")));
		// Harbin sees neither the programme (no classroom or enrolment of it in Harbin) nor Qiqihar's classroom
		mvc.perform(get("/training/programmes").param("size", "100").with(as("harbin-admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString(name))));
		mvc.perform(get("/training/programmes/" + p).with(as("harbin-admin")))
			.andExpect(status().is(anyOf(is(403), is(404))));
		mvc.perform(get("/training/classrooms/" + qiqihar + "/plan").with(as("harbin-admin")))
			.andExpect(status().is(anyOf(is(403), is(404))));
		mvc.perform(get("/training/programmes").param("lang", "en").with(as("hlj-admin")))
			.andExpect(content().string(containsString("Training programmes")));
	}

	@Test
	void aReviewerApprovesOrReturnsASubmittedPlanOnItsPage() throws Exception {
		long[] ids = submittedProgramme();
		long p = ids[0];
		long main = ids[1];
		String page = "/training/classrooms/" + main + "/plan";
		mvc.perform(get(page).with(as("hlj-admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("待审核")))
			.andExpect(content().string(containsString("案例教学占比")))
			.andExpect(content().string(containsString("100")))
			.andExpect(content().string(containsString("基层治理案例")))
			.andExpect(content().string(containsString("/plan/approve")))
			.andExpect(content().string(containsString("_csrf")));

		// outside the scope: no page, no review, nothing changes
		mvc.perform(post(page + "/approve").with(csrf()).with(as("harbin-admin")))
			.andExpect(status().is(anyOf(is(403), is(404))));
		// without the CSRF token nothing happens either
		mvc.perform(post(page + "/approve").with(as("hlj-admin"))).andExpect(status().isForbidden());
		assertThat(planStatus(main)).isEqualTo("SUBMITTED");

		// returning needs a comment: a field message, nothing changed
		mvc.perform(post(page + "/return").param("comment", " ").with(csrf()).with(as("hlj-admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("退回须填写审核意见")));
		assertThat(planStatus(main)).isEqualTo("SUBMITTED");
		assertThat(fx.audits("TRAINING_PLAN_RETURN", main)).isZero();

		mvc.perform(post(page + "/approve").param("comment", "同意").with(csrf()).with(as("hlj-admin")))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl(page));
		assertThat(planStatus(main)).isEqualTo("APPROVED");
		assertThat(fx.audits("TRAINING_PLAN_APPROVE", main)).isEqualTo(1);
		mvc.perform(get(page).with(as("hlj-admin")))
			.andExpect(content().string(containsString("已通过")))
			.andExpect(content().string(containsString("同意")))
			.andExpect(content().string(not(containsString("/plan/approve"))));
		mvc.perform(get("/training/programmes/" + p).with(as("hlj-admin")))
			.andExpect(content().string(containsString("已通过")));
		// an approved plan cannot be approved again
		mvc.perform(post(page + "/approve").with(csrf()).with(as("hlj-admin")))
			.andExpect(status().isConflict());
	}

	@Test
	void aReturnedPlanShowsTheComment() throws Exception {
		long main = submittedProgramme()[1];
		String page = "/training/classrooms/" + main + "/plan";
		mvc.perform(post(page + "/return").param("comment", "案例课须补充本地案例").with(csrf()).with(as("hlj-admin")))
			.andExpect(status().is3xxRedirection());
		assertThat(planStatus(main)).isEqualTo("RETURNED");
		assertThat(fx.audits("TRAINING_PLAN_RETURN", main)).isEqualTo(1);
		mvc.perform(get(page).with(as("hlj-admin")))
			.andExpect(content().string(containsString("已退回")))
			.andExpect(content().string(containsString("案例课须补充本地案例")));
	}
}
