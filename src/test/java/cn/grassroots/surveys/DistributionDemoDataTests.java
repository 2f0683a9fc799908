package cn.grassroots.surveys;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;

/** The demo's distributions: the links its 20,000 responses came through, and an open link still taking answers. */
@IntegrationTest
class DistributionDemoDataTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theRatesPageOfTheDemoShowsTheLinksItsResponsesCameThrough() throws Exception {
		java.util.Optional<Long> id = java.util.Optional.empty();
		for (int i = 0; i < 1200; i++) {
			id = jdbc.sql("SELECT d.questionnaire_id FROM survey_distribution d JOIN survey_questionnaire q "
					+ "ON q.id = d.questionnaire_id WHERE q.form_id = 'pretraining_2026' AND d.kind = 'OPEN'")
				.query(Long.class).optional();
			if (id.isPresent()) {
				break;
			}
			Thread.sleep(100);
		}
		long q = id.orElseThrow();
		// the demo's own (other tests add distributions to the demo questionnaire too)
		long perPerson = jdbc.sql("SELECT id FROM survey_distribution WHERE questionnaire_id = :q AND kind = 'TOKENS' "
				+ "AND anonymous = TRUE AND created_by = 'demo'").param("q", q).query(Long.class).single();
		String rates = mvc.perform(get("/api/v1/surveys/" + q + "/rates").param("level", "PROVINCE")
			.param("distribution", Long.toString(perPerson)).with(as("hlj-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(((Number) JsonPath.read(rates, "$.responded")).intValue()).isEqualTo(20_000);
		long expected = ((Number) JsonPath.read(rates, "$.expected")).longValue();
		// a quarter more links than answers
		assertThat(expected).isEqualTo(jdbc.sql("SELECT COUNT(*) FROM survey_invitation WHERE distribution_id = :d")
			.param("d", perPerson).query(Long.class).single()).isGreaterThan(24_000);
		String list = mvc.perform(get("/api/v1/surveys/" + q + "/distributions").with(as("hlj-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<String> kinds = JsonPath.read(list, "$[*].kind");
		assertThat(kinds).contains("TOKENS", "OPEN");
		String link = JsonPath.<List<String>>read(list, "$[?(@.kind == 'OPEN')].openLink").get(0);
		mvc.perform(get(link.substring(link.indexOf("/a/o/")))).andExpect(status().isOk());
		mvc.perform(get("/surveys/" + q + "/distribution").with(as("harbin-admin"))).andExpect(status().isOk());
	}

	@Test
	void theDemoHasANamedDistributionToTheRostersCommunitySecretariesSomeAnswered() throws Exception {
		java.util.Optional<Long> found = java.util.Optional.empty();
		for (int i = 0; i < 3000 && found.isEmpty(); i++) {
			found = jdbc.sql("SELECT d.id FROM survey_distribution d JOIN survey_questionnaire q ON q.id = d.questionnaire_id "
					+ "WHERE q.form_id = 'pretraining_2026' AND d.kind = 'TOKENS' AND d.anonymous = FALSE AND d.created_by = 'demo'")
				.query(Long.class).optional();
			if (found.isEmpty()) {
				Thread.sleep(100);
			}
		}
		long d = found.orElseThrow();
		long q = jdbc.sql("SELECT questionnaire_id FROM survey_distribution WHERE id = :d").param("d", d).query(Long.class).single();
		// every link is tied to a person who held a community or village secretary's post in Heilongjiang that day
		List<java.util.Map<String, Object>> links = jdbc.sql("SELECT i.id, i.person_id, i.person_name, i.role, u.used_at "
				+ "FROM survey_invitation i LEFT JOIN survey_invitation_use u ON u.invitation_id = i.id WHERE i.distribution_id = :d").param("d", d).query().listOfRows();
		assertThat(links).isNotEmpty().allSatisfy(l -> {
			assertThat(l.get("person_id")).isNotNull();
			assertThat((String) l.get("person_name")).isNotBlank();
			assertThat(l.get("role")).isEqualTo("COMMUNITY_SECRETARY");
		});
		List<Long> people = links.stream().map(l -> ((Number) l.get("person_id")).longValue()).toList();
		assertThat(people).doesNotHaveDuplicates();
		long secretaries = jdbc.sql("SELECT COUNT(DISTINCT person_id) FROM post_assignment WHERE person_id IN (:ids) "
				+ "AND post IN ('COMMUNITY_PARTY_SECRETARY', 'VILLAGE_PARTY_SECRETARY') AND region_code BETWEEN 230000000000 "
				+ "AND 239999999999").param("ids", people).query(Long.class).single();
		assertThat(secretaries).isEqualTo(people.size());
		// the training demo's secretaries are among them (it adds them before the application is ready)
		assertThat(people.size()).isGreaterThan(200);
		// some answered, some not; each answer is a named online response carrying its link
		long answered = links.stream().filter(l -> l.get("used_at") != null).count();
		assertThat(answered).isPositive().isLessThan(links.size());
		assertThat(jdbc.sql("SELECT COUNT(*) FROM survey_response r JOIN survey_invitation i ON r.token = CONCAT('link:', "
				+ "CAST(i.id AS VARCHAR(20))) JOIN survey_invitation_use u ON u.invitation_id = i.id "
				+ "WHERE r.questionnaire_id = :q AND i.distribution_id = :d")
			.param("q", q).param("d", d).query(Long.class).single()).isEqualTo(answered);
		// the rates show the named response rate, per city
		String rates = mvc.perform(get("/api/v1/surveys/" + q + "/rates").param("distribution", Long.toString(d))
			.with(as("hlj-admin"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(((Number) JsonPath.read(rates, "$.expected")).longValue()).isEqualTo(links.size());
		assertThat(((Number) JsonPath.read(rates, "$.responded")).longValue()).isEqualTo(answered);
		assertThat(JsonPath.<List<String>>read(rates, "$.byRole[*].key")).containsExactly("COMMUNITY_SECRETARY");
		mvc.perform(get("/surveys/" + q + "/distribution").param("distribution", Long.toString(d)).with(as("hlj-admin")))
			.andExpect(status().isOk());
		// the roster was read as a system task, and audited
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'ROSTER_SYSTEM_READ' AND detail LIKE :t")
			.param("t", "surveys demo:%").query(Long.class).single()).isPositive();
		assertThat(jdbc.sql("SELECT actor FROM audit_event WHERE action = 'SURVEY_DISTRIBUTION_CREATE' AND target_id = :d")
			.param("d", Long.toString(d)).query(String.class).list()).containsExactly("system");
	}
}
