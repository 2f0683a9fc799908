package cn.grassroots.org;

import static cn.grassroots.Api.as;
import static cn.grassroots.org.StructureFixtures.SHENGBAOSHE;
import static cn.grassroots.org.StructureFixtures.id;
import static cn.grassroots.org.StructureFixtures.json;
import static cn.grassroots.org.StructureFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;

@IntegrationTest
class GridApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	StructureFixtures fx;

	long grid1;

	@BeforeEach
	void setUp() {
		fx = new StructureFixtures(mvc, jdbc);
		grid1 = fx.gridId("23010200100101");
	}

	private static MockHttpServletRequestBuilder postJson(String url, String account, String body) {
		return post(url).with(as(account)).contentType(MediaType.APPLICATION_JSON).content(json(body));
	}

	private long ningxiaCommunity() {
		return fx.village(640000000000L, 649999999999L, 3);
	}

	private long auditCount() {
		return fx.count("audit_event");
	}

	private int highestSuffix(String prefix) {
		return jdbc.sql("SELECT code FROM grid WHERE code LIKE :p").param("p", prefix + "%").query(String.class).list()
			.stream().filter(c -> c.length() == prefix.length() + 2)
			.mapToInt(c -> Integer.parseInt(c.substring(prefix.length()))).max().orElse(0);
	}

	@Test
	void aGridTakesItsCommunitysCodeAndTheNextFreeSuffixAndAMicroGridItsGridsCode() throws Exception {
		long community = fx.village(230102001002L, 230102001999L, 0);
		String prefix = Long.toString(community);
		int highest = highestSuffix(prefix);
		String first = fx.grid("harbin-admin", community, unique("编码网格"), "2025-01-01");
		String second = fx.grid("harbin-admin", community, unique("编码网格"), "2025-01-01");
		assertThat((String) JsonPath.read(first, "$.code")).isEqualTo(prefix + "%02d".formatted(highest + 1));
		assertThat((String) JsonPath.read(second, "$.code")).isEqualTo(prefix + "%02d".formatted(highest + 2));
		assertThat((String) JsonPath.read(first, "$.kind")).isEqualTo("GRID");
		assertThat((String) JsonPath.read(first, "$.regionCode")).isEqualTo(prefix);
		assertThat((Integer) JsonPath.read(first, "$.version")).isEqualTo(1);

		String micro1 = fx.microGrid("harbin-admin", id(first), unique("微网格"));
		String micro2 = fx.microGrid("harbin-admin", id(first), unique("微网格"));
		String gridCode = JsonPath.read(first, "$.code");
		assertThat((String) JsonPath.read(micro1, "$.code")).isEqualTo(gridCode + "01");
		assertThat((String) JsonPath.read(micro2, "$.code")).isEqualTo(gridCode + "02");
		assertThat((String) JsonPath.read(micro1, "$.kind")).isEqualTo("MICRO_GRID");
		assertThat((String) JsonPath.read(micro1, "$.regionCode")).isEqualTo(prefix);
		assertThat(((Number) JsonPath.read(micro1, "$.parent.id")).longValue()).isEqualTo(id(first));

		mvc.perform(get("/api/v1/grids/" + id(first)).with(as("harbin-admin")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.microGrids.length()").value(2))
			.andExpect(jsonPath("$.microGrids[0].code").value(gridCode + "01"));
		// a micro-grid under a micro-grid is refused
		mvc.perform(postJson("/api/v1/grids", "harbin-admin", "{'parentId':" + id(micro1) + ",'name':'x'}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("parentId"));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'GRID_CREATE' AND target_id = :id")
			.param("id", Long.toString(id(first))).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void creatingAGridOutsideTheScopeIsForbiddenAndWritesNothing() throws Exception {
		long grids = fx.count("grid");
		long audits = auditCount();
		mvc.perform(postJson("/api/v1/grids", "harbin-admin",
				"{'regionCode':'" + ningxiaCommunity() + "','name':'" + unique("越权") + "'}"))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		mvc.perform(postJson("/api/v1/grids", "hlj-secretary",
				"{'regionCode':'" + fx.village(230102001002L, 230102001999L, 0) + "','name':'" + unique("越权") + "'}"))
			.andExpect(status().isForbidden());
		// read-only roles cannot create even at home
		mvc.perform(postJson("/api/v1/grids", "hlj-grid", "{'regionCode':'" + SHENGBAOSHE + "','name':'" + unique("越权") + "'}"))
			.andExpect(status().isForbidden());
		mvc.perform(postJson("/api/v1/grids", "nx-civil", "{'regionCode':'" + ningxiaCommunity() + "','name':'" + unique("越权") + "'}"))
			.andExpect(status().isForbidden());
		// nor a micro-grid under someone else's grid
		mvc.perform(postJson("/api/v1/grids", "nx-admin", "{'parentId':" + grid1 + ",'name':'" + unique("越权") + "'}"))
			.andExpect(status().isForbidden());
		assertThat(fx.count("grid")).isEqualTo(grids);
		assertThat(auditCount()).isEqualTo(audits);
	}

	@Test
	void badInputIsABadRequestWithFieldErrorsAndWritesNothing() throws Exception {
		long grids = fx.count("grid");
		mvc.perform(postJson("/api/v1/grids", "harbin-admin",
				"{'regionCode':'abc','name':'','households':-1,'buildings':20000000}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.errors[?(@.field == 'regionCode')].message").value("区划代码应为2、4、6、9或12位数字"))
			.andExpect(jsonPath("$.errors[?(@.field == 'name')].message").value("必填"))
			.andExpect(jsonPath("$.errors[?(@.field == 'households')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'buildings')]").exists());
		// a township is not a community or village
		mvc.perform(postJson("/api/v1/grids", "harbin-admin", "{'regionCode':'230102001','name':'" + unique("镇") + "'}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("regionCode"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("社区或村")));
		mvc.perform(postJson("/api/v1/grids", "harbin-admin", "{'regionCode':'230102001999','name':'x'}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].message").value("区划代码不存在"));
		mvc.perform(postJson("/api/v1/grids", "harbin-admin", "{'regionCode':'" + SHENGBAOSHE + "','name':'"
				+ unique("未来") + "','validFrom':'" + LocalDate.now().plusDays(3) + "'}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("validFrom"));
		mvc.perform(postJson("/api/v1/grids", "harbin-admin", "{'regionCode':'" + SHENGBAOSHE + "','name':'第一网格'}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("name"));
		mvc.perform(postJson("/api/v1/grids", "harbin-admin", "{'parentId':99999999,'name':'x'}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("parentId"));
		mvc.perform(postJson("/api/v1/grids", "harbin-admin", "{not json")).andExpect(status().isBadRequest());
		mvc.perform(postJson("/api/v1/grids", "harbin-admin", "{'regionCode':'" + SHENGBAOSHE + "','name':'x','validFrom':'2025-13-01'}"))
			.andExpect(status().isBadRequest());
		mvc.perform(postJson("/api/v1/grids", "harbin-admin", "{'regionCode':'" + SHENGBAOSHE + "','name':'x','households':'many'}"))
			.andExpect(status().isBadRequest());
		mvc.perform(post("/api/v1/grids").with(as("harbin-admin"))).andExpect(status().is4xxClientError());
		mvc.perform(get("/api/v1/grids").param("kind", "BIG").with(as("harbin-admin")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		mvc.perform(get("/api/v1/grids").param("region", "12345").with(as("harbin-admin")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("region"));
		mvc.perform(get("/api/v1/grids").param("size", "1000").with(as("harbin-admin"))).andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/grids").param("region", "239999").with(as("harbin-admin"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/grids/abc").with(as("harbin-admin"))).andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/grids/99999999999999999999").with(as("harbin-admin"))).andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/grids/99999999").with(as("harbin-admin")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		mvc.perform(get("/api/v1/grids/99999999/versions").with(as("harbin-admin"))).andExpect(status().isNotFound());
		mvc.perform(postJson("/api/v1/grids/abc/redraw", "harbin-admin", "{}")).andExpect(status().isBadRequest());
		assertThat(fx.count("grid")).isEqualTo(grids);
	}

	@Test
	void listsNeverShowGridsOutsideTheScope() throws Exception {
		String body = mvc.perform(get("/api/v1/grids").param("size", "100").with(as("harbin-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<String> regions = JsonPath.read(body, "$.content[*].regionCode");
		assertThat(regions).isNotEmpty().allMatch(r -> r.startsWith("2301"));
		long inHarbin = jdbc.sql("SELECT COUNT(*) FROM grid WHERE retired_on IS NULL AND region_code BETWEEN 230100000000 AND 230199999999")
			.query(Long.class).single();
		assertThat(((Number) JsonPath.read(body, "$.page.totalElements")).longValue()).isEqualTo(inHarbin);

		// a grid worker sees their grid and its micro-grids only
		body = mvc.perform(get("/api/v1/grids").param("size", "100").with(as("hlj-grid")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<String> codes = JsonPath.read(body, "$.content[*].code");
		assertThat(codes).contains("23010200100101", "2301020010010101").allMatch(c -> c.startsWith("23010200100101"));

		body = mvc.perform(get("/api/v1/grids").param("region", "230102001001").param("kind", "GRID").with(as("hlj-secretary")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<String> kinds = JsonPath.read(body, "$.content[*].kind");
		assertThat(kinds).isNotEmpty().containsOnly("GRID");

		mvc.perform(get("/api/v1/grids").with(as("nx-civil")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.page.totalElements").value(0));
		mvc.perform(get("/api/v1/grids").param("region", "64").with(as("hlj-secretary")))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		mvc.perform(get("/api/v1/grids").param("region", "2301").with(as("nx-admin"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/grids").param("region", "640000000000").with(as("nx-admin"))).andExpect(status().isOk());
		// an account without roster roles reads only its own records: no grids
		mvc.perform(get("/api/v1/grids").with(as("auditor"))).andExpect(jsonPath("$.page.totalElements").value(0));
	}

	@Test
	void readingAGridOutsideTheScopeIsForbidden() throws Exception {
		long grid2 = fx.gridId("23010200100102");
		for (String path : new String[] { "", "/versions", "/workers" }) {
			mvc.perform(get("/api/v1/grids/" + grid1 + path).with(as("nx-admin"))).andExpect(status().isForbidden());
			mvc.perform(get("/api/v1/grids/" + grid2 + path).with(as("hlj-grid"))).andExpect(status().isForbidden());
			mvc.perform(get("/api/v1/grids/" + grid1 + path).with(as("hlj-grid"))).andExpect(status().isOk());
		}
		mvc.perform(get("/api/v1/grids/" + grid1).with(as("hlj-grid")))
			.andExpect(jsonPath("$.code").value("23010200100101"))
			.andExpect(jsonPath("$.name").value("第一网格"))
			.andExpect(jsonPath("$.microGrids.length()").value(2))
			.andExpect(jsonPath("$.workers[?(@.name == '张晓东')]").exists());
	}

	@Test
	void aRedrawIsANewVersionAndTheHistoryIsKept() throws Exception {
		String created = fx.grid("hlj-secretary", SHENGBAOSHE, unique("重划网格"), "2025-01-01");
		long id = id(created);
		String newName = unique("重划后");
		mvc.perform(postJson("/api/v1/grids/" + id + "/redraw", "hlj-secretary",
				"{'name':'" + newName + "','boundary':'东至乙街','households':150,'buildings':5,'validFrom':'2025-06-01','reason':'楼院合并'}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.version").value(2))
			.andExpect(jsonPath("$.name").value(newName))
			.andExpect(jsonPath("$.households").value(150))
			.andExpect(jsonPath("$.validFrom").value("2025-06-01"));
		mvc.perform(postJson("/api/v1/grids/" + id + "/redraw", "hlj-secretary",
				"{'name':'" + newName + "','boundary':'东至丙街','households':160,'buildings':5,'validFrom':'2026-01-01','reason':'新建小区'}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.version").value(3));

		mvc.perform(get("/api/v1/grids/" + id + "/versions").with(as("hlj-secretary")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(3))
			.andExpect(jsonPath("$[0].version").value(1))
			.andExpect(jsonPath("$[0].validFrom").value("2025-01-01"))
			.andExpect(jsonPath("$[0].validTo").value("2025-05-31"))
			.andExpect(jsonPath("$[1].version").value(2))
			.andExpect(jsonPath("$[1].validTo").value("2025-12-31"))
			.andExpect(jsonPath("$[1].reason").value("楼院合并"))
			.andExpect(jsonPath("$[1].createdBy").value("hlj-secretary"))
			.andExpect(jsonPath("$[2].version").value(3))
			.andExpect(jsonPath("$[2].validFrom").value("2026-01-01"))
			.andExpect(jsonPath("$[2].validTo").doesNotExist())
			.andExpect(jsonPath("$[2].boundary").value("东至丙街"));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM grid_version WHERE grid_id = :g AND valid_to IS NULL").param("g", id)
			.query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'GRID_REDRAW' AND target_id = :id")
			.param("id", Long.toString(id)).query(Long.class).single()).isEqualTo(2);

		// a redraw must start after the current version, change something, and say why
		mvc.perform(postJson("/api/v1/grids/" + id + "/redraw", "hlj-secretary",
				"{'name':'x','validFrom':'2026-01-01','reason':'r'}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("validFrom"));
		mvc.perform(postJson("/api/v1/grids/" + id + "/redraw", "hlj-secretary",
				"{'name':'" + newName + "','boundary':'东至丙街','households':160,'buildings':5,'validFrom':'2026-02-01','reason':'同样'}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].message").value(containsString("未变化")));
		mvc.perform(postJson("/api/v1/grids/" + id + "/redraw", "hlj-secretary", "{'name':'y','validFrom':'2026-02-01'}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[?(@.field == 'reason')]").exists());
		mvc.perform(get("/api/v1/grids/" + id + "/versions").with(as("hlj-secretary"))).andExpect(jsonPath("$.length()").value(3));
	}

	@Test
	void redrawingOrRetiringAGridOutsideTheScopeIsForbiddenAndChangesNothing() throws Exception {
		long versions = fx.count("grid_version");
		long audits = auditCount();
		String body = "{'name':'越权','households':1,'validFrom':'" + LocalDate.now() + "','reason':'x'}";
		mvc.perform(postJson("/api/v1/grids/" + grid1 + "/redraw", "nx-admin", body)).andExpect(status().isForbidden());
		mvc.perform(postJson("/api/v1/grids/" + grid1 + "/redraw", "hlj-grid", body)).andExpect(status().isForbidden());
		mvc.perform(postJson("/api/v1/grids/" + grid1 + "/retire", "nx-admin", "{'reason':'x'}")).andExpect(status().isForbidden());
		mvc.perform(postJson("/api/v1/grids/" + grid1 + "/retire", "hlj-grid", "{'reason':'x'}")).andExpect(status().isForbidden());
		assertThat(fx.count("grid_version")).isEqualTo(versions);
		assertThat(auditCount()).isEqualTo(audits);
		assertThat(jdbc.sql("SELECT retired_on FROM grid WHERE id = :id").param("id", grid1).query(LocalDate.class).optional())
			.isEmpty();
		mvc.perform(get("/api/v1/grids/" + grid1).with(as("hlj-grid"))).andExpect(jsonPath("$.name").value("第一网格"));
	}

	@Test
	void aGridIsRetiredOnlyOnceItsMicroGridsAndWorkersHaveEnded() throws Exception {
		long grid = id(fx.grid("hlj-secretary", SHENGBAOSHE, unique("撤销网格"), "2025-01-01"));
		long micro = id(fx.microGrid("hlj-secretary", grid, unique("撤销微网格")));
		long person = fx.person("hlj-secretary", SHENGBAOSHE);
		String worker = mvc.perform(postJson("/api/v1/grids/" + grid + "/workers", "hlj-secretary", "{'personId':" + person + "}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		long assignment = ((Number) JsonPath.read(worker, "$.assignmentId")).longValue();

		mvc.perform(postJson("/api/v1/grids/" + grid + "/retire", "hlj-secretary", "{'reason':'合并'}"))
			.andExpect(status().isConflict());
		mvc.perform(postJson("/api/v1/grids/" + micro + "/retire", "hlj-secretary", "{'reason':'合并'}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.retiredOn").value(LocalDate.now().toString()));
		mvc.perform(postJson("/api/v1/grids/" + grid + "/retire", "hlj-secretary", "{'reason':'合并'}"))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		mvc.perform(postJson("/api/v1/grids/" + grid + "/workers/" + assignment + "/end", "hlj-secretary", "{}"))
			.andExpect(status().isOk());
		mvc.perform(postJson("/api/v1/grids/" + grid + "/retire", "hlj-secretary", "{'retiredOn':'2024-12-31','reason':'合并'}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("retiredOn"));
		mvc.perform(postJson("/api/v1/grids/" + grid + "/retire", "hlj-secretary", "{}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("reason"));
		mvc.perform(postJson("/api/v1/grids/" + grid + "/retire", "hlj-secretary", "{'reason':'并入第一网格'}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.retiredReason").value("并入第一网格"));

		// retired: no redraw, no workers, no micro-grids, and out of the default list
		mvc.perform(postJson("/api/v1/grids/" + grid + "/redraw", "hlj-secretary", "{'name':'z','reason':'r'}"))
			.andExpect(status().isConflict());
		mvc.perform(postJson("/api/v1/grids/" + grid + "/workers", "hlj-secretary", "{'personId':" + person + "}"))
			.andExpect(status().isConflict());
		mvc.perform(postJson("/api/v1/grids", "hlj-secretary", "{'parentId':" + grid + ",'name':'" + unique("微") + "'}"))
			.andExpect(status().isBadRequest());
		mvc.perform(postJson("/api/v1/grids/" + grid + "/retire", "hlj-secretary", "{'reason':'again'}"))
			.andExpect(status().isConflict());
		String code = jdbc.sql("SELECT code FROM grid WHERE id = :id").param("id", grid).query(String.class).single();
		String listed = mvc.perform(get("/api/v1/grids").param("region", "230102001001").param("size", "100").with(as("hlj-secretary")))
			.andReturn().getResponse().getContentAsString();
		assertThat((List<String>) JsonPath.read(listed, "$.content[*].code")).doesNotContain(code);
		listed = mvc.perform(get("/api/v1/grids").param("q", code).param("includeRetired", "true").with(as("hlj-secretary")))
			.andReturn().getResponse().getContentAsString();
		assertThat((List<String>) JsonPath.read(listed, "$.content[*].code")).contains(code);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'GRID_RETIRE' AND target_id = :id")
			.param("id", Long.toString(grid)).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void workersAreAssignedAndEndedFromTheGrid() throws Exception {
		long grid = id(fx.grid("hlj-secretary", SHENGBAOSHE, unique("配备网格"), "2025-01-01"));
		long person = fx.person("hlj-secretary", SHENGBAOSHE);
		String assigned = mvc.perform(postJson("/api/v1/grids/" + grid + "/workers", "hlj-secretary",
				"{'personId':" + person + ",'startDate':'2025-03-01'}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.personId").value(person))
			.andExpect(jsonPath("$.startDate").value("2025-03-01"))
			.andExpect(jsonPath("$.current").value(true))
			.andReturn().getResponse().getContentAsString();
		long assignment = ((Number) JsonPath.read(assigned, "$.assignmentId")).longValue();
		mvc.perform(get("/api/v1/grids/" + grid + "/workers").with(as("hlj-secretary")))
			.andExpect(jsonPath("$.length()").value(1))
			.andExpect(jsonPath("$[0].assignmentId").value(assignment));
		mvc.perform(get("/api/v1/grids/" + grid).with(as("hlj-secretary"))).andExpect(jsonPath("$.workers.length()").value(1));
		// the post shows on the person, and both records have it in their history
		mvc.perform(get("/api/v1/people/" + person).with(as("hlj-secretary")))
			.andExpect(jsonPath("$.posts[?(@.post == 'GRID_WORKER' && @.gridId == " + grid + ")]").exists());
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'GRID_WORKER_ASSIGN' AND target_id = :id")
			.param("id", Long.toString(grid)).query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'POST_ASSIGN' AND target_id = :id")
			.param("id", Long.toString(person)).query(Long.class).single()).isEqualTo(1);

		mvc.perform(postJson("/api/v1/grids/" + grid + "/workers", "hlj-secretary", "{'personId':" + person + "}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("personId"));
		mvc.perform(postJson("/api/v1/grids/" + grid + "/workers", "hlj-secretary", "{}"))
			.andExpect(status().isBadRequest());
		mvc.perform(postJson("/api/v1/grids/" + grid + "/workers", "hlj-secretary", "{'personId':99999999}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].message").value("人员不存在"));
		mvc.perform(postJson("/api/v1/grids/" + grid + "/workers/" + assignment + "/end", "hlj-secretary", "{'endDate':'2025-01-01'}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("endDate"));
		mvc.perform(postJson("/api/v1/grids/" + grid + "/workers/" + assignment + "/end", "hlj-secretary", "{'endDate':'+999999-12-31'}"))
			.andExpect(status().isBadRequest());
		mvc.perform(postJson("/api/v1/grids/" + grid + "/workers/" + assignment + "/end", "hlj-secretary", "{'endDate':'2025-09-30'}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.endDate").value("2025-09-30"))
			.andExpect(jsonPath("$.current").value(false));
		mvc.perform(postJson("/api/v1/grids/" + grid + "/workers/" + assignment + "/end", "hlj-secretary", "{}"))
			.andExpect(status().isConflict());
		mvc.perform(get("/api/v1/grids/" + grid + "/workers").with(as("hlj-secretary"))).andExpect(jsonPath("$.length()").value(0));
		mvc.perform(get("/api/v1/grids/" + grid + "/workers").param("includeEnded", "true").with(as("hlj-secretary")))
			.andExpect(jsonPath("$.length()").value(1));
		mvc.perform(postJson("/api/v1/grids/" + grid + "/workers/99999999/end", "hlj-secretary", "{}"))
			.andExpect(status().isNotFound());
		mvc.perform(postJson("/api/v1/grids/" + grid1 + "/workers/" + assignment + "/end", "hlj-secretary", "{}"))
			.andExpect(status().isNotFound());
	}

	@Test
	void workersOutsideTheScopeAreForbiddenAndNothingChanges() throws Exception {
		long grid = id(fx.grid("hlj-secretary", SHENGBAOSHE, unique("越权网格"), "2025-01-01"));
		long ningxian = jdbc.sql("SELECT MIN(id) FROM person WHERE region_code BETWEEN 640000000000 AND 649999999999")
			.query(Long.class).single();
		long local = fx.person("hlj-secretary", SHENGBAOSHE);
		long posts = fx.count("post_assignment");
		long audits = auditCount();
		// a person outside the caller's ROSTER_WRITE scope
		mvc.perform(postJson("/api/v1/grids/" + grid + "/workers", "hlj-secretary", "{'personId':" + ningxian + "}"))
			.andExpect(status().isForbidden());
		// a grid outside the caller's STRUCTURE_WRITE scope
		mvc.perform(postJson("/api/v1/grids/" + grid + "/workers", "nx-admin", "{'personId':" + ningxian + "}"))
			.andExpect(status().isForbidden());
		mvc.perform(postJson("/api/v1/grids/" + grid + "/workers", "hlj-grid", "{'personId':" + local + "}"))
			.andExpect(status().isForbidden());
		assertThat(fx.count("post_assignment")).isEqualTo(posts);
		assertThat(auditCount()).isEqualTo(audits);

		String assigned = mvc.perform(postJson("/api/v1/grids/" + grid + "/workers", "hlj-secretary", "{'personId':" + local + "}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		long assignment = ((Number) JsonPath.read(assigned, "$.assignmentId")).longValue();
		mvc.perform(postJson("/api/v1/grids/" + grid + "/workers/" + assignment + "/end", "nx-admin", "{}"))
			.andExpect(status().isForbidden());
		mvc.perform(postJson("/api/v1/grids/" + grid + "/workers/" + assignment + "/end", "hlj-grid", "{}"))
			.andExpect(status().isForbidden());
		assertThat(jdbc.sql("SELECT end_date FROM post_assignment WHERE id = :id").param("id", assignment)
			.query(LocalDate.class).optional()).isEmpty();
	}
}
