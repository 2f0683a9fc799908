package cn.grassroots.org;

import static cn.grassroots.Api.as;
import static cn.grassroots.org.StructureFixtures.id;
import static cn.grassroots.org.StructureFixtures.json;
import static cn.grassroots.org.StructureFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;

@IntegrationTest
class UnitApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	StructureFixtures fx;

	@BeforeEach
	void setUp() {
		fx = new StructureFixtures(mvc, jdbc);
	}

	private String body(String code, String name, String kind, String region, Long parentId, Integer version) {
		return json("{'code':'" + code + "','name':'" + name + "','kind':'" + kind + "','regionCode':'" + region
				+ "','parentId':" + parentId + ",'version':" + version + "}");
	}

	private String unitName(long id) {
		return jdbc.sql("SELECT name FROM unit WHERE id = :id").param("id", id).query(String.class).single();
	}

	@Test
	void listsNeverShowUnitsOutsideTheScope() throws Exception {
		String body = mvc.perform(get("/api/v1/units").param("size", "100").with(as("nx-civil")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<String> names = JsonPath.read(body, "$.content[*].name");
		assertThat(names).containsExactly("自治区民政厅");

		body = mvc.perform(get("/api/v1/units").param("size", "100").with(as("harbin-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<String> regions = JsonPath.read(body, "$.content[*].regionCode");
		assertThat(regions).isNotEmpty().allMatch(r -> r.startsWith("2301"));
		long inHarbin = jdbc.sql("SELECT COUNT(*) FROM unit WHERE region_code BETWEEN 230100000000 AND 230199999999")
			.query(Long.class).single();
		assertThat(((Number) JsonPath.read(body, "$.page.totalElements")).longValue()).isEqualTo(inHarbin);

		mvc.perform(get("/api/v1/units").param("kind", "PARTY_SCHOOL").param("q", "党校").with(as("hlj-admin")))
			.andExpect(jsonPath("$.content[*].kind").value(org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.is("PARTY_SCHOOL"))))
			.andExpect(jsonPath("$.page.totalElements").value(org.hamcrest.Matchers.greaterThanOrEqualTo(2)));
		mvc.perform(get("/api/v1/units").param("region", "64").with(as("hlj-secretary")))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		mvc.perform(get("/api/v1/units").param("region", "23").with(as("nx-civil"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/units").param("region", "64").with(as("nx-civil")))
			.andExpect(jsonPath("$.page.totalElements").value(1));
	}

	@Test
	void aUnitShowsItsParentAndTheChildrenInScope() throws Exception {
		long harbinOrg = fx.unitId("2301-001");
		mvc.perform(get("/api/v1/units/" + harbinOrg).with(as("harbin-admin")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.code").value("2301-001"))
			.andExpect(jsonPath("$.name").value("哈尔滨市委组织部"))
			.andExpect(jsonPath("$.kind").value("PARTY_DEPARTMENT"))
			.andExpect(jsonPath("$.regionCode").value("230100000000"))
			.andExpect(jsonPath("$.parent.id").value(fx.unitId("23-001")))
			.andExpect(jsonPath("$.parent.name").value("黑龙江省委组织部"))
			.andExpect(jsonPath("$.children[?(@.name == '道里区委组织部')]").exists());
		mvc.perform(get("/api/v1/units/" + fx.unitId("23-001")).with(as("hlj-admin")))
			.andExpect(jsonPath("$.parent").doesNotExist())
			.andExpect(jsonPath("$.children[0].name").value("哈尔滨市委组织部"));
		mvc.perform(get("/api/v1/units/" + harbinOrg).with(as("nx-admin"))).andExpect(status().isForbidden());
		long civil = fx.unitId("64-010");
		mvc.perform(get("/api/v1/units/" + civil).with(as("nx-civil"))).andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("自治区民政厅"));
		mvc.perform(get("/api/v1/units/" + fx.unitId("64-009")).with(as("nx-civil"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/units/999999999").with(as("nx-admin"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/units/abc").with(as("nx-admin"))).andExpect(status().isBadRequest());
	}

	@Test
	void aUnitIsCreatedAndChangedWithAudit() throws Exception {
		String code = unique("T-");
		long daoliOrg = fx.unitId("230102-001");
		String created = fx.unit("harbin-admin", code, unique("道里区测试单位"), "RESIDENT_UNIT", 230102001001L, daoliOrg);
		long id = id(created);
		assertThat((String) JsonPath.read(created, "$.parent.name")).isEqualTo("道里区委组织部");
		assertThat((Integer) JsonPath.read(created, "$.version")).isEqualTo(0);
		String renamed = unique("改名单位");
		mvc.perform(put("/api/v1/units/" + id).with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(body(code, renamed, "PROPERTY_COMPANY", "230102001", null, 0)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value(renamed))
			.andExpect(jsonPath("$.kind").value("PROPERTY_COMPANY"))
			.andExpect(jsonPath("$.regionCode").value("230102001000"))
			.andExpect(jsonPath("$.parent").doesNotExist())
			.andExpect(jsonPath("$.version").value(1));
		// a stale version is a conflict
		mvc.perform(put("/api/v1/units/" + id).with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(body(code, "旧版本", "PROPERTY_COMPANY", "230102001", null, 0)))
			.andExpect(status().isConflict());
		assertThat(unitName(id)).isEqualTo(renamed);
		String audit = jdbc.sql("SELECT before_value FROM audit_event WHERE action = 'UNIT_UPDATE' AND target_id = :id")
			.param("id", Long.toString(id)).query(String.class).single();
		assertThat(audit).contains("RESIDENT_UNIT");
		assertThat(jdbc.sql("SELECT region_code FROM audit_event WHERE action = 'UNIT_CREATE' AND target_id = :id")
			.param("id", Long.toString(id)).query(Long.class).single()).isEqualTo(230102001001L);
		// the code is unique
		mvc.perform(post("/api/v1/units").with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(body(code, unique("重复"), "OTHER", "2301", null, null)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("code"))
			.andExpect(jsonPath("$.errors[0].message").value("该编码已被使用"));
	}

	@Test
	void aParentThatWouldMakeACycleIsRefused() throws Exception {
		long a = id(fx.unit("harbin-admin", unique("CA-"), unique("甲单位"), "OTHER", 230102000000L, null));
		long b = id(fx.unit("harbin-admin", unique("CB-"), unique("乙单位"), "OTHER", 230102000000L, a));
		long c = id(fx.unit("harbin-admin", unique("CC-"), unique("丙单位"), "OTHER", 230102000000L, b));
		String codeA = jdbc.sql("SELECT code FROM unit WHERE id = :id").param("id", a).query(String.class).single();
		for (long parent : new long[] { c, b, a }) {
			mvc.perform(put("/api/v1/units/" + a).with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
				.content(body(codeA, "环", "OTHER", "230102", parent, null)))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
				.andExpect(jsonPath("$.errors[0].field").value("parentId"))
				.andExpect(jsonPath("$.errors[0].message").value("上级单位不能是本单位或其下级单位"));
		}
		assertThat(jdbc.sql("SELECT parent_id FROM unit WHERE id = :id").param("id", a).query(Long.class).optional()).isEmpty();
		assertThat(unitName(a)).doesNotContain("环");
		// moving the grandchild up is fine
		mvc.perform(put("/api/v1/units/" + c).with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(body(jdbc.sql("SELECT code FROM unit WHERE id = :id").param("id", c).query(String.class).single(),
					unique("丙单位"), "OTHER", "230102", a, null)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.parent.id").value(a));
	}

	@Test
	void changesOutsideTheScopeAreForbiddenAndChangeNothing() throws Exception {
		long units = fx.count("unit");
		long audits = fx.count("audit_event");
		long civil = fx.unitId("64-010");
		long hljOrg = fx.unitId("23-001");
		long harbinOrg = fx.unitId("2301-001");
		mvc.perform(post("/api/v1/units").with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(body(unique("X-"), unique("越权"), "OTHER", "64", null, null)))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		// a parent the caller may not change
		mvc.perform(post("/api/v1/units").with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(body(unique("X-"), unique("越权"), "OTHER", "2301", hljOrg, null)))
			.andExpect(status().isForbidden());
		mvc.perform(put("/api/v1/units/" + civil).with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(body("64-010", "改名", "OTHER", "64", null, null)))
			.andExpect(status().isForbidden());
		// unit officers read their unit but do not change structure
		mvc.perform(put("/api/v1/units/" + civil).with(as("nx-civil")).contentType(MediaType.APPLICATION_JSON)
			.content(body("64-010", "改名", "OTHER", "64", null, null)))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/units").with(as("nx-civil")).contentType(MediaType.APPLICATION_JSON)
			.content(body(unique("X-"), unique("越权"), "OTHER", "64", civil, null)))
			.andExpect(status().isForbidden());
		// moving one's unit out of one's scope
		mvc.perform(put("/api/v1/units/" + harbinOrg).with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(body("2301-001", "哈尔滨市委组织部", "PARTY_DEPARTMENT", "64", hljOrg, null)))
			.andExpect(status().isForbidden());
		assertThat(fx.count("unit")).isEqualTo(units);
		assertThat(fx.count("audit_event")).isEqualTo(audits);
		assertThat(unitName(civil)).isEqualTo("自治区民政厅");
		assertThat(jdbc.sql("SELECT region_code FROM unit WHERE id = :id").param("id", harbinOrg).query(Long.class).single())
			.isEqualTo(230100000000L);
	}

	@Test
	void badInputIsABadRequestWithFieldErrors() throws Exception {
		long units = fx.count("unit");
		mvc.perform(post("/api/v1/units").with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(json("{'code':'a b','name':'','regionCode':'abc','parentId':99999999}")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[?(@.field == 'code')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'name')].message").value("必填"))
			.andExpect(jsonPath("$.errors[?(@.field == 'kind')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'regionCode')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'parentId')].message").value("单位不存在"));
		mvc.perform(post("/api/v1/units").with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(body("x".repeat(41), "x".repeat(201), "OTHER", "2301", null, null)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[?(@.field == 'code')].message").value("内容过长"))
			.andExpect(jsonPath("$.errors[?(@.field == 'name')].message").value("内容过长"));
		mvc.perform(post("/api/v1/units").with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(body(unique("K-"), "x", "NOT_A_KIND", "2301", null, null)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		mvc.perform(post("/api/v1/units").with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON).content("[1,2"))
			.andExpect(status().isBadRequest());
		mvc.perform(put("/api/v1/units/abc").with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isBadRequest());
		mvc.perform(put("/api/v1/units/999999999").with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/units").param("kind", "x").with(as("harbin-admin"))).andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/units").param("q", "x".repeat(51)).with(as("harbin-admin"))).andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/units").param("page", "-1").with(as("harbin-admin"))).andExpect(status().isBadRequest());
		assertThat(fx.count("unit")).isEqualTo(units);
	}
}
