package cn.grassroots.measures;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;

/** Progress reports: filed once per unit and cycle with evidence, accepted or returned by the coordinating unit. */
@IntegrationTest
class ReportReviewTests {

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
		civilLeads = fx.measure(mech, "R01", fx.civil, "2099-12-31", fx.police);
		policeOnly = fx.measure(mech, "R02", fx.police, "2099-12-31");
	}

	@Test
	void aUnitFilesAReportWhoseEvidenceIsStoredWithItsSha256() throws Exception {
		byte[] pdf = "%PDF-1.4 民政厅佐证".getBytes(StandardCharsets.UTF_8);
		String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf));
		String body = fx.report(civilLeads, "nx-civil", "0.4", pdf, "needsCoordination", "true", "coordinationRequest", "需协调编制部门")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.unitId").value(fx.civil))
			.andExpect(jsonPath("$.responsible").value(true))
			.andExpect(jsonPath("$.progress").value(0.4))
			.andExpect(jsonPath("$.needsCoordination").value(true))
			.andExpect(jsonPath("$.evidence[0].sha256").value(sha))
			.andExpect(jsonPath("$.evidence[0].size").value(pdf.length))
			.andReturn().getResponse().getContentAsString();
		long report = MeasureFixtures.id(body);
		String fileId = JsonPath.read(body, "$.evidence[0].fileId");
		assertThat(jdbc.sql("SELECT sha256 FROM stored_file WHERE id = :id AND purpose = 'EVIDENCE'").param("id", fileId)
			.query(String.class).single()).isEqualTo(sha);
		assertThat(fx.count("SELECT COUNT(*) FROM audit_event WHERE action = 'MEASURE_REPORT_SUBMIT' AND target_id = ? AND actor = 'nx-civil'",
				Long.toString(report))).isEqualTo(1);
		// the coordinator downloads it; another province cannot
		byte[] got = mvc.perform(get("/api/v1/measures/reports/" + report + "/evidence/" + fileId).with(as("nx-social")))
			.andExpect(status().isOk()).andExpect(header().string("X-Content-SHA256", sha))
			.andReturn().getResponse().getContentAsByteArray();
		assertThat(got).isEqualTo(pdf);
		mvc.perform(get("/api/v1/measures/reports/" + report + "/evidence/" + fileId).with(as("hlj-admin")))
			.andExpect(status().isForbidden());
	}

	@Test
	void aUnitReportsOncePerCycleAndAgainOnlyAfterItsReportWasReturned() throws Exception {
		long first = fx.reportId(civilLeads, "nx-civil", "0.3", null);
		fx.report(civilLeads, "nx-civil", "0.35", null).andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		fx.review(first, "nx-social", "RETURN", "佐证不足，请补充").andExpect(status().isOk())
			.andExpect(jsonPath("$.decision").value("RETURN"));
		long second = fx.reportId(civilLeads, "nx-civil", "0.35", null);
		assertThat(second).isNotEqualTo(first);
		// both stay: reports are append-only
		mvc.perform(get("/api/v1/measures/" + civilLeads).with(as("nx-civil")))
			.andExpect(jsonPath("$.reports.length()").value(2))
			.andExpect(jsonPath("$.reports[1].decision").value("RETURN"))
			.andExpect(jsonPath("$.reports[1].reviewComment").value("佐证不足，请补充"));
	}

	@Test
	void anAcceptedReportGivesTheMeasureItsProgress() throws Exception {
		long report = fx.reportId(civilLeads, "nx-civil", "0.6", null);
		mvc.perform(get("/api/v1/measures/" + civilLeads).with(as("nx-civil"))).andExpect(jsonPath("$.progress").value(0.0));
		fx.accept(report);
		mvc.perform(get("/api/v1/mechanisms/" + mech + "/measures").with(as("nx-social")))
			.andExpect(jsonPath("$.content[0].id").value(civilLeads))
			.andExpect(jsonPath("$.content[0].progress").value(0.6));
		assertThat(fx.count("SELECT COUNT(*) FROM audit_event WHERE action = 'MEASURE_REPORT_REVIEW' AND target_id = ? AND actor = 'nx-social'",
				Long.toString(report))).isEqualTo(1);
	}

	@Test
	void anAcceptedIndicatorValueSetsTheStagedTargetsActualAndTheProgress() throws Exception {
		long m = fx.measure(mech, "{'code':'R03','title':'网格','kind':'LONG_TERM','startDate':'2026-01-01',"
				+ "'dueDate':'2099-12-31','reportCycle':'MONTHLY','leadUnitId':" + fx.civil + ",'targets':["
				+ "{'periodLabel':'第一阶段','periodEnd':'2098-12-31','indicator':'完成率','baseline':20,'targetValue':60},"
				+ "{'periodLabel':'第二阶段','periodEnd':'2099-12-31','indicator':'完成率','baseline':20,'targetValue':100}]}");
		fx.accept(fx.reportId(m, "nx-civil", "0.1", null, "indicatorValue", "60"));
		mvc.perform(get("/api/v1/measures/" + m).with(as("nx-civil")))
			.andExpect(jsonPath("$.targets[0].actual").value(60))
			.andExpect(jsonPath("$.targets[1].actual").value(60))
			.andExpect(jsonPath("$.progress").value(0.5));
	}

	@Test
	void aReturnNeedsACommentAndAReportIsReviewedOnlyOnce() throws Exception {
		long report = fx.reportId(civilLeads, "nx-civil", "0.3", null);
		fx.review(report, "nx-social", "RETURN", null).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("comment"));
		assertThat(fx.count("SELECT COUNT(*) FROM measure_report_review WHERE report_id = ?", report)).isZero();
		fx.accept(report);
		fx.review(report, "nx-social", "RETURN", "改主意").andExpect(status().isConflict());
		assertThat(jdbc.sql("SELECT decision FROM measure_report_review WHERE report_id = :r").param("r", report)
			.query(String.class).single()).isEqualTo("ACCEPT");
	}

	@Test
	void onlyTheCoordinatingOrLeadUnitReviews() throws Exception {
		long report = fx.reportId(civilLeads, "nx-civil", "0.3", null);
		for (String user : List.of("nx-civil", "nx-admin", "hlj-admin", "harbin-admin")) {
			fx.review(report, user, "ACCEPT", "越权").andExpect(status().isForbidden());
		}
		assertThat(fx.count("SELECT COUNT(*) FROM measure_report_review WHERE report_id = ?", report)).isZero();
	}

	@Test
	void aUnitCannotReportOnAMeasureItNeitherLeadsNorPartnersOn() throws Exception {
		for (String user : List.of("nx-civil", "nx-social", "nx-admin", "hlj-admin")) {
			fx.report(policeOnly, user, "0.5", null).andExpect(status().isForbidden());
		}
		assertThat(fx.count("SELECT COUNT(*) FROM measure_report WHERE measure_id = ?", policeOnly)).isZero();
	}

	@Test
	void badReportInputIsAFieldErrorAndStoresNothing() throws Exception {
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/api/v1/measures/" + civilLeads + "/reports")
			.param("progress", "1.5").param("needsCoordination", "true").param("cycle", "2026-Q1").with(as("nx-civil")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("progress")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("done")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("cycle")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("coordinationRequest")));
		fx.report(civilLeads, "nx-civil", "0.5", null, "cycle", "2098-01").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("cycle"));
		fx.report(civilLeads, "nx-civil", "0.5", null, "clearlyEffective", "true", "indicatorValue", "3")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("indicatorValue"));
		assertThat(fx.count("SELECT COUNT(*) FROM measure_report WHERE measure_id = ?", civilLeads)).isZero();
	}
}
