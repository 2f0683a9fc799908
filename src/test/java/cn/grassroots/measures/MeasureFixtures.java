package cn.grassroots.measures;

import static cn.grassroots.Api.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

/**
 * Builds mechanisms and measures through the API, with the demo's Ningxia units: 组织部 leads,
 * 社会工作部 coordinates, 民政厅 (nx-civil) and 公安厅 are members.
 */
final class MeasureFixtures {

	private static final AtomicInteger SEQ = new AtomicInteger();

	final MockMvc mvc;
	final JdbcClient jdbc;
	final long organisation;
	final long social;
	final long civil;
	final long police;
	final long justice;

	MeasureFixtures(MockMvc mvc, JdbcClient jdbc) {
		this.mvc = mvc;
		this.jdbc = jdbc;
		organisation = unit("自治区党委组织部");
		social = unit("自治区党委社会工作部");
		civil = unit("自治区民政厅");
		police = unit("自治区公安厅");
		justice = unit("自治区司法厅");
	}

	long unit(String name) {
		return jdbc.sql("SELECT id FROM unit WHERE name = :n").param("n", name).query(Long.class).single();
	}

	static String json(String singleQuoted) {
		return singleQuoted.replace('\'', '"');
	}

	static String unique(String prefix) {
		return prefix + "-" + System.nanoTime() % 100000 + "-" + SEQ.incrementAndGet();
	}

	/** A Ningxia mechanism created by nx-admin; returns its id. */
	long mechanism() throws Exception {
		String body = json("{'name':'" + unique("协调机制") + "','level':'PROVINCE','regionCode':'64','leaderName':'张书记',"
				+ "'leaderTitle':'自治区党委常委、组织部部长','leadUnitId':" + organisation + ",'coordinatingUnitId':" + social
				+ ",'foundingDocument':'宁党办〔2024〕1号','members':[{'unitId':" + civil + ",'duty':'城乡社区治理'},{'unitId':"
				+ police + ",'duty':'社会治安'},{'unitId':" + justice + ",'duty':'法治'}]}");
		return id(mvc.perform(post("/api/v1/mechanisms").with(as("nx-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(body)).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
	}

	/** An annual measure led by a unit, with optional partners; returns its id. */
	long measure(long mechanism, String code, long leadUnit, String due, Long... partners) throws Exception {
		StringBuilder p = new StringBuilder("[");
		for (int i = 0; i < partners.length; i++) {
			p.append(i == 0 ? "" : ",").append("{'unitId':").append(partners[i]).append(",'part':'配合推进'}");
		}
		p.append("]");
		return measure(mechanism, "{'code':'" + code + "','title':'措施" + code + "','kind':'ANNUAL','startDate':'2026-01-01',"
				+ "'dueDate':'" + due + "','reportCycle':'MONTHLY','leadUnitId':" + leadUnit + ",'partners':" + p + "}");
	}

	long measure(long mechanism, String singleQuotedJson) throws Exception {
		return id(mvc.perform(post("/api/v1/mechanisms/" + mechanism + "/measures").with(as("nx-admin"))
			.contentType(MediaType.APPLICATION_JSON).content(json(singleQuotedJson)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
	}

	/** A report filed by the user for the current cycle; evidence when {@code evidence} is not null. */
	org.springframework.test.web.servlet.ResultActions report(long measure, String user, String progress, byte[] evidence,
			String... more) throws Exception {
		var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/api/v1/measures/" + measure + "/reports")
			.param("progress", progress)
			.param("done", "完成了阶段工作")
			.with(as(user));
		if (evidence != null) {
			request = request.file(new org.springframework.mock.web.MockMultipartFile("evidence", "佐证材料.pdf", "application/pdf", evidence));
		}
		for (int i = 0; i + 1 < more.length; i += 2) {
			request = request.param(more[i], more[i + 1]);
		}
		return mvc.perform(request);
	}

	long reportId(long measure, String user, String progress, byte[] evidence, String... more) throws Exception {
		return id(report(measure, user, progress, evidence, more).andExpect(status().isCreated()).andReturn().getResponse()
			.getContentAsString());
	}

	org.springframework.test.web.servlet.ResultActions review(long report, String user, String decision, String comment)
			throws Exception {
		return mvc.perform(post("/api/v1/measures/reports/" + report + "/review").with(as(user))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json("{'decision':'" + decision + "'" + (comment == null ? "" : ",'comment':'" + comment + "'") + "}")));
	}

	void accept(long report) throws Exception {
		review(report, "nx-social", "ACCEPT", "同意").andExpect(status().isOk());
	}

	long count(String sql, Object... params) {
		var spec = jdbc.sql(sql);
		for (int i = 0; i < params.length; i++) {
			spec = spec.param(i + 1, params[i]);
		}
		return spec.query(Long.class).single();
	}

	static long id(String body) {
		return ((Number) JsonPath.read(body, "$.id")).longValue();
	}
}
