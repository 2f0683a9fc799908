package cn.grassroots.org;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;

/** Totals of region-only lists come from person_count; they must equal a real count. */
@IntegrationTest
class PeopleTotalsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	private long total(String user, String region) throws Exception {
		var request = get("/api/v1/people").with(as(user));
		if (region != null) {
			request.param("region", region);
		}
		String body = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		return ((Number) JsonPath.read(body, "$.page.totalElements")).longValue();
	}

	private long countIn(long from, long to) {
		return jdbc.sql("SELECT COUNT(*) FROM person WHERE region_code BETWEEN :f AND :t").param("f", from).param("t", to)
			.query(Long.class).single();
	}

	private long driftingRegions() {
		return jdbc.sql("""
				SELECT COUNT(*) FROM person_count c
				WHERE c.people <> (SELECT COUNT(*) FROM person p WHERE p.region_code = c.region_code)
				   OR c.people_below <> (SELECT COUNT(*) FROM person p WHERE p.region_code BETWEEN c.region_code AND CASE
				        WHEN MOD(c.region_code, 10000000000) = 0 THEN c.region_code + 9999999999
				        WHEN MOD(c.region_code, 100000000) = 0 THEN c.region_code + 99999999
				        WHEN MOD(c.region_code, 1000000) = 0 THEN c.region_code + 999999
				        WHEN MOD(c.region_code, 1000) = 0 THEN c.region_code + 999
				        ELSE c.region_code END)""")
			.query(Long.class).single();
	}

	@Test
	void regionTotalsEqualARealCount() throws Exception {
		assertThat(total("hlj-admin", "23")).isEqualTo(countIn(230000000000L, 239999999999L));
		assertThat(total("hlj-admin", "230102")).isEqualTo(countIn(230102000000L, 230102999999L));
		assertThat(total("harbin-admin", null)).isEqualTo(countIn(230100000000L, 230199999999L));
		assertThat(total("nx-admin", "64")).isEqualTo(countIn(640000000000L, 649999999999L));
		// a province admin asking for a city of another province's neighbour is refused, not counted
		mvc.perform(get("/api/v1/people").param("region", "64").with(as("harbin-admin"))).andExpect(status().isForbidden());
	}

	@Test
	void anAccountWithoutRosterRightsCountsOnlyItself() throws Exception {
		assertThat(total("sys-admin", null)).isEqualTo(1);
		assertThat(total("sys-admin", "23")).isEqualTo(1);
		mvc.perform(get("/api/v1/people").param("region", "64").with(as("sys-admin"))).andExpect(status().isForbidden());
	}

	@Test
	void countsFollowCreatesAndMoves() throws Exception {
		String body = mvc.perform(post("/api/v1/people").with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"计数测试\",\"regionCode\":\"230102001001\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		long id = ((Number) JsonPath.read(body, "$.id")).longValue();
		mvc.perform(put("/api/v1/people/" + id).with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"计数测试\",\"regionCode\":\"230102001002\"}"))
			.andExpect(status().isOk());
		assertThat(driftingRegions()).isZero();
		assertThat(total("harbin-admin", "230102001002")).isEqualTo(countIn(230102001002L, 230102001002L));
	}
}
