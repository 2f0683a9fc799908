package cn.grassroots.measures;

import static cn.grassroots.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.grassroots.IntegrationTest;
import cn.grassroots.measures.internal.MeasuresClock;

/** The dashboard's reporting punctuality per unit and its staged targets against actuals. */
@IntegrationTest
class DashboardPunctualityAndTargetsTests {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeasuresClock clock;

	MeasureFixtures fx;
	long mech;
	long annual;
	long longTerm;

	void on(String day) {
		clock.use(Clock.fixed(LocalDate.parse(day).atTime(9, 0).atZone(SHANGHAI).toInstant(), SHANGHAI));
	}

	@BeforeEach
	void setUp() throws Exception {
		on("2026-01-02");
		fx = new MeasureFixtures(mvc, jdbc);
		mech = fx.mechanism();
		annual = fx.measure(mech, "T01", fx.civil, "2026-12-31");
		longTerm = fx.measure(mech, "{'code':'T02','title':'网格调整','kind':'LONG_TERM','startDate':'2026-01-01',"
				+ "'dueDate':'2099-12-31','reportCycle':'MONTHLY','leadUnitId':" + fx.civil + ",'targets':["
				+ "{'periodLabel':'第一阶段','periodEnd':'2026-03-31','indicator':'调整率','baseline':0,'targetValue':50,'unit':'%'},"
				+ "{'periodLabel':'第二阶段','periodEnd':'2026-12-31','indicator':'调整率','baseline':0,'targetValue':100,'unit':'%'}]}");
		fx.measure(mech, "T03", fx.police, "2026-12-31");
	}

	@AfterEach
	void systemClock() {
		clock.use(null);
	}

	@Test
	void punctualityCountsCyclesOwedOnTimeLateAndMissingPerUnit() throws Exception {
		on("2026-02-05"); // within 10 days of January's end
		fx.reportId(annual, "nx-civil", "0.1", null, "cycle", "2026-01");
		on("2026-03-20"); // more than 10 days after February's end
		fx.reportId(annual, "nx-civil", "0.2", null, "cycle", "2026-02");
		on("2026-04-15");
		fx.accept(fx.reportId(longTerm, "nx-civil", "0.3", null, "cycle", "2026-03", "indicatorValue", "60"));
		// owed: January to March for each measure (April's report is not yet due)
		mvc.perform(get("/api/v1/mechanisms/" + mech + "/dashboard").with(as("nx-social"))).andExpect(status().isOk())
			.andExpect(jsonPath("$.punctuality.length()").value(2))
			.andExpect(jsonPath("$.punctuality[?(@.unit.id == " + fx.civil + ")].owed").value(6))
			.andExpect(jsonPath("$.punctuality[?(@.unit.id == " + fx.civil + ")].onTime").value(1))
			.andExpect(jsonPath("$.punctuality[?(@.unit.id == " + fx.civil + ")].late").value(2))
			.andExpect(jsonPath("$.punctuality[?(@.unit.id == " + fx.civil + ")].missing").value(3))
			.andExpect(jsonPath("$.punctuality[?(@.unit.id == " + fx.civil + ")].rate").value(0.1667))
			.andExpect(jsonPath("$.punctuality[?(@.unit.id == " + fx.police + ")].owed").value(3))
			.andExpect(jsonPath("$.punctuality[?(@.unit.id == " + fx.police + ")].missing").value(3));
		// April reported early is not owed yet, so it counts neither as owed nor as on time
		fx.reportId(annual, "nx-civil", "0.3", null, "cycle", "2026-04");
		mvc.perform(get("/api/v1/mechanisms/" + mech + "/dashboard").with(as("nx-social")))
			.andExpect(jsonPath("$.punctuality[?(@.unit.id == " + fx.civil + ")].owed").value(6))
			.andExpect(jsonPath("$.punctuality[?(@.unit.id == " + fx.civil + ")].onTime").value(1));
		// a month on, April is owed too
		on("2026-05-11");
		mvc.perform(get("/api/v1/mechanisms/" + mech + "/dashboard").with(as("nx-social")))
			.andExpect(jsonPath("$.punctuality[?(@.unit.id == " + fx.police + ")].owed").value(4));
		// a member unit sees its own unit only
		mvc.perform(get("/api/v1/mechanisms/" + mech + "/dashboard").with(as("nx-civil")))
			.andExpect(jsonPath("$.punctuality.length()").value(1))
			.andExpect(jsonPath("$.punctuality[0].unit.id").value(fx.civil));
		mvc.perform(get("/api/v1/mechanisms/" + mech + "/dashboard").with(as("hlj-admin"))).andExpect(status().isForbidden());
	}

