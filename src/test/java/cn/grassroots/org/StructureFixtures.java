package cn.grassroots.org;

import static cn.grassroots.Api.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

/** What the structure tests create for themselves: unique names, grids, units, people. */
final class StructureFixtures {

	static final long SHENGBAOSHE = 230102001001L;
	static final long ZHAOLIN = 230102001000L;

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private final MockMvc mvc;
	private final JdbcClient jdbc;

	StructureFixtures(MockMvc mvc, JdbcClient jdbc) {
		this.mvc = mvc;
		this.jdbc = jdbc;
	}

	/** A name (or code part) no other test uses. */
	static String unique(String prefix) {
		return prefix + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36) + SEQUENCE.incrementAndGet();
	}

	static String json(String text) {
		return text.replace('\'', '"');
	}

	/** Creates a grid as the account and returns the response body. */
	String grid(String account, long region, String name, String validFrom) throws Exception {
		return mvc.perform(post("/api/v1/grids").with(as(account)).contentType(MediaType.APPLICATION_JSON)
			.content(json("{'regionCode':'" + region + "','name':'" + name + "','boundary':'东至甲街','households':120,"
					+ "'buildings':4,'validFrom':'" + validFrom + "'}")))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
	}

	String microGrid(String account, long parentId, String name) throws Exception {
		return mvc.perform(post("/api/v1/grids").with(as(account)).contentType(MediaType.APPLICATION_JSON)
			.content(json("{'parentId':" + parentId + ",'name':'" + name + "','households':30,'validFrom':'2025-01-01'}")))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
	}

	/** Creates a person in the region as the account and returns their id. */
	long person(String account, long region) throws Exception {
		String body = mvc.perform(post("/api/v1/people").with(as(account)).contentType(MediaType.APPLICATION_JSON)
			.content(json("{'name':'" + unique("人") + "','regionCode':'" + region + "'}")))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		return id(body);
	}

	String unit(String account, String code, String name, String kind, long region, Long parentId) throws Exception {
		return mvc.perform(post("/api/v1/units").with(as(account)).contentType(MediaType.APPLICATION_JSON)
			.content(json("{'code':'" + code + "','name':'" + name + "','kind':'" + kind + "','regionCode':'" + region
					+ "','parentId':" + parentId + "}")))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
	}

	String organisation(String account, String code, String name, String kind, long region, Long parentId, Long unitId)
			throws Exception {
		return mvc.perform(post("/api/v1/party-organisations").with(as(account)).contentType(MediaType.APPLICATION_JSON)
			.content(json("{'code':'" + code + "','name':'" + name + "','kind':'" + kind + "','regionCode':'" + region
					+ "','parentId':" + parentId + ",'unitId':" + unitId + "}")))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
	}

	static long id(String body) {
		return ((Number) JsonPath.read(body, "$.id")).longValue();
	}

	long count(String table) {
		return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
	}

	long gridId(String code) {
		return jdbc.sql("SELECT id FROM grid WHERE code = :c").param("c", code).query(Long.class).single();
	}

	long unitId(String code) {
		return jdbc.sql("SELECT id FROM unit WHERE code = :c").param("c", code).query(Long.class).single();
	}

	long organisationId(String code) {
		return jdbc.sql("SELECT id FROM party_organisation WHERE code = :c").param("c", code).query(Long.class).single();
	}

	/** A region of the level inside [from, to], the n-th in code order (0-based). */
	long village(long from, long to, int n) {
		return jdbc.sql("SELECT code FROM region WHERE level = 'VILLAGE' AND code BETWEEN :f AND :t ORDER BY code LIMIT 1 OFFSET :n")
			.param("f", from)
			.param("t", to)
			.param("n", n)
			.query(Long.class)
			.single();
	}
}
