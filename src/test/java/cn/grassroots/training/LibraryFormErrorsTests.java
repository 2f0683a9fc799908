package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static cn.grassroots.training.TrainingFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import cn.grassroots.IntegrationTest;

/**
 * Bad input on the lecturer and case forms comes back as the form itself with the service's message
 * beside each offending field, what was typed kept, and nothing stored or audited.
 */
@IntegrationTest
class LibraryFormErrorsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	private MockHttpServletRequestBuilder htmx(String uri) {
		return post(uri).with(as("harbin-admin")).with(csrf()).header("HX-Request", "true");
	}

	private long audits(String action) {
		return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = :a").param("a", action).query(Long.class).single();
	}

	@Test
	void aLecturerWithoutNameOrTopicsOrWithAnUnknownRegionIsShownAgainWithTheFieldsMarked() throws Exception {
		String unit = unique("党校");
		long created = audits("TRAINING_LECTURER_CREATE");
		String body = mvc.perform(htmx("/training/lecturers").param("name", " ").param("kind", "PARTY_SCHOOL_EXPERT")
			.param("unitName", unit).param("regionCode", "239999"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(body).doesNotContain("<html").contains("form-errors").contains("value=\"" + unit + "\"")
			.contains("必填").contains("没有这个行政区划");
		assertThat(body.split("is-invalid").length - 1).isGreaterThanOrEqualTo(3);
		// a person number that is no number is refused beside its field before anything is asked of the service
		String typed = mvc.perform(htmx("/training/lecturers").param("name", "王老师").param("kind", "PARTY_SCHOOL_EXPERT")
			.param("unitName", unit).param("regionCode", "230100000000").param("topics", "MASS_WORK").param("personId", "七号"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(typed).contains("格式不正确").contains("value=\"七号\"");
		// a person who is not in the roster: the service's message
		String unknown = mvc.perform(htmx("/training/lecturers").param("name", "王老师").param("kind", "PARTY_SCHOOL_EXPERT")
			.param("unitName", unit).param("regionCode", "230100000000").param("topics", "MASS_WORK").param("personId", "999999999"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(unknown).contains("名册中没有这个人");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM training_lecturer WHERE unit_name = :u").param("u", unit).query(Long.class)
			.single()).isZero();
		assertThat(audits("TRAINING_LECTURER_CREATE")).isEqualTo(created);
	}

	@Test
	void aCaseOfACountyOrWithoutPracticeOrWithImpossibleHouseholdsIsShownAgainWithTheFieldsMarked() throws Exception {
		String title = unique("案例");
		long created = audits("TRAINING_CASE_CREATE");
		String body = mvc.perform(htmx("/training/cases").param("title", title).param("practice", "").param("results", "成效")
			.param("topic", "MASS_WORK").param("communityCode", "230102").param("households", "0").param("year", "2025"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(body).doesNotContain("<html").contains("case-form").contains("value=\"" + title + "\"")
			.contains("必填").contains("请选择社区（村）一级的区划").contains("超出允许范围");
		String typed = mvc.perform(htmx("/training/cases").param("title", title).param("practice", "做法").param("results", "成效")
			.param("topic", "MASS_WORK").param("communityCode", "230102001001").param("households", "两千").param("year", "2025"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(typed).contains("格式不正确");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM training_case WHERE title = :t").param("t", title).query(Long.class).single())
			.isZero();
		assertThat(audits("TRAINING_CASE_CREATE")).isEqualTo(created);
	}
}
