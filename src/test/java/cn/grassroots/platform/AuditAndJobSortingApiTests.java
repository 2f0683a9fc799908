package cn.grassroots.platform;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;

/**
 * {@code sort} on the audit and job list APIs, over rows the test writes itself (so nothing
 * another test does can slip in between): both directions, ties broken by id, unknown keys a 400.
 */
@IntegrationTest
class AuditAndJobSortingApiTests {

	private static final OffsetDateTime T0 = OffsetDateTime.of(2025, 3, 1, 8, 0, 0, 0, ZoneOffset.UTC);

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	private List<Long> ids(String url, String account, String... params) throws Exception {
		var request = get(url).param("size", "100").with(as(account));
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		String body = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<Number> ids = JsonPath.read(body, "$.content[*].id");
		return ids.stream().map(Number::longValue).toList();
	}

	private void unknownKeyIsAProblem(String url, String account, String... unknown) throws Exception {
		for (String sort : unknown) {
			mvc.perform(get(url).param("sort", sort).with(as(account)))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
				.andExpect(jsonPath("$.errors[0].field").value("sort"));
		}
	}

	private long audit(String actor, String action, String outcome, int minutes) {
		return Sql.insert(jdbc.sql("""
				INSERT INTO audit_event (occurred_at, actor, action, target_type, target_id, outcome)
				VALUES (:at, :actor, :action, 'test', :actor, :outcome)""")
			.param("at", T0.plusMinutes(minutes))
			.param("actor", actor)
			.param("action", action)
			.param("outcome", outcome));
	}

	@Test
	void auditEventsSortByTimeActionAndOutcomeBothWaysAndRefuseAnUnknownKey() throws Exception {
		String actor = "sort-" + System.nanoTime();
		long b = audit(actor, "SORT_B", "SUCCESS", 20);
		long a = audit(actor, "SORT_A", "FAILURE", 30);
		long c = audit(actor, "SORT_C", "SUCCESS", 10);
		long a2 = audit(actor, "SORT_A", "SUCCESS", 30);

		// newest first by default, the later id first among equal times
		assertThat(ids("/api/v1/audit", "auditor", "actor", actor)).containsExactly(a2, a, b, c);
		assertThat(ids("/api/v1/audit", "auditor", "actor", actor, "sort", "-time")).containsExactly(a2, a, b, c);
		assertThat(ids("/api/v1/audit", "auditor", "actor", actor, "sort", "time")).containsExactly(c, b, a, a2);
		assertThat(ids("/api/v1/audit", "auditor", "actor", actor, "sort", "action")).containsExactly(a, a2, b, c);
		assertThat(ids("/api/v1/audit", "auditor", "actor", actor, "sort", "-action")).containsExactly(c, b, a2, a);
		assertThat(ids("/api/v1/audit", "auditor", "actor", actor, "sort", "outcome")).containsExactly(a, b, c, a2);
		assertThat(ids("/api/v1/audit", "auditor", "actor", actor, "sort", "-outcome")).containsExactly(a2, c, b, a);

		unknownKeyIsAProblem("/api/v1/audit", "auditor", "detail", "occurred_at", "-clientAddress");
	}

	private long job(String owner, String kind, String state, long rows, int minutes) {
		return Sql.insert(jdbc.sql("""
				INSERT INTO job (kind, owner, state, progress, rows_done, error_count, created_at, finished_at)
				VALUES (:kind, :owner, :state, 1, :rows, 0, :at, :at)""")
			.param("kind", kind)
			.param("owner", owner)
			.param("state", state)
			.param("rows", rows)
			.param("at", T0.plusMinutes(minutes)));
	}

	@Test
	void jobsSortByCreationKindAndRowsBothWaysAndRefuseAnUnknownKey() throws Exception {
		List<Long> mine = new ArrayList<>();
		try {
			long x = job("nx-civil", "SORT_TEST_B", "SUCCEEDED", 5, 1);
			long y = job("nx-civil", "SORT_TEST_A", "FAILED", 50, 2);
			long z = job("nx-civil", "SORT_TEST_B", "SUCCEEDED", 500, 3);
			mine.addAll(List.of(x, y, z));
			assertThat(ids("/api/v1/jobs", "nx-civil")).containsExactly(z, y, x);
			assertThat(ids("/api/v1/jobs", "nx-civil", "sort", "createdAt")).containsExactly(x, y, z);
			assertThat(ids("/api/v1/jobs", "nx-civil", "sort", "kind")).containsExactly(y, x, z);
			assertThat(ids("/api/v1/jobs", "nx-civil", "sort", "-kind")).containsExactly(z, x, y);
			assertThat(ids("/api/v1/jobs", "nx-civil", "sort", "rows")).containsExactly(x, y, z);
			assertThat(ids("/api/v1/jobs", "nx-civil", "sort", "-rows")).containsExactly(z, y, x);
			assertThat(ids("/api/v1/jobs", "nx-civil", "sort", "state")).containsExactly(y, x, z);

			unknownKeyIsAProblem("/api/v1/jobs", "nx-civil", "owner", "parameters", "-");
		}
		finally {
			jdbc.sql("DELETE FROM job WHERE id IN (:ids)").param("ids", mine.isEmpty() ? List.of(-1L) : mine).update();
		}
	}
}