	@Test
	void stagedTargetsStandAgainstTheirActuals() throws Exception {
		on("2026-04-15");
		mvc.perform(get("/api/v1/mechanisms/" + mech + "/dashboard").with(as("nx-social")))
			.andExpect(jsonPath("$.targets.length()").value(2))
			.andExpect(jsonPath("$.targets[0].actual").doesNotExist())
			.andExpect(jsonPath("$.targets[0].met").doesNotExist())
			.andExpect(jsonPath("$.targets[0].ended").value(true));
		fx.accept(fx.reportId(longTerm, "nx-civil", "0.3", null, "cycle", "2026-03", "indicatorValue", "60"));
		mvc.perform(get("/api/v1/mechanisms/" + mech + "/dashboard").with(as("nx-social")))
			.andExpect(jsonPath("$.targets[0].code").value("T02"))
			.andExpect(jsonPath("$.targets[0].periodLabel").value("第一阶段"))
			.andExpect(jsonPath("$.targets[0].targetValue").value(50))
			.andExpect(jsonPath("$.targets[0].actual").value(60))
			.andExpect(jsonPath("$.targets[0].met").value(true))
			.andExpect(jsonPath("$.targets[1].periodLabel").value("第二阶段"))
			.andExpect(jsonPath("$.targets[1].met").value(false))
			.andExpect(jsonPath("$.targets[1].ended").value(false));
		mvc.perform(get("/measures/mechanisms/" + mech + "/dashboard").with(as("nx-social"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"dashboard-punctuality\"")))
			.andExpect(content().string(containsString("第一阶段")))
			// the charts: shares of the way from baseline to target (60 of 50 is past it; 60 of 100)
			.andExpect(content().string(containsString("id=\"chart-targets\"")))
			.andExpect(content().string(containsString("id=\"chart-punctuality\"")))
			.andExpect(content().string(containsString("\"targetShares\":[100,60]")));
		mvc.perform(get("/measures/mechanisms/" + mech + "/dashboard").with(as("hlj-admin"))).andExpect(status().isForbidden());
	}

	@Test
	void theDashboardExportsAsXlsxWithinTheCallersScope() throws Exception {
		on("2026-04-15");
		fx.accept(fx.reportId(longTerm, "nx-civil", "0.3", null, "cycle", "2026-03", "indicatorValue", "60"));
		byte[] xlsx = mvc.perform(get("/api/v1/mechanisms/" + mech + "/dashboard/export").with(as("nx-social")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
			var summary = wb.getSheet("总体情况");
			org.assertj.core.api.Assertions.assertThat(summary.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(3.0);
			var punctual = wb.getSheet("报送及时率");
			org.assertj.core.api.Assertions.assertThat(punctual.getLastRowNum()).isEqualTo(2);
			var targets = wb.getSheet("阶段性目标");
			org.assertj.core.api.Assertions.assertThat(targets.getRow(1).getCell(0).getStringCellValue()).isEqualTo("T02");
			org.assertj.core.api.Assertions.assertThat(targets.getRow(1).getCell(8).getNumericCellValue()).isEqualTo(60.0);
			org.assertj.core.api.Assertions.assertThat(targets.getRow(1).getCell(9).getStringCellValue()).isEqualTo("已达标");
		}
		// a member unit's export holds its own measures only
		byte[] own = mvc.perform(get("/measures/mechanisms/" + mech + "/dashboard.xlsx").with(as("nx-civil")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(own))) {
			org.assertj.core.api.Assertions.assertThat(wb.getSheet("总体情况").getRow(1).getCell(1).getNumericCellValue()).isEqualTo(2.0);
		}
		mvc.perform(get("/api/v1/mechanisms/" + mech + "/dashboard/export").with(as("hlj-admin"))).andExpect(status().isForbidden());
		mvc.perform(get("/measures/mechanisms/" + mech + "/dashboard.xlsx").with(as("hlj-admin"))).andExpect(status().isForbidden());
	}
}
