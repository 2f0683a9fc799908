package cn.grassroots.measures;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;

/** The demo's Ningxia mechanism: 23 member units, 37 measures (20 annual, 17 long-term), every status. */
@IntegrationTest
class MeasuresDemoDataTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theNingxiaMechanismHasItsUnitsAndThirtySevenMeasuresShowingEveryStatus() throws Exception {
		long id = jdbc.sql("SELECT id FROM measure_mechanism WHERE name = '宁夏回族自治区党建引领基层治理协调机制'")
			.query(Long.class).single();
		String mech = mvc.perform(get("/api/v1/mechanisms/" + id).with(as("nx-social"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat((Integer) JsonPath.read(mech, "$.memberUnitCount")).isEqualTo(23);
		assertThat((String) JsonPath.read(mech, "$.leadUnit.name")).isEqualTo("自治区党委组织部");
		assertThat((String) JsonPath.read(mech, "$.coordinatingUnit.name")).isEqualTo("自治区党委社会工作部");
		String body = mvc.perform(get("/api/v1/mechanisms/" + id + "/measures").param("size", "100").with(as("nx-social")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<String> kinds = JsonPath.read(body, "$.content[*].kind");
		assertThat(kinds).hasSize(37);
		assertThat(kinds.stream().filter("ANNUAL"::equals).count()).isEqualTo(20);
		List<String> statuses = JsonPath.read(body, "$.content[*].status");
		assertThat(statuses).contains("ON_TRACK", "AT_RISK", "OVERDUE", "DONE");
		List<String> titles = JsonPath.read(body, "$.content[*].title");
		assertThat(titles).contains("调整优化社区网格设置", "开展借调人员集中清理", "建设全区一体化社会治理信息平台",
				"创建\"一抓两整\"示范县乡", "推行基层治理\"一书三单\"", "开展在职党员\"双报到、双报告\"");
		// nx-civil (民政厅) sees only the measures it leads or partners on
		String civil = mvc.perform(get("/api/v1/mechanisms/" + id + "/measures").param("size", "100").with(as("nx-civil")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		int seen = JsonPath.read(civil, "$.page.totalElements");
		assertThat(seen).isBetween(5, 36);
	}

	@Test
	@SuppressWarnings("unchecked")
	void theDemoHoldsAMeetingWithDecisionsAResearchVisitAndYinchuansMechanismRollingUp() throws Exception {
		long id = jdbc.sql("SELECT id FROM measure_mechanism WHERE name = '宁夏回族自治区党建引领基层治理协调机制'")
			.query(Long.class).single();
		String meetings = mvc.perform(get("/api/v1/mechanisms/" + id + "/meetings").with(as("nx-social"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat((List<Object>) JsonPath.read(meetings, "$[*]")).isNotEmpty();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM measure_agenda_item a JOIN measure_meeting g ON g.id = a.meeting_id"
				+ " WHERE g.mechanism_id = :m AND a.decision IS NOT NULL").param("m", id).query(Long.class).single()).isPositive();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM measure_finding_link l JOIN measure_visit_finding f ON f.id = l.finding_id"
				+ " JOIN measure_visit v ON v.id = f.visit_id WHERE v.mechanism_id = :m").param("m", id).query(Long.class).single())
			.isEqualTo(4);
		long city = jdbc.sql("SELECT id FROM measure_mechanism WHERE name = '银川市党建引领基层治理协调机制'").query(Long.class).single();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM measure ms JOIN measure cited ON cited.id = ms.cited_measure_id"
				+ " WHERE ms.mechanism_id = :c AND cited.mechanism_id = :m").param("c", city).param("m", id).query(Long.class).single())
			.isEqualTo(3);
		// the region's measure takes its progress from the city's measure citing it
		long higher = jdbc.sql("SELECT id FROM measure WHERE mechanism_id = :m AND code = 'NX-01'").param("m", id).query(Long.class).single();
		long lower = jdbc.sql("SELECT id FROM measure WHERE mechanism_id = :c AND code = 'YC-01'").param("c", city).query(Long.class).single();
		Number up = JsonPath.read(mvc.perform(get("/api/v1/measures/" + higher).with(as("nx-admin"))).andReturn().getResponse()
			.getContentAsString(), "$.progress");
		Number down = JsonPath.read(mvc.perform(get("/api/v1/measures/" + lower).with(as("nx-admin"))).andReturn().getResponse()
			.getContentAsString(), "$.progress");
		assertThat(up.doubleValue()).isPositive().isEqualTo(down.doubleValue());
	}
}
