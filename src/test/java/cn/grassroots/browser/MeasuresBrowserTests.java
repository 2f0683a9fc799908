package cn.grassroots.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.Locator;

import cn.grassroots.measures.internal.MeasureKind;
import cn.grassroots.measures.internal.MeasureRepository;
import cn.grassroots.measures.internal.ReportCycle;

/** A member unit files a report with evidence; the coordinating unit accepts it from its desk. */
class MeasuresBrowserTests extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeasureRepository measures;

	@Test
	void aUnitFilesAReportWithEvidenceAndTheCoordinatorAcceptsIt() throws Exception {
		long mechanism = jdbc.sql("SELECT id FROM measure_mechanism WHERE name = '宁夏回族自治区党建引领基层治理协调机制'")
			.query(Long.class).single();
		long civil = jdbc.sql("SELECT id FROM unit WHERE name = '自治区民政厅'").query(Long.class).single();
		String code = "B-" + System.nanoTime() % 1_000_000;
		long measure = measures.insertMeasure(mechanism, code, "浏览器测试：城乡社区服务站点建设", null, "测试", civil, null, null,
				MeasureKind.ANNUAL, LocalDate.of(2026, 1, 1), LocalDate.of(2099, 12, 31), ReportCycle.MONTHLY, BigDecimal.ONE,
				null, null, "test");
		Path evidence = Files.createTempFile("evidence", ".txt");
		Files.writeString(evidence, "入户走访台账", StandardCharsets.UTF_8);

		logIn("nx-civil");
		page.navigate(url("/measures/" + measure));
		page.fill("#progress", "0.6");
		page.fill("#done", "已完成12个站点建设");
		page.setInputFiles("#evidence", evidence);
		page.click("[data-testid=report-submit]");
		assertThat(page.locator("[data-testid=flash]")).isVisible();
		assertThat(page.locator("[data-testid=measure-timeline]")).containsText(evidence.getFileName().toString());
		screenshot("measures-report-filed");

		context.close();
		newContext();
		logIn("nx-social");
		page.navigate(url("/measures/desk"));
		Locator row = page.locator("[data-testid=desk-to-review] tr", new com.microsoft.playwright.Page.LocatorOptions()
			.setHasText("浏览器测试：城乡社区服务站点建设"));
		assertThat(row).hasCount(1);
		screenshot("measures-desk");
		row.locator("input[name=comment]").fill("材料齐全");
		row.locator("button[value=ACCEPT]").click();
		assertThat(page.locator("[data-testid=flash]")).isVisible();
		assertThat(page.locator("[data-testid=desk-to-review]")).not().containsText("浏览器测试：城乡社区服务站点建设");
		assertThat(jdbc.sql("""
				SELECT v.decision FROM measure_report_review v JOIN measure_report r ON r.id = v.report_id
				WHERE r.measure_id = :m""").param("m", measure).query(String.class).single()).isEqualTo("ACCEPT");
		page.navigate(url("/measures/" + measure));
		assertThat(page.locator("[data-testid=measure-facts]")).containsText("60%");
		screenshot("measures-measure");
	}

	@Test
	void theDashboardDrawsItsChartsBesideTheirTables() {
		long mechanism = jdbc.sql("SELECT id FROM measure_mechanism WHERE name = '宁夏回族自治区党建引领基层治理协调机制'")
			.query(Long.class).single();
		logIn("nx-social");
		page.navigate(url("/measures/mechanisms/" + mechanism + "/dashboard"));
		assertThat(page.locator("#chart-status canvas")).hasCount(1);
		assertThat(page.locator("#chart-unit canvas")).hasCount(1);
		assertThat(page.locator("[data-testid=dashboard-units] tbody tr")).not().hasCount(0);
		screenshot("measures-dashboard");
	}
}
