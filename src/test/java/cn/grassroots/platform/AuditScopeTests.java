package cn.grassroots.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.Api;
import cn.grassroots.IntegrationTest;
import cn.grassroots.platform.security.AccountStore;
import cn.grassroots.platform.security.Grant;
import cn.grassroots.platform.security.Role;

@IntegrationTest
class AuditScopeTests {

	private static final String PASSWORD = "Audit-Test-77";

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountStore accounts;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	JdbcClient jdbc;

	private String account(Grant grant) {
		String username = "audit-" + UUID.randomUUID().toString().substring(0, 8);
		long id = accounts.create(username, encoder.encode(PASSWORD), "审计测试", null, false);
		accounts.addGrant(id, grant, "test");
		return username;
	}

	private void event(String action, Long region) {
		jdbc.sql("""
				INSERT INTO audit_event (occurred_at, actor, action, region_code, outcome)
				VALUES (CURRENT_TIMESTAMP, 'scope-test', :a, :r, 'SUCCESS')""").param("a", action).param("r", region).update();
	}

	@Test
	void aRegionalAuditorReadsOnlyTheEventsOfTheirRegion() throws Exception {
		String marker = "T" + UUID.randomUUID().toString().substring(0, 8);
		event(marker, 230102001001L);
		event(marker, 640104001002L);
		event(marker, null);
		String auditor = account(Grant.region(Role.AUDITOR, 230100000000L));
		String body = mvc.perform(get("/api/v1/audit").param("action", marker).with(httpBasic(auditor, PASSWORD)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<String> regions = JsonPath.read(body, "$.content[*].regionCode");
		assertThat(regions).containsExactly("230102001001");

		mvc.perform(get("/api/v1/audit").param("action", marker).with(Api.as("auditor")))
			.andExpect(jsonPath("$.page.totalElements").value(3));
	}

	@Test
	void businessAndSecurityRolesCannotReadTheAudit() throws Exception {
		mvc.perform(get("/api/v1/audit").with(Api.as("hlj-admin"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/audit").with(Api.as("hlj-grid"))).andExpect(status().isForbidden());
		mvc.perform(get("/audit").with(Api.as("hlj-admin"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/audit").with(Api.as("sys-admin"))).andExpect(status().isOk());
	}

	@Test
	void theAuditorCanFilterByActorAndTime() throws Exception {
		mvc.perform(get("/api/v1/audit").param("actor", "nobody-at-all").with(Api.as("auditor")))
			.andExpect(status().isOk()).andExpect(jsonPath("$.page.totalElements").value(0));
		mvc.perform(get("/api/v1/audit").param("from", "2020-01-01").param("to", "2099-12-31").with(Api.as("auditor")))
			.andExpect(status().isOk());
		mvc.perform(get("/api/v1/audit").param("from", "yesterday").with(Api.as("auditor")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("from"));
	}

	@Test
	void theAuditorReadsNoPeople() throws Exception {
		String body = mvc.perform(get("/api/v1/people").with(Api.as("auditor")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<Object> ids = JsonPath.read(body, "$.content[*].id");
		assertThat(ids.size()).isLessThanOrEqualTo(1); // only the auditor's own record
		mvc.perform(get("/api/v1/people").param("region", "23").with(Api.as("sys-admin"))).andExpect(status().isOk())
			.andExpect(jsonPath("$.page.totalElements").value(1));
	}

	@Test
	void theApplicationOffersNoWayToChangeTheAudit() throws Exception {
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/api/v1/audit").with(Api.as("auditor")))
			.andExpect(status().isMethodNotAllowed());
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/audit/1").with(Api.as("sys-admin")))
			.andExpect(status().is4xxClientError());
	}
}
