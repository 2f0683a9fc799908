package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static cn.grassroots.training.TrainingFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
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
 * An organisation-department officer adds a lecturer on the desk form (over htmx, sent on with
 * HX-Redirect), finds the edit button on the lecturer's page and changes the lecturer; each write is
 * audited, and a stale form is refused without a change.
 */
@IntegrationTest
class LecturerFormPagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	TrainingFixtures fx;

	@BeforeEach
	void setUp() {
		fx = new TrainingFixtures(mvc, jdbc);
	}

	private String page(String account, String uri) throws Exception {
		return mvc.perform(get(uri).with(as(account)).accept(MediaType.TEXT_HTML)).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString();
	}

	@Test
	void anOfficerAddsALecturerOnTheFormAndChangesItFromTheLecturersPage() throws Exception {
		String library = page("harbin-admin", "/training/library");
		assertThat(library).contains("/training/lecturers/new").contains("/training/cases/new");
		String blank = page("harbin-admin", "/training/lecturers/new");
		// the officer's own city is offered as the lecturer's region; the topics are checkboxes
		assertThat(blank).contains("lecturer-form").contains("value=\"230100000000\"").contains("name=\"topics\"")
			.contains("物业党建联建");

		String name = unique("讲师");
		String unit = unique("市委党校");
		String redirect = mvc.perform(post("/training/lecturers").with(as("harbin-admin")).with(csrf())
			.header("HX-Request", "true").param("name", name).param("kind", "PARTY_SCHOOL_EXPERT").param("title", "教授")
			.param("unitName", unit).param("regionCode", "230100000000").param("topics", "MASS_WORK", "DISPUTE_RESOLUTION")
			.param("profile", "长期从事基层治理研究"))
			.andExpect(status().isNoContent()).andReturn().getResponse().getHeader("HX-Redirect");
		long id = jdbc.sql("SELECT id FROM training_lecturer WHERE unit_name = :u").param("u", unit).query(Long.class).single();
		assertThat(redirect).isEqualTo("/training/lecturers/" + id);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM training_lecturer_topic WHERE lecturer_id = :id").param("id", id)
			.query(Long.class).single()).isEqualTo(2);
		assertThat(fx.audits("TRAINING_LECTURER_CREATE", id)).isEqualTo(1);

		String shown = page("harbin-admin", "/training/lecturers/" + id);
		assertThat(shown).contains("edit-lecturer").contains("/training/lecturers/" + id + "/edit");
		// the province reads Harbin's lecturer; the edit button shows only to whoever may change it
		assertThat(page("hlj-admin", "/training/lecturers/" + id)).contains("edit-lecturer");

		String form = page("harbin-admin", "/training/lecturers/" + id + "/edit");
		assertThat(form).contains("value=\"" + name + "\"").contains("name=\"version\" value=\"0\"").contains("checked");
		mvc.perform(post("/training/lecturers/" + id + "/edit").with(as("harbin-admin")).with(csrf()).param("name", name)
			.param("kind", "DEPARTMENT_OFFICER").param("title", "处长").param("unitName", unit).param("regionCode", "230100000000")
			.param("topics", "GRID_MANAGEMENT").param("active", "true").param("version", "0"))
			.andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/training/lecturers/" + id));
		assertThat(jdbc.sql("SELECT kind || '/' || title FROM training_lecturer WHERE id = :id").param("id", id)
			.query(String.class).single()).isEqualTo("DEPARTMENT_OFFICER/处长");
		assertThat(jdbc.sql("SELECT topic FROM training_lecturer_topic WHERE lecturer_id = :id").param("id", id)
			.query(String.class).list()).containsExactly("GRID_MANAGEMENT");
		assertThat(fx.audits("TRAINING_LECTURER_UPDATE", id)).isEqualTo(1);

		// the same form sent again carries the old version: refused, the lecturer keeps the first change
		String stale = mvc.perform(post("/training/lecturers/" + id + "/edit").with(as("harbin-admin")).with(csrf())
			.header("HX-Request", "true").param("name", name).param("kind", "ACADEMIC").param("unitName", unit)
			.param("regionCode", "230100000000").param("topics", "GRID_MANAGEMENT").param("active", "true").param("version", "0"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(stale).contains("form-errors").contains("已被他人修改").doesNotContain("<html");
		assertThat(jdbc.sql("SELECT kind FROM training_lecturer WHERE id = :id").param("id", id).query(String.class).single())
			.isEqualTo("DEPARTMENT_OFFICER");
		assertThat(fx.audits("TRAINING_LECTURER_UPDATE", id)).isEqualTo(1);

		// unticking 在库 retires the lecturer
		mvc.perform(post("/training/lecturers/" + id + "/edit").with(as("harbin-admin")).with(csrf()).param("name", name)
			.param("kind", "DEPARTMENT_OFFICER").param("unitName", unit).param("regionCode", "230100000000")
			.param("topics", "GRID_MANAGEMENT").param("version", "1"))
			.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("SELECT active FROM training_lecturer WHERE id = :id").param("id", id).query(Boolean.class).single())
			.isFalse();
	}
}
