package cn.grassroots.org;

import static cn.grassroots.Api.as;
import static cn.grassroots.org.StructureFixtures.SHENGBAOSHE;
import static cn.grassroots.org.StructureFixtures.id;
import static cn.grassroots.org.StructureFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.grassroots.IntegrationTest;

/** The server-rendered structure pages: in-place filtering, detail sections, forms with Chinese field errors, 403s. */
@IntegrationTest
class StructurePagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	StructureFixtures fx;

	@BeforeEach
	void setUp() {
		fx = new StructureFixtures(mvc, jdbc);
	}

	@Test
	void theGridListFiltersInPlaceWithHtmx() throws Exception {
		mvc.perform(get("/grids").param("region", "230102001001").with(as("hlj-secretary")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("网格管理")))
			.andExpect(content().string(containsString("23010200100101")))
			.andExpect(content().string(containsString("<html")));
		mvc.perform(get("/grids").param("region", "230102001001").param("kind", "MICRO_GRID").param("size", "10")
				.header("HX-Request", "true").with(as("hlj-secretary")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("2301020010010101")))
			.andExpect(content().string(not(containsString("<html"))))
			.andExpect(content().string(not(containsString(">23010200100102<"))));
		mvc.perform(get("/grids").param("region", "64").with(as("hlj-secretary")))
			.andExpect(status().isForbidden())
			.andExpect(content().string(containsString("error-403")));
		mvc.perform(get("/grids").param("kind", "BIG").with(as("hlj-secretary"))).andExpect(status().isBadRequest());
		mvc.perform(get("/grids").param("lang", "en").with(as("hlj-secretary")))
			.andExpect(content().string(containsString("Grids")));
	}

	@Test
	void theGridPageShowsItsFactsMicroGridsWorkersVersionsAndHistory() throws Exception {
		long grid1 = fx.gridId("23010200100101");
		long grid3 = fx.gridId("23010200100103");
		mvc.perform(get("/grids/" + grid1).with(as("hlj-secretary")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("第一网格1号微网格")))
			.andExpect(content().string(containsString("张晓东")))
			.andExpect(content().string(containsString("历史版本")))
			.andExpect(content().string(containsString("操作记录")))
			.andExpect(content().string(containsString("调整网格设置")));
		mvc.perform(get("/grids/" + grid3).with(as("hlj-secretary")))
			.andExpect(content().string(containsString("透笼街片区并入")))
			.andExpect(content().string(containsString("2025-02-28")));
		// the grid worker reads their grid but has no buttons to change it
		mvc.perform(get("/grids/" + grid1).with(as("hlj-grid")))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("/redraw"))))
			.andExpect(content().string(not(containsString("assign-worker"))));
		mvc.perform(get("/grids/" + grid1).with(as("nx-admin"))).andExpect(status().isForbidden());
		mvc.perform(get("/grids/" + grid1 + "/redraw").with(as("hlj-grid"))).andExpect(status().isForbidden());
		mvc.perform(get("/grids/999999999").with(as("hlj-grid"))).andExpect(status().isNotFound());
		mvc.perform(get("/grids/abc").with(as("hlj-grid"))).andExpect(status().isBadRequest());
	}

	@Test
	void theGridFormShowsChineseFieldErrorsAndCreatesTheGrid() throws Exception {
		mvc.perform(get("/grids/new").param("region", "230102001001").with(as("hlj-secretary")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("value=\"230102001001\"")));
		long grids = fx.count("grid");
		mvc.perform(post("/grids/new").with(as("hlj-secretary")).with(csrf())
				.param("regionCode", "230102001001").param("name", "").param("households", "abc").param("validFrom", "2025-02-30"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("应为整数")))
			.andExpect(content().string(containsString("日期格式应为")));
		mvc.perform(post("/grids/new").with(as("harbin-admin")).with(csrf())
				.param("regionCode", "230102001").param("name", "").param("households", "5"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("必填")))
			.andExpect(content().string(containsString("网格只能设在社区或村")));
		assertThat(fx.count("grid")).isEqualTo(grids);
		mvc.perform(post("/grids/new").with(as("nx-admin")).with(csrf()).param("regionCode", "230102001001").param("name", "越权"))
			.andExpect(status().isForbidden());
		mvc.perform(get("/grids/new").with(as("hlj-grid"))).andExpect(status().isForbidden());
		assertThat(fx.count("grid")).isEqualTo(grids);

		mvc.perform(post("/grids/new").with(as("hlj-secretary")).with(csrf())
				.param("regionCode", "230102001001").param("name", unique("表单网格")).param("households", "88")
				.param("buildings", "3").param("validFrom", "2025-04-01"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrlPattern("/grids/*"));
		assertThat(fx.count("grid")).isEqualTo(grids + 1);
	}

	@Test
	void theRedrawRetireAndWorkerFormsWork() throws Exception {
		long grid = id(fx.grid("hlj-secretary", SHENGBAOSHE, unique("表单重划"), "2025-01-01"));
		mvc.perform(get("/grids/" + grid + "/redraw").with(as("hlj-secretary")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("东至甲街")));
		mvc.perform(post("/grids/" + grid + "/redraw").with(as("hlj-secretary")).with(csrf())
				.param("name", "新名").param("households", "1").param("validFrom", "2025-01-01").param("reason", "调整"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("生效日期须晚于现行版本的生效日期")));
		mvc.perform(post("/grids/" + grid + "/redraw").with(as("hlj-secretary")).with(csrf())
				.param("name", unique("新名")).param("households", "1").param("validFrom", "2025-07-01").param("reason", "调整"))
			.andExpect(status().is3xxRedirection());
		mvc.perform(get("/grids/" + grid).with(as("hlj-secretary")))
			.andExpect(content().string(containsString("第2版")))
			.andExpect(content().string(containsString("2025-06-30")));

		long person = fx.person("hlj-secretary", SHENGBAOSHE);
		String name = jdbc.sql("SELECT name FROM person WHERE id = :id").param("id", person).query(String.class).single();
		mvc.perform(get("/grids/" + grid + "/candidates").param("q", name).with(as("hlj-secretary")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("value=\"" + person + "\"")))
			.andExpect(content().string(not(containsString("<html"))));
		mvc.perform(post("/grids/" + grid + "/workers").with(as("hlj-secretary")).with(csrf()).param("personId", "x1"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("应为正整数编号")));
		mvc.perform(post("/grids/" + grid + "/workers").with(as("hlj-secretary")).with(csrf())
				.param("personId", Long.toString(person)).param("startDate", "2025-08-01"))
			.andExpect(status().is3xxRedirection());
		mvc.perform(post("/grids/" + grid + "/workers").with(as("hlj-secretary")).with(csrf())
				.param("personId", Long.toString(person)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("该人员已是本网格的网格员")));

		mvc.perform(post("/grids/" + grid + "/retire").with(as("hlj-secretary")).with(csrf()).param("reason", "撤并"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("请先结束该网格全部网格员的任职")));
		long assignment = jdbc.sql("SELECT id FROM post_assignment WHERE grid_id = :g").param("g", grid).query(Long.class).single();
		mvc.perform(post("/grids/" + grid + "/workers/" + assignment + "/end").with(as("hlj-secretary")).with(csrf())
				.param("endDate", "2025-07-01"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("结束日期不能早于开始日期")));
		mvc.perform(post("/grids/" + grid + "/workers/" + assignment + "/end").with(as("hlj-secretary")).with(csrf()))
			.andExpect(status().is3xxRedirection());
		mvc.perform(post("/grids/" + grid + "/retire").with(as("hlj-secretary")).with(csrf()).param("retiredOn", ""))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("必填")));
		mvc.perform(post("/grids/" + grid + "/retire").with(as("hlj-secretary")).with(csrf()).param("reason", "撤并"))
			.andExpect(status().is3xxRedirection());
		mvc.perform(get("/grids/" + grid).with(as("hlj-secretary")))
			.andExpect(content().string(containsString("已撤销")))
			.andExpect(content().string(not(containsString("assign-worker"))));
	}

	@Test
	void theUnitPagesShowSubUnitsAndPeopleAndRefuseACycle() throws Exception {
		mvc.perform(get("/units").with(as("nx-civil")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("自治区民政厅")))
			.andExpect(content().string(not(containsString("自治区公安厅"))));
		mvc.perform(get("/units").param("q", "党校").header("HX-Request", "true").with(as("hlj-admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("中共哈尔滨市委党校")))
			.andExpect(content().string(not(containsString("<html"))));
		long harbinOrg = fx.unitId("2301-001");
		mvc.perform(get("/units/" + harbinOrg).with(as("harbin-admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("道里区委组织部")))
			.andExpect(content().string(containsString("黑龙江省委组织部")))
			.andExpect(content().string(containsString("本单位人员")))
			.andExpect(content().string(containsString("刘立新")));
		mvc.perform(get("/units/" + harbinOrg).header("HX-Request", "true").with(as("harbin-admin")))
			.andExpect(content().string(containsString("刘立新")))
			.andExpect(content().string(not(containsString("<html"))));
		mvc.perform(get("/units/" + harbinOrg).with(as("nx-civil"))).andExpect(status().isForbidden());
		mvc.perform(get("/units/new").with(as("nx-civil"))).andExpect(status().isForbidden());

		long a = id(fx.unit("harbin-admin", unique("PA-"), unique("页面甲"), "OTHER", 230102000000L, null));
		long b = id(fx.unit("harbin-admin", unique("PB-"), unique("页面乙"), "OTHER", 230102000000L, a));
		String code = jdbc.sql("SELECT code FROM unit WHERE id = :id").param("id", a).query(String.class).single();
		mvc.perform(get("/units/" + a + "/edit").with(as("harbin-admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(code)));
		mvc.perform(post("/units/" + a + "/edit").with(as("harbin-admin")).with(csrf()).param("code", code).param("name", "环")
				.param("kind", "OTHER").param("regionCode", "230102").param("parentId", Long.toString(b)).param("version", "0"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("上级单位不能是本单位或其下级单位")));
		mvc.perform(post("/units/new").with(as("harbin-admin")).with(csrf()).param("code", "").param("kind", "WRONG")
				.param("regionCode", "230102"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("选项无效")));
		mvc.perform(post("/units/new").with(as("harbin-admin")).with(csrf()).param("code", unique("PN-"))
				.param("name", unique("页面新建")).param("kind", "RESIDENT_UNIT").param("regionCode", "230102001001"))
			.andExpect(status().is3xxRedirection());
		mvc.perform(post("/units/" + fx.unitId("64-010") + "/edit").with(as("harbin-admin")).with(csrf())
				.param("code", "64-010").param("name", "改名").param("kind", "OTHER").param("regionCode", "64"))
			.andExpect(status().isForbidden());
		assertThat(jdbc.sql("SELECT name FROM unit WHERE code = '64-010'").query(String.class).single()).isEqualTo("自治区民政厅");
	}

	@Test
	void thePartyOrganisationPagesShowTheListTheTreeAndTheForms() throws Exception {
		mvc.perform(get("/party-organisations").with(as("hlj-secretary")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("省报社社区第一网格党支部")))
			.andExpect(content().string(not(containsString("宁夏"))));
		mvc.perform(get("/party-organisations/tree").param("region", "230102001").with(as("harbin-admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("中共哈尔滨市道里区兆麟街道工作委员会")))
			.andExpect(content().string(containsString("黑龙江日报社离退休党总支")));
		mvc.perform(get("/party-organisations/tree").with(as("harbin-admin"))).andExpect(status().isOk());
		mvc.perform(get("/party-organisations/tree").param("region", "64").with(as("harbin-admin")))
			.andExpect(status().isForbidden());
		long community = fx.organisationId("P230102001001");
		mvc.perform(get("/party-organisations/" + community).with(as("hlj-secretary")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("省报社社区第二网格党支部")))
			.andExpect(content().string(containsString("操作记录")));
		mvc.perform(get("/party-organisations/" + community).with(as("nx-admin"))).andExpect(status().isForbidden());
		mvc.perform(get("/party-organisations/new").param("parent", Long.toString(community)).with(as("hlj-secretary")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("value=\"" + community + "\"")));
		long branch = fx.organisationId("P230102001001-01");
		mvc.perform(post("/party-organisations/new").with(as("hlj-secretary")).with(csrf()).param("code", unique("PP-"))
				.param("name", unique("页面支部")).param("kind", "BRANCH").param("regionCode", "230102001001")
				.param("parentId", Long.toString(branch)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("党支部下不能再设党组织")));
		mvc.perform(post("/party-organisations/new").with(as("hlj-secretary")).with(csrf()).param("code", unique("PP-"))
				.param("name", unique("页面支部")).param("kind", "BRANCH").param("regionCode", "230102001001")
				.param("parentId", Long.toString(community)))
			.andExpect(status().is3xxRedirection());
		mvc.perform(get("/party-organisations/" + fx.organisationId("P230102001") + "/edit").with(as("hlj-secretary")))
			.andExpect(status().isForbidden());
	}
}
