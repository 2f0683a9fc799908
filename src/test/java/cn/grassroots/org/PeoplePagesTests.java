package cn.grassroots.org;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.grassroots.IntegrationTest;

@IntegrationTest
class PeoplePagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	private long secretary() {
		return jdbc.sql("SELECT person_id FROM account WHERE username = 'hlj-secretary'").query(Long.class).single();
	}

	@Test
	void aPersonPageShowsMaskedNumbersAndTheHistory() throws Exception {
		String html = mvc.perform(get("/people/" + secretary()).with(as("harbin-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(html).contains("李淑珍").containsPattern("\\d{3}\\*{4}\\d{4}").contains("data-testid=\"person-history\"")
			.contains("社区党组织书记");
	}

	@Test
	void revealShowsTheFullNumbersOnceAndIsAudited() throws Exception {
		long id = secretary();
		long before = jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'PERSON_REVEAL' AND target_id = :id")
			.param("id", Long.toString(id)).query(Long.class).single();
		String html = mvc.perform(post("/people/" + id + "/reveal").with(as("harbin-admin")).with(csrf()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(html).contains("data-testid=\"revealed\"").containsPattern("1[3-9]\\d{9}").containsPattern("\\d{17}[0-9X]");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'PERSON_REVEAL' AND target_id = :id")
			.param("id", Long.toString(id)).query(Long.class).single()).isEqualTo(before + 1);
	}

	@Test
	void aGridWorkerCannotReveal() throws Exception {
		mvc.perform(post("/people/" + secretary() + "/reveal").with(as("hlj-grid")).with(csrf()))
			.andExpect(status().isForbidden());
	}

	@Test
	void theFormShowsFieldErrorsInChineseAndWritesNothing() throws Exception {
		long count = jdbc.sql("SELECT COUNT(*) FROM person").query(Long.class).single();
		mvc.perform(post("/people/new").with(as("harbin-admin")).with(csrf())
			.param("name", "").param("regionCode", "2301020010019").param("idNumber", "123"))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("身份证号应为18位")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("区划代码应为2、4、6、9或12位数字")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("必填")));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM person").query(Long.class).single()).isEqualTo(count);
	}

	@Test
	void formsWithoutACsrfTokenAreRefused() throws Exception {
		mvc.perform(post("/people/new").with(as("harbin-admin")).param("name", "x").param("regionCode", "230102001001"))
			.andExpect(status().isForbidden());
	}
}
