package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static cn.grassroots.training.TrainingFixtures.json;
import static cn.grassroots.training.TrainingFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.grassroots.IntegrationTest;

/**
 * From the plan editor an officer opens a session's lecturer-and-case form, finds the case by a search
 * that refreshes the list in place, and links the session to a listed lecturer and the case; a case on
 * a lesson that is no case lesson is refused beside the field and nothing changes.
 */
@IntegrationTest
class SessionLinkPageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	private long created(String account, String uri, String body) throws Exception {
		return TrainingFixtures.id(mvc.perform(post(uri).with(as(account)).contentType(MediaType.APPLICATION_JSON)
			.content(json(body))).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
	}

	private String page(String account, String uri) throws Exception {
		return mvc.perform(get(uri).with(as(account)).accept(MediaType.TEXT_HTML)).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString();
	}

	@Test
	void anOfficerLinksADraftSessionToAListedLecturerAndACaseFromThePlanEditor() throws Exception {
		TrainingFixtures fx = new TrainingFixtures(mvc, jdbc);
		long classroom = fx.classroom(fx.programme(), "BRANCH", TrainingFixtures.HARBIN);
		created("hlj-admin", "/api/v1/training/classrooms/" + classroom + "/plan/versions", "{}");
		long lesson = created("hlj-admin", "/api/v1/training/classrooms/" + classroom + "/plan/sessions",
				"{'date':'2026-06-19','start':'08:00','end':'10:00','hours':2,'title':'" + unique("案例课")
						+ "','courseType':'CASE','delivery':'OFFLINE','topic':'DISPUTE_RESOLUTION'}");
		long theory = created("hlj-admin", "/api/v1/training/classrooms/" + classroom + "/plan/sessions",
				"{'date':'2026-06-19','start':'14:00','end':'16:00','hours':2,'title':'" + unique("理论课")
						+ "','courseType':'THEORY','delivery':'OFFLINE'}");
		String name = unique("调解专家");
		long lecturer = created("harbin-admin", "/api/v1/training/lecturers", "{'name':'" + name
				+ "','kind':'PARTY_SCHOOL_EXPERT','unitName':'哈尔滨市委党校','regionCode':'2301','topics':['DISPUTE_RESOLUTION']}");
		String caseTitle = unique("枫桥经验");
		long aCase = created("harbin-admin", "/api/v1/training/cases", "{'title':'" + caseTitle
				+ "','practice':'矛盾不上交','results':'信访下降','topic':'DISPUTE_RESOLUTION','communityCode':'230102001001',"
				+ "'households':2000,'year':2025}");

		assertThat(page("harbin-admin", "/training/classrooms/" + classroom + "/plan/edit"))
			.contains("/training/sessions/" + lesson + "/links");
		String form = page("harbin-admin", "/training/sessions/" + lesson + "/links");
		assertThat(form).contains("links-form").contains(name).contains("value=\"" + lecturer + "\"");
		// the case search refreshes the case list in place, keeping the lecturer picked so far
		String found = mvc.perform(get("/training/sessions/" + lesson + "/links").with(as("harbin-admin"))
			.header("HX-Request", "true").param("q", caseTitle).param("lecturerId", Long.toString(lecturer)).param("caseId", ""))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(found).doesNotContain("<html").contains("case-choice").contains(caseTitle)
			.contains("value=\"" + aCase + "\"").contains("selected");

		// a case on a theory lesson: refused beside the field, nothing linked
		String refused = mvc.perform(post("/training/sessions/" + theory + "/links").with(as("harbin-admin")).with(csrf())
			.header("HX-Request", "true").param("lecturerId", Long.toString(lecturer)).param("caseId", Long.toString(aCase)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(refused).contains("form-errors").contains("只有案例课可以引用案例");
		assertThat(fx.count("SELECT COUNT(*) FROM training_session WHERE id = :id AND lecturer_id IS NULL AND case_id IS NULL",
				theory)).isEqualTo(1);
		assertThat(fx.audits("TRAINING_SESSION_LINK", theory)).isZero();

		String next = mvc.perform(post("/training/sessions/" + lesson + "/links").with(as("harbin-admin")).with(csrf())
			.header("HX-Request", "true").param("lecturerId", Long.toString(lecturer)).param("caseId", Long.toString(aCase)))
			.andExpect(status().isNoContent()).andReturn().getResponse().getHeader("HX-Redirect");
		assertThat(next).isEqualTo("/training/classrooms/" + classroom + "/plan/edit");
		assertThat(jdbc.sql("SELECT lecturer FROM training_session WHERE id = :id").param("id", lesson).query(String.class)
			.single()).isEqualTo(name);
		assertThat(fx.count("SELECT COUNT(*) FROM training_session WHERE id = :id AND case_id IS NOT NULL", lesson)).isEqualTo(1);
		assertThat(fx.audits("TRAINING_SESSION_LINK", lesson)).isEqualTo(1);
		// the form shows the links now held; clearing them is a save with both left empty
		assertThat(page("harbin-admin", "/training/sessions/" + lesson + "/links")).contains("selected");
		mvc.perform(post("/training/sessions/" + lesson + "/links").with(as("harbin-admin")).with(csrf())
			.param("lecturerId", "").param("caseId", ""))
			.andExpect(status().is3xxRedirection());
		assertThat(fx.count("SELECT COUNT(*) FROM training_session WHERE id = :id AND lecturer_id IS NULL AND case_id IS NULL",
				lesson)).isEqualTo(1);
		assertThat(fx.audits("TRAINING_SESSION_LINK", lesson)).isEqualTo(2);
	}
}
