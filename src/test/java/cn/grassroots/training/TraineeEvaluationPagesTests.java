package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.grassroots.IntegrationTest;

/**
 * 评教 on the trainee's phone pages: in a classroom of its own, hlj-secretary attended a session,
 * hlj-grid is enrolled but was absent, hlj-teacher is no trainee of it. Bad ratings come back with
 * an error next to each field and nothing saved; a rating is saved once; the others are refused.
 */
@IntegrationTest
class TraineeEvaluationPagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	TrainingFixtures fx;

	long session;

	long secretary;

	@BeforeEach
	void aSessionHljSecretaryAttended() throws Exception {
		fx = new TrainingFixtures(mvc, jdbc);
		long p = fx.programme();
		long classroom = fx.classroom(p, "BRANCH", TrainingFixtures.HARBIN);
		secretary = fx.personOf("hlj-secretary");
		long absent = fx.personOf("hlj-grid");
		fx.enrolConfirmed(p, classroom, secretary);
		fx.enrolConfirmed(p, classroom, absent);
		mvc.perform(post("/api/v1/training/classrooms/" + classroom + "/plan/versions").with(as("hlj-admin"))
			.contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isCreated());
		String title = TrainingFixtures.unique("手机评教课");
		session = TrainingFixtures.id(mvc.perform(post("/api/v1/training/classrooms/" + classroom + "/plan/sessions")
			.with(as("hlj-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(TrainingFixtures.json("{'date':'2026-06-19','start':'08:00','end':'10:00','hours':2,'title':'" + title
					+ "','courseType':'CASE','delivery':'OFFLINE','lecturer':'王教授'}")))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
		mvc.perform(put("/api/v1/training/sessions/" + session + "/attendance").with(as("hlj-admin"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"marks\":[{\"personId\":" + secretary + ",\"status\":\"PRESENT\"},{\"personId\":" + absent
					+ ",\"status\":\"ABSENT\"}]}"))
			.andExpect(status().isOk());
	}

	private long ratings() {
		return jdbc.sql("SELECT COUNT(*) FROM training_evaluation WHERE session_id = :s").param("s", session).query(Long.class)
			.single();
	}

	private String page(String account, String uri) throws Exception {
		return mvc.perform(get(uri).with(as(account))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
	}

	/** The session's card on the list page, up to its end. */
	private String card(String html) {
		int start = html.indexOf("data-testid=\"rate-" + session + "\"");
		assertThat(start).as("the session's card").isPositive();
		return html.substring(start, html.indexOf("</a>", start));
	}

	@Test
	void theOldDeskPageLeadsToThePhonePage() throws Exception {
		mvc.perform(get("/training/my").with(as("hlj-secretary"))).andExpect(redirectedUrl("/training/me/evaluations"));
		// the phone home leads to the ratings and the list items
		assertThat(page("hlj-secretary", "/training/me")).contains("href=\"/training/me/evaluations\"")
			.contains("href=\"/training/me/items\"");
		assertThat(page("hlj-secretary", "/training/me/items")).contains("phone-tabs");
	}

	@Test
	void aRatingWithScalesMissingOrOutOfRangeShowsAnErrorAtEachFieldAndSavesNothing() throws Exception {
		String html = mvc.perform(post("/training/me/evaluations/" + session).with(as("hlj-secretary")).with(csrf())
			.param("content", "5").param("method", "9").param("lecturer", "很好").param("comment", "案例很实用"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(html).contains("data-testid=\"rating-errors\"")
			.doesNotContain("data-testid=\"error-content\"")
			.contains("data-testid=\"error-method\"")
			.contains("data-testid=\"error-usefulness\"")
			.contains("data-testid=\"error-lecturer\"")
			.contains("超出允许范围")
			.contains("必填")
			// what was given is kept
			.contains("案例很实用")
			.containsPattern("id=\"content-5\"[^>]*checked");
		String tooLong = mvc.perform(post("/training/me/evaluations/" + session).with(as("hlj-secretary")).with(csrf())
			.param("content", "5").param("method", "4").param("usefulness", "4").param("lecturer", "5")
			.param("comment", "长".repeat(1001)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(tooLong).contains("data-testid=\"error-comment\"").doesNotContain("data-testid=\"error-method\"");
		assertThat(ratings()).isZero();
		assertThat(card(page("hlj-secretary", "/training/me/evaluations"))).contains("待评价");
	}

	@Test
	void aSessionIsRatedOnceAndThenShownAsRated() throws Exception {
		assertThat(page("hlj-secretary", "/training/me/evaluations/" + session)).contains("data-testid=\"rating-form\"")
			.contains("王教授");
		mvc.perform(post("/training/me/evaluations/" + session).with(as("hlj-secretary")).with(csrf())
			.param("content", "5").param("method", "4").param("usefulness", "5").param("lecturer", "4")
			.param("comment", "贴近基层实际"))
			.andExpect(redirectedUrl("/training/me/evaluations"));
		assertThat(card(page("hlj-secretary", "/training/me/evaluations"))).contains("已评价").doesNotContain("待评价");
		assertThat(page("hlj-secretary", "/training/me/evaluations/" + session)).contains("data-testid=\"my-rating\"")
			.doesNotContain("data-testid=\"rating-form\"").contains("贴近基层实际");
		// a second rating is refused and changes nothing
		mvc.perform(post("/training/me/evaluations/" + session).with(as("hlj-secretary")).with(csrf())
			.param("content", "1").param("method", "1").param("usefulness", "1").param("lecturer", "1"))
			.andExpect(redirectedUrl("/training/me/evaluations/" + session));
		assertThat(ratings()).isEqualTo(1);
		assertThat(jdbc.sql("SELECT content_score FROM training_evaluation WHERE session_id = :s AND person_id = :p")
			.param("s", session).param("p", secretary).query(Integer.class).single()).isEqualTo(5);
		assertThat(fx.audits("TRAINING_EVALUATION_SUBMIT", session)).isEqualTo(1);
	}

	@Test
	void aTraineeWhoMissedTheSessionAndSomeoneNotEnrolledCannotOpenOrRateIt() throws Exception {
		for (String outsider : new String[] { "hlj-grid", "hlj-teacher" }) {
			mvc.perform(get("/training/me/evaluations/" + session).with(as(outsider))).andExpect(status().isForbidden());
			mvc.perform(post("/training/me/evaluations/" + session).with(as(outsider)).with(csrf()).param("content", "5")
				.param("method", "5").param("usefulness", "5").param("lecturer", "5"))
				.andExpect(status().isForbidden());
			assertThat(page(outsider, "/training/me/evaluations")).doesNotContain("data-testid=\"rate-" + session + "\"");
		}
		assertThat(ratings()).isZero();
		mvc.perform(get("/training/me/evaluations/" + Long.MAX_VALUE).with(as("hlj-secretary"))).andExpect(status().isForbidden());
	}
}
