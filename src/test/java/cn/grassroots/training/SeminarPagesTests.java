package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.grassroots.IntegrationTest;

/**
 * The desk pages (library, a classroom's seminars, a seminar adopted from its page, supervision)
 * show what the caller may see and refuse the rest; the trainee's phone page lists their items and
 * takes a rating.
 */
@IntegrationTest
class SeminarPagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	TrainingFixtures fx;

	@BeforeEach
	void setUp() {
		fx = new TrainingFixtures(mvc, jdbc);
	}

	private long created(String account, String uri, String body) throws Exception {
		return TrainingFixtures.id(mvc.perform(post(uri).with(as(account)).contentType(MediaType.APPLICATION_JSON)
			.content(TrainingFixtures.json(body))).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
	}

	private String page(String account, String uri) throws Exception {
		return mvc.perform(get(uri).with(as(account)).accept(MediaType.TEXT_HTML)).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString();
	}

	@Test
	void officersSeeSeminarsListsAndSupervisionAndTraineesRateOnTheirPhone() throws Exception {
		long p = fx.programme();
		long classroom = fx.classroom(p, "BRANCH", TrainingFixtures.HARBIN);
		long secretary = fx.personOf("hlj-secretary");
		long teacher = fx.personOf("hlj-teacher");
		fx.enrolConfirmed(p, classroom, secretary);
		mvc.perform(post("/api/v1/training/classrooms/" + classroom + "/staff").with(as("hlj-admin"))
			.contentType(MediaType.APPLICATION_JSON).content(TrainingFixtures.json("{'personId':" + teacher + ",'role':'HEAD_TEACHER'}")))
			.andExpect(status().isCreated());
		String topic = TrainingFixtures.unique("页面研讨");
		long seminar = created("harbin-admin", "/api/v1/training/classrooms/" + classroom + "/seminars",
				"{'topic':'" + topic + "','heldOn':'2026-06-21'}");
		long group = created("harbin-admin", "/api/v1/training/seminars/" + seminar + "/groups",
				"{'name':'一组','facilitatorPersonId':" + teacher + "}");
		mvc.perform(post("/api/v1/training/seminar-groups/" + group + "/members").with(as("harbin-admin"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"personIds\":[" + secretary + "]}")).andExpect(status().isOk());
		created("hlj-teacher", "/api/v1/training/seminar-groups/" + group + "/items", "{'title':'建立楼栋长联系制度','ownerPersonId':"
				+ secretary + ",'communityCode':'230102001001','deadline':'2026-12-31','expectedResult':'每栋一名楼栋长'}");

		assertThat(page("harbin-admin", "/training/classrooms/" + classroom + "/seminars")).contains(topic);
		String seminarPage = page("hlj-teacher", "/training/seminars/" + seminar);
		assertThat(seminarPage).contains("建立楼栋长联系制度").contains("清单草稿").contains("通过清单");
		mvc.perform(get("/training/seminars/" + seminar).with(as("nx-admin")).accept(MediaType.TEXT_HTML))
			.andExpect(status().isForbidden());
		// adopted from the page (a form with CSRF)
		mvc.perform(post("/training/seminar-groups/" + group + "/adopt").with(as("hlj-teacher")).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(page("harbin-admin", "/training/seminars/" + seminar)).contains("清单已通过").doesNotContain("通过清单</button>");
		mvc.perform(post("/training/seminar-groups/" + group + "/adopt").with(as("hlj-teacher")).with(csrf()))
			.andExpect(status().isConflict());

		// the trainee's phone page: the item to take home, and a session to rate
		mvc.perform(post("/api/v1/training/classrooms/" + classroom + "/plan/versions").with(as("hlj-admin"))
			.contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isCreated());
		long session = created("hlj-admin", "/api/v1/training/classrooms/" + classroom + "/plan/sessions",
				"{'date':'2026-06-19','start':'08:00','end':'10:00','hours':2,'title':'页面评教课','courseType':'CASE','delivery':'OFFLINE'}");
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/training/sessions/" + session
				+ "/attendance").with(as("hlj-admin")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"marks\":[{\"personId\":" + secretary + ",\"status\":\"PRESENT\"}]}")).andExpect(status().isOk());
		assertThat(page("hlj-secretary", "/training/me/items")).contains("建立楼栋长联系制度");
		assertThat(page("hlj-secretary", "/training/me/evaluations")).contains("页面评教课")
			.contains("/training/me/evaluations/" + session);
		mvc.perform(post("/training/me/evaluations/" + session).with(as("hlj-secretary")).with(csrf()).param("content", "5")
			.param("method", "9").param("usefulness", "4").param("lecturer", "5")).andExpect(status().isOk());
		mvc.perform(post("/training/me/evaluations/" + session).with(as("hlj-secretary")).with(csrf()).param("content", "5")
			.param("method", "4").param("usefulness", "4").param("lecturer", "5").param("comment", "很实用"))
			.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("SELECT remark FROM training_evaluation WHERE session_id = :s").param("s", session)
			.query(String.class).single()).isEqualTo("很实用");

		// the library and supervision
		assertThat(page("harbin-admin", "/training/library?topic=MASS_WORK")).contains("师资库");
		mvc.perform(get("/training/library").with(as("hlj-grid")).accept(MediaType.TEXT_HTML)).andExpect(status().isForbidden());
		assertThat(page("hlj-admin", "/training/programmes/" + p + "/supervision")).contains("未销号问题 0 个");
		mvc.perform(get("/training/programmes/" + p + "/supervision").with(as("nx-admin")).accept(MediaType.TEXT_HTML))
			.andExpect(status().isForbidden());
	}
}
