package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static cn.grassroots.training.TrainingFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.grassroots.IntegrationTest;

/**
 * An officer records a case of a community picked by region, with the community's secretary picked from
 * the roster's holders of the post; the case's page shows it with its history, it is edited, and its
 * secretary is chosen as a model-secretary lecturer from there, once.
 */
@IntegrationTest
class CaseFormPagesTests {

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

	/** A Harbin community with a current party secretary in the roster: its code, the person's id and name. */
	private Map<String, Object> harbinSecretary() {
		return jdbc.sql("""
				SELECT pa.region_code, p.id, p.name FROM post_assignment pa
				JOIN person p ON p.id = pa.person_id JOIN region r ON r.code = pa.region_code
				WHERE pa.post = 'COMMUNITY_PARTY_SECRETARY' AND r.level = 'VILLAGE'
				  AND pa.region_code BETWEEN 230100000000 AND 230199999999
				  AND pa.start_date <= CURRENT_DATE AND (pa.end_date IS NULL OR pa.end_date >= CURRENT_DATE)
				ORDER BY pa.id""")
			.query((rs, n) -> Map.<String, Object>of("code", rs.getLong(1), "id", rs.getLong(2), "name", rs.getString(3)))
			.list().get(0);
	}

	@Test
	void anOfficerRecordsACaseEditsItAndChoosesItsSecretaryAsAModelSecretary() throws Exception {
		Map<String, Object> holder = harbinSecretary();
		String code = holder.get("code").toString();
		String secretaryName = (String) holder.get("name");

		// picking the community refreshes the form: its path, kind, size band and secretaries
		String refreshed = mvc.perform(get("/training/cases/new").with(as("harbin-admin")).header("HX-Request", "true")
			.param("title", "").param("communityCode", code).param("households", "1500"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(refreshed).doesNotContain("<html").contains("community-facts").contains("1000–2999户")
			.contains(secretaryName).contains("value=\"" + holder.get("id") + "\"").contains("region-suggestions");

		String title = unique("红色物业");
		String location = mvc.perform(post("/training/cases").with(as("harbin-admin")).with(csrf()).param("title", title)
			.param("practice", "物业、业委会、社区“三方联席”每月议事").param("results", "物业投诉下降六成").param("topic", "PROPERTY_PARTY_BUILDING")
			.param("communityCode", code).param("households", "1500").param("year", "2025")
			.param("secretaryPersonId", holder.get("id").toString()))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		long id = jdbc.sql("SELECT id FROM training_case WHERE title = :t").param("t", title).query(Long.class).single();
		assertThat(location).isEqualTo("/training/cases/" + id);
		assertThat(jdbc.sql("SELECT secretary_name FROM training_case WHERE id = :id").param("id", id).query(String.class)
			.single()).isEqualTo(secretaryName);
		assertThat(fx.audits("TRAINING_CASE_CREATE", id)).isEqualTo(1);

		// the library links the case to its page; the page shows it with its history and the forms
		assertThat(mvc.perform(get("/training/library").param("q", title).with(as("harbin-admin"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString()).contains("/training/cases/" + id);
		String shown = page("harbin-admin", "/training/cases/" + id);
		assertThat(shown).contains(title).contains("物业投诉下降六成").contains("edit-case").contains("secretary-form")
			.contains("TRAINING_CASE_CREATE");
		// the province may change a city's case too
		assertThat(page("hlj-admin", "/training/cases/" + id)).contains("edit-case");

		String form = page("harbin-admin", "/training/cases/" + id + "/edit");
		assertThat(form).contains("value=\"" + title + "\"").contains("name=\"version\" value=\"0\"");
		mvc.perform(post("/training/cases/" + id + "/edit").with(as("harbin-admin")).with(csrf()).header("HX-Request", "true")
			.param("title", title).param("practice", "物业、业委会、社区“三方联席”每月议事").param("results", "物业投诉下降七成")
			.param("topic", "PROPERTY_PARTY_BUILDING").param("communityCode", code).param("households", "3200")
			.param("year", "2025").param("secretaryPersonId", holder.get("id").toString()).param("version", "0"))
			.andExpect(status().isNoContent());
		assertThat(jdbc.sql("SELECT results FROM training_case WHERE id = :id").param("id", id).query(String.class).single())
			.isEqualTo("物业投诉下降七成");
		assertThat(page("harbin-admin", "/training/cases/" + id)).contains("3000–5999户");
		assertThat(fx.audits("TRAINING_CASE_UPDATE", id)).isEqualTo(1);

		// choosing the secretary: only as a model secretary, then once
		String refused = mvc.perform(post("/training/cases/" + id + "/secretary").with(as("harbin-admin")).with(csrf())
			.param("kind", "PARTY_SCHOOL_EXPERT"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(refused).contains("只能选为全国或省级优秀社区书记").contains("secretary-form");
		assertThat(fx.count("SELECT COUNT(*) FROM training_lecturer WHERE case_id = :id", id)).isZero();
		String lecturerPage = mvc.perform(post("/training/cases/" + id + "/secretary").with(as("harbin-admin")).with(csrf())
			.param("kind", "PROVINCIAL_MODEL_SECRETARY").param("title", "社区党委书记"))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		long lecturer = jdbc.sql("SELECT id FROM training_lecturer WHERE case_id = :id").param("id", id).query(Long.class).single();
		assertThat(lecturerPage).isEqualTo("/training/lecturers/" + lecturer);
		assertThat(fx.audits("TRAINING_CASE_SECRETARY_CHOSEN", id)).isEqualTo(1);
		assertThat(page("harbin-admin", "/training/lecturers/" + lecturer)).contains(secretaryName)
			.contains("/training/cases/" + id);
		String chosen = page("harbin-admin", "/training/cases/" + id);
		assertThat(chosen).contains("chosen-lecturer").doesNotContain("secretary-form");
		String again = mvc.perform(post("/training/cases/" + id + "/secretary").with(as("harbin-admin")).with(csrf())
			.param("kind", "NATIONAL_MODEL_SECRETARY"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(again).contains("该案例的社区书记已是讲师");
		assertThat(fx.count("SELECT COUNT(*) FROM training_lecturer WHERE case_id = :id", id)).isEqualTo(1);
	}
}
