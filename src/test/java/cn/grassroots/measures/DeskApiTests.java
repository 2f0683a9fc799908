package cn.grassroots.measures;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;

/**
 * The desk over JSON: a member unit sees the measures it leads and partners on with the reports it
 * owes, never another unit's; the coordinating unit sees the reports waiting for its review and the
 * coordination requests.
 */
@IntegrationTest
class DeskApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	MeasureFixtures fx;
	long civilLeads;
	long civilPartners;
	long policeOnly;
	long report;

	@BeforeEach
	void setUp() throws Exception {
		fx = new MeasureFixtures(mvc, jdbc);
		long mech = fx.mechanism();
		civilLeads = fx.measure(mech, "K01", fx.civil, "2099-12-31");
		civilPartners = fx.measure(mech, "K02", fx.police, "2099-12-31", fx.civil);
		policeOnly = fx.measure(mech, "K03", fx.police, "2099-12-31");
		report = fx.reportId(civilLeads, "nx-civil", "0.4", null, "needsCoordination", "true", "coordinationRequest", "请协调编办");
	}

	List<Integer> ids(String user, String path) throws Exception {
		String body = mvc.perform(get("/api/v1/measures/desk").with(as(user))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		return JsonPath.read(body, path);
	}

	@Test
	void aMemberUnitsDeskHoldsWhatItLeadsAndPartnersOnAndNothingElse() throws Exception {
		assertThat(ids("nx-civil", "$.leads[*].id")).contains((int) civilLeads).doesNotContain((int) policeOnly, (int) civilPartners);
		assertThat(ids("nx-civil", "$.partners[*].id")).contains((int) civilPartners).doesNotContain((int) policeOnly);
		assertThat(ids("nx-civil", "$.toReview[*].reportId")).isEmpty();
		mvc.perform(get("/api/v1/measures/desk").with(as("nx-civil"))).andExpect(jsonPath("$.coordinator").value(false));
	}

	@Test
	void theCoordinatingUnitsDeskHoldsTheReportToReviewAndTheRequest() throws Exception {
		assertThat(ids("nx-social", "$.toReview[*].reportId")).contains((int) report);
		assertThat(ids("nx-social", "$.coordination[*].reportId")).contains((int) report);
		mvc.perform(get("/api/v1/measures/desk").with(as("nx-social"))).andExpect(jsonPath("$.coordinator").value(true));
		fx.accept(report);
		assertThat(ids("nx-social", "$.toReview[*].reportId")).doesNotContain((int) report);
	}

	@Test
	void aReportFiledForLastCycleTakesTheMeasureOffTheDueList() throws Exception {
		long fresh = fx.measure(fx.mechanism(), "K04", fx.civil, "2099-12-31");
		assertThat(ids("nx-civil", "$.due[*].measureId")).contains((int) fresh);
		String lastMonth = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).minusMonths(1).toString();
		fx.reportId(fresh, "nx-civil", "0.1", null, "cycle", lastMonth);
		assertThat(ids("nx-civil", "$.due[*].measureId")).doesNotContain((int) fresh);
	}

	@Test
	void someoneWithoutAccessToMeasuresIsRefused() throws Exception {
		mvc.perform(get("/api/v1/measures/desk").with(as("hlj-grid"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/measures/desk")).andExpect(status().isUnauthorized());
	}
}
