package cn.grassroots.measures;

import static cn.grassroots.Api.as;
import static cn.grassroots.measures.MeasureFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
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
class MechanismApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	MeasureFixtures fx;

	@BeforeEach
	void setUp() {
		fx = new MeasureFixtures(mvc, jdbc);
	}

	private static Object one(String body, long id, String path) {
		List<Object> values = JsonPath.read(body, "$.content[?(@.id == " + id + ")]." + path);
		assertThat(values).hasSize(1);
		return values.get(0);
	}

	@Test
	void aMechanismListsWithItsRegionLeadAndCoordinatingUnitsAndMemberCount() throws Exception {
		long id = fx.mechanism();
		String body = mvc.perform(get("/api/v1/mechanisms").param("size", "100").with(as("nx-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<Object> mine = JsonPath.read(body, "$.content[?(@.id == " + id + ")]");
		assertThat(mine).hasSize(1);
		assertThat((String) one(body, id, "region.code")).isEqualTo("640000000000");
		assertThat((String) one(body, id, "region.name")).isEqualTo("宁夏回族自治区");
		assertThat((String) one(body, id, "leadUnit.name")).isEqualTo("自治区党委组织部");
		assertThat((String) one(body, id, "coordinatingUnit.name"))
			.isEqualTo("自治区党委社会工作部");
		assertThat((Integer) one(body, id, "memberUnitCount")).isEqualTo(5);
		mvc.perform(get("/api/v1/mechanisms/" + id).with(as("nx-admin")))
			.andExpect(jsonPath("$.members[0].role").value("LEAD"))
			.andExpect(jsonPath("$.members[1].role").value("COORDINATING"))
			.andExpect(jsonPath("$.members.length()").value(5))
			.andExpect(jsonPath("$.leaderName").value("张书记"));
	}

	@Test
	void measuresListWithKindStatusProgressDueDateAndUnits() throws Exception {
		long mech = fx.mechanism();
		long m = fx.measure(mech, "A01", fx.civil, "2099-12-31", fx.police);
		mvc.perform(get("/api/v1/mechanisms/" + mech + "/measures").with(as("nx-admin")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.page.totalElements").value(1))
			.andExpect(jsonPath("$.content[0].id").value(m))
			.andExpect(jsonPath("$.content[0].code").value("A01"))
			.andExpect(jsonPath("$.content[0].kind").value("ANNUAL"))
			.andExpect(jsonPath("$.content[0].status").exists())
			.andExpect(jsonPath("$.content[0].progress").value(0.0))
			.andExpect(jsonPath("$.content[0].dueDate").value("2099-12-31"))
			.andExpect(jsonPath("$.content[0].leadUnit.name").value("自治区民政厅"))
			.andExpect(jsonPath("$.content[0].partnerUnits[0].name").value("自治区公安厅"))
			.andExpect(jsonPath("$.content[0].partnerUnits[0].part").value("配合推进"));
	}

	@Test
	void creatingAMechanismOrMeasureIsAuditedWithItsValues() throws Exception {
		long mech = fx.mechanism();
		long m = fx.measure(mech, "A02", fx.civil, "2099-12-31");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'MECHANISM_CREATE' AND target_id = :id AND actor = 'nx-admin'")
			.param("id", Long.toString(mech)).query(Long.class).single()).isEqualTo(1);
		String after = jdbc.sql("SELECT after_value FROM audit_event WHERE action = 'MEASURE_CREATE' AND target_id = :id")
			.param("id", Long.toString(m)).query(String.class).single();
		assertThat(after).contains("A02").contains("ANNUAL");
	}

	@Test
	void badInputIsAFieldErrorAndCreatesNothing() throws Exception {
		long before = jdbc.sql("SELECT COUNT(*) FROM measure_mechanism").query(Long.class).single();
		mvc.perform(post("/api/v1/mechanisms").with(as("nx-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(json("{'name':'','level':'CITY','regionCode':'64','leadUnitId':999999999}")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.errors[*].field", hasItem("name")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("level")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("leaderName")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("leadUnitId")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("coordinatingUnitId")));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM measure_mechanism").query(Long.class).single()).isEqualTo(before);

		long mech = fx.mechanism();
		long outsider = fx.unit("自治区教育厅");
		mvc.perform(post("/api/v1/mechanisms/" + mech + "/measures").with(as("nx-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(json("{'code':'B1','title':'长期措施','kind':'LONG_TERM','startDate':'2026-01-01','dueDate':'2025-12-31',"
					+ "'reportCycle':'QUARTERLY','leadUnitId':" + outsider + ",'weight':0}")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("dueDate")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("leadUnitId")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("weight")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("targets")))
			.andExpect(jsonPath("$.errors[*].field", not(hasItem("code"))));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM measure WHERE mechanism_id = :m").param("m", mech).query(Long.class).single())
			.isZero();
		fx.measure(mech, "B2", fx.civil, "2099-12-31");
		mvc.perform(post("/api/v1/mechanisms/" + mech + "/measures").with(as("nx-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(json("{'code':'B2','title':'重复','kind':'ANNUAL','startDate':'2026-01-01','dueDate':'2026-12-31',"
					+ "'reportCycle':'MONTHLY','leadUnitId':" + fx.civil + "}")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("code"));
	}

	@Test
	void aLongTermMeasureCarriesStagedTargetsWithIndicators() throws Exception {
		long mech = fx.mechanism();
		long m = fx.measure(mech, "{'code':'L01','title':'调整优化社区网格设置','kind':'LONG_TERM','startDate':'2025-01-01',"
				+ "'dueDate':'2099-12-31','reportCycle':'QUARTERLY','leadUnitId':" + fx.civil + ",'targets':["
				+ "{'periodLabel':'第一阶段','periodEnd':'2098-12-31','indicator':'网格调整完成率','baseline':20,'targetValue':60,'unit':'%'},"
				+ "{'periodLabel':'第二阶段','periodEnd':'2099-12-31','indicator':'网格调整完成率','baseline':20,'targetValue':100,'unit':'%'}]}");
		mvc.perform(get("/api/v1/measures/" + m).with(as("nx-social")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.kind").value("LONG_TERM"))
			.andExpect(jsonPath("$.targets.length()").value(2))
			.andExpect(jsonPath("$.targets[1].targetValue").value(100))
			.andExpect(jsonPath("$.targets[0].indicator").value("网格调整完成率"));
	}
}
