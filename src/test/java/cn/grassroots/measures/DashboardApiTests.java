package cn.grassroots.measures;

import static cn.grassroots.Api.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.grassroots.IntegrationTest;

/** GET /api/v1/mechanisms/{id}/dashboard: counts by status, kind and unit over the measures the caller reaches. */
@IntegrationTest
class DashboardApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theDashboardCountsByStatusKindAndUnitWithinTheCallersScope() throws Exception {
		MeasureFixtures fx = new MeasureFixtures(mvc, jdbc);
		long mech = fx.mechanism();
		long overdue = fx.measure(mech, "D01", fx.civil, "2026-01-31");
		fx.measure(mech, "D02", fx.civil, "2099-12-31");
		fx.measure(mech, "D03", fx.police, "2026-02-28");
		fx.measure(mech, "{'code':'D04','title':'长期','kind':'LONG_TERM','startDate':'2026-01-01','dueDate':'2099-12-31',"
				+ "'reportCycle':'QUARTERLY','leadUnitId':" + fx.police + ",'targets':[{'periodLabel':'终期','periodEnd':'2099-12-31',"
				+ "'indicator':'覆盖率','baseline':0,'targetValue':100}]}");
		mvc.perform(get("/api/v1/mechanisms/" + mech + "/dashboard").with(as("nx-social")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(4))
			.andExpect(jsonPath("$.byStatus.OVERDUE").value(2))
			.andExpect(jsonPath("$.byStatus.DONE").value(0))
			.andExpect(jsonPath("$.byKind.ANNUAL").value(3))
			.andExpect(jsonPath("$.byKind.LONG_TERM").value(1))
			.andExpect(jsonPath("$.byUnit.length()").value(2))
			.andExpect(jsonPath("$.byUnit[0].total").value(2))
			.andExpect(jsonPath("$.overdue[0].id").value(overdue));
		// a member unit counts only its own measures; another province is refused
		mvc.perform(get("/api/v1/mechanisms/" + mech + "/dashboard").with(as("nx-civil")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.byUnit.length()").value(1))
			.andExpect(jsonPath("$.byUnit[0].unit.name").value("自治区民政厅"));
		mvc.perform(get("/api/v1/mechanisms/" + mech + "/dashboard").with(as("hlj-admin"))).andExpect(status().isForbidden());
	}
}
