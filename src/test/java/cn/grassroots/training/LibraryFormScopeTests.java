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
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import cn.grassroots.IntegrationTest;

/**
 * Every library form refuses whoever the API refuses: a grid worker without training rights (403), an
 * officer of another province, whom the province's library does not show (404, or 403 for a classroom
 * outside their scope), and a city officer who reads another city's lecturer or case but may not change
 * it (403). Nothing is stored and nothing audited.
 */
@IntegrationTest
class LibraryFormScopeTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	private long created(String account, String uri, String body) throws Exception {
		return TrainingFixtures.id(mvc.perform(post(uri).with(as(account)).contentType(MediaType.APPLICATION_JSON)
			.content(json(body))).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
	}

	private void expect(String account, MockHttpServletRequestBuilder request, ResultMatcher status) throws Exception {
		mvc.perform(request.with(as(account)).accept(MediaType.TEXT_HTML)).andExpect(status);
	}

	private static MockHttpServletRequestBuilder form(String uri) {
		return post(uri).with(csrf()).param("name", "越权").param("kind", "NATIONAL_MODEL_SECRETARY").param("regionCode", "2302")
			.param("topics", "MASS_WORK").param("title", "越权").param("practice", "p").param("results", "r")
			.param("topic", "MASS_WORK").param("households", "100").param("year", "2025").param("version", "0")
			.param("lecturerId", "").param("caseId", "");
	}

	private long audits() {
		return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action LIKE 'TRAINING_%'").query(Long.class).single();
	}

	@Test
	void everyLibraryFormRefusesCallersOutsideItsScopeOnGetAndPost() throws Exception {
		TrainingFixtures fx = new TrainingFixtures(mvc, jdbc);
		long qiqiharCommunity = jdbc.sql("SELECT code FROM region WHERE level = 'VILLAGE' AND code BETWEEN 230200000000"
				+ " AND 230299999999 AND MOD(code, 1000) BETWEEN 1 AND 199 ORDER BY code").query(Long.class).list().get(0);
		long lecturer = created("hlj-admin", "/api/v1/training/lecturers", "{'name':'" + unique("齐市讲师")
				+ "','kind':'PARTY_SCHOOL_EXPERT','regionCode':'2302','topics':['MASS_WORK']}");
		String caseTitle = unique("齐市案例");
		long aCase = created("hlj-admin", "/api/v1/training/cases", "{'title':'" + caseTitle + "','practice':'p','results':'r',"
				+ "'topic':'MASS_WORK','communityCode':'" + qiqiharCommunity + "','households':800,'year':2025}");
		long classroom = fx.classroom(fx.programme(), "BRANCH", TrainingFixtures.QIQIHAR);
		created("hlj-admin", "/api/v1/training/classrooms/" + classroom + "/plan/versions", "{}");
		long session = created("hlj-admin", "/api/v1/training/classrooms/" + classroom + "/plan/sessions",
				"{'date':'2026-06-19','start':'08:00','end':'10:00','hours':2,'title':'" + unique("案例课")
						+ "','courseType':'CASE','delivery':'OFFLINE'}");
		long before = audits();
		long lecturers = jdbc.sql("SELECT COUNT(*) FROM training_lecturer").query(Long.class).single();
		long cases = jdbc.sql("SELECT COUNT(*) FROM training_case").query(Long.class).single();

		// a grid worker holds no training permission: every page and every post is refused
		for (String uri : new String[] { "/training/lecturers/new", "/training/lecturers/" + lecturer + "/edit",
				"/training/cases/new", "/training/cases/" + aCase, "/training/cases/" + aCase + "/edit",
				"/training/sessions/" + session + "/links" }) {
			expect("hlj-grid", get(uri), status().isForbidden());
		}
		for (String uri : new String[] { "/training/lecturers", "/training/lecturers/" + lecturer + "/edit", "/training/cases",
				"/training/cases/" + aCase + "/edit", "/training/cases/" + aCase + "/secretary",
				"/training/sessions/" + session + "/links" }) {
			expect("hlj-grid", form(uri), status().isForbidden());
		}

		// Ningxia's officer: Heilongjiang's library is not theirs to see, nor its classrooms
		for (String uri : new String[] { "/training/lecturers/" + lecturer + "/edit", "/training/cases/" + aCase,
				"/training/cases/" + aCase + "/edit" }) {
			expect("nx-admin", get(uri), status().isNotFound());
		}
		for (String uri : new String[] { "/training/lecturers/" + lecturer + "/edit", "/training/cases/" + aCase + "/edit",
				"/training/cases/" + aCase + "/secretary" }) {
			expect("nx-admin", form(uri), status().isNotFound());
		}
		expect("nx-admin", get("/training/sessions/" + session + "/links"), status().isForbidden());
		expect("nx-admin", form("/training/sessions/" + session + "/links"), status().isForbidden());
		// nor may they add to it
		expect("nx-admin", form("/training/lecturers"), status().isForbidden());
		expect("nx-admin", form("/training/cases").param("communityCode", Long.toString(qiqiharCommunity)),
				status().isForbidden());

		// Harbin's officer reads Qiqihar's lecturer and case but may not change them or add to Qiqihar
		assertThat(mvc.perform(get("/training/cases/" + aCase).with(as("harbin-admin"))).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString()).contains(caseTitle).doesNotContain("edit-case").doesNotContain("secretary-form");
		assertThat(mvc.perform(get("/training/lecturers/" + lecturer).with(as("harbin-admin"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString()).doesNotContain("edit-lecturer");
		expect("harbin-admin", get("/training/lecturers/" + lecturer + "/edit"), status().isForbidden());
		expect("harbin-admin", form("/training/lecturers/" + lecturer + "/edit"), status().isForbidden());
		expect("harbin-admin", get("/training/cases/" + aCase + "/edit"), status().isForbidden());
		expect("harbin-admin", form("/training/cases/" + aCase + "/edit").param("communityCode", Long.toString(qiqiharCommunity)),
				status().isForbidden());
		expect("harbin-admin", form("/training/cases/" + aCase + "/secretary"), status().isForbidden());
		expect("harbin-admin", form("/training/lecturers"), status().isForbidden());
		expect("harbin-admin", form("/training/cases").param("communityCode", Long.toString(qiqiharCommunity)),
				status().isForbidden());
		expect("harbin-admin", get("/training/sessions/" + session + "/links"), status().isForbidden());
		expect("harbin-admin", form("/training/sessions/" + session + "/links"), status().isForbidden());

		assertThat(jdbc.sql("SELECT COUNT(*) FROM training_lecturer").query(Long.class).single()).isEqualTo(lecturers);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM training_case").query(Long.class).single()).isEqualTo(cases);
		assertThat(audits()).isEqualTo(before);
	}
}
