package cn.grassroots.measures;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import cn.grassroots.IntegrationTest;

/** The pages: mechanisms, a mechanism, a measure with its timeline and forms, the desks; scope as in the API. */
@IntegrationTest
class MeasurePagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	MeasureFixtures fx;
	long mech;
	long civilLeads;
	long policeOnly;

	@BeforeEach
	void setUp() throws Exception {
		fx = new MeasureFixtures(mvc, jdbc);
		mech = fx.mechanism();
		civilLeads = fx.measure(mech, "P01", fx.civil, "2099-12-31");
		policeOnly = fx.measure(mech, "P02", fx.police, "2099-12-31");
	}

	@Test
	void theMechanismPagesShowTheMeasuresTheUserMaySee() throws Exception {
		mvc.perform(get("/measures").with(as("nx-civil"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("宁夏回族自治区党建引领基层治理协调机制")));
		mvc.perform(get("/measures/mechanisms/" + mech).with(as("nx-social"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("措施P01"))).andExpect(content().string(containsString("措施P02")));
		mvc.perform(get("/measures/mechanisms/" + mech).with(as("nx-civil"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("措施P01"))).andExpect(content().string(not(containsString("措施P02"))));
		mvc.perform(get("/measures/mechanisms/" + mech).with(as("hlj-admin"))).andExpect(status().isForbidden());
		mvc.perform(get("/measures/" + policeOnly).with(as("nx-civil"))).andExpect(status().isForbidden());
	}

	@Test
	void aUnitFilesAReportFromTheMeasurePageAndTheCoordinatorAcceptsItFromTheDesk() throws Exception {
		mvc.perform(get("/measures/" + civilLeads).with(as("nx-civil"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"report-form\"")));
		mvc.perform(multipart("/measures/" + civilLeads + "/reports").file(new MockMultipartFile("evidence", "台账.xlsx",
				"application/octet-stream", new byte[] { 1, 2, 3 }))
			.param("progress", "0.5").param("done", "入户走访120户").with(as("nx-civil")).with(csrf()))
			.andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/measures/" + civilLeads));
		long report = jdbc.sql("SELECT id FROM measure_report WHERE measure_id = :m").param("m", civilLeads).query(Long.class).single();
		mvc.perform(get("/measures/desk").with(as("nx-social"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-report=\"" + report + "\"")));
		mvc.perform(post("/measures/reports/" + report + "/review").param("decision", "ACCEPT").param("back", "desk")
			.with(as("nx-social")).with(csrf())).andExpect(redirectedUrl("/measures/desk"));
		assertThat(jdbc.sql("SELECT decision FROM measure_report_review WHERE report_id = :r").param("r", report)
			.query(String.class).single()).isEqualTo("ACCEPT");
		mvc.perform(get("/measures/" + civilLeads).with(as("nx-civil"))).andExpect(content().string(containsString("台账.xlsx")));
	}

	@Test
	void aBadReportShowsFieldErrorsOnTheFormAndStoresNothing() throws Exception {
		mvc.perform(multipart("/measures/" + civilLeads + "/reports").param("progress", "abc").with(as("nx-civil")).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("must be a number")));
		assertThat(fx.count("SELECT COUNT(*) FROM measure_report WHERE measure_id = ?", civilLeads)).isZero();
		mvc.perform(multipart("/measures/" + policeOnly + "/reports").param("progress", "0.5").param("done", "越权")
			.with(as("nx-civil")).with(csrf())).andExpect(status().isForbidden());
		assertThat(fx.count("SELECT COUNT(*) FROM measure_report WHERE measure_id = ?", policeOnly)).isZero();
	}

	@Test
	void theDashboardPageShowsTheFiguresChartsAndTheirTables() throws Exception {
		fx.measure(mech, "P03", fx.civil, "2026-01-31");
		mvc.perform(get("/measures/mechanisms/" + mech + "/dashboard").with(as("nx-social"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"chart-status\"")))
			.andExpect(content().string(containsString("id=\"dashboard-data\"")))
			.andExpect(content().string(containsString("echarts")))
			.andExpect(content().string(containsString("措施P03")));
		mvc.perform(get("/measures/mechanisms/" + mech + "/dashboard").with(as("hlj-admin"))).andExpect(status().isForbidden());
	}

	@Test
	void theUnitDeskListsWhatItLeadsAndWhatItOwes() throws Exception {
		mvc.perform(get("/measures/desk").with(as("nx-civil"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("措施P01")))
			.andExpect(content().string(not(containsString("desk-to-review"))));
		mvc.perform(get("/measures/desk").with(as("hlj-grid"))).andExpect(status().isForbidden());
	}
}
