package cn.grassroots.measures;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import cn.grassroots.IntegrationTest;

/** 销号: only the coordinating unit, only with a verified result and evidence, only when every sub-measure is closed. */
@IntegrationTest
class CloseOutRulesTests {

	private static final byte[] EVIDENCE = "照片与台账".getBytes(java.nio.charset.StandardCharsets.UTF_8);

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	MeasureFixtures fx;
	long mech;
	long measure;

	@BeforeEach
	void setUp() throws Exception {
		fx = new MeasureFixtures(mvc, jdbc);
		mech = fx.mechanism();
		measure = fx.measure(mech, "C01", fx.civil, "2099-12-31");
	}

	private ResultActions closeOut(long id, String user) throws Exception {
		return mvc.perform(post("/api/v1/measures/" + id + "/close-out").with(as(user)));
	}

	private boolean closed(long id) {
		return fx.count("SELECT COUNT(*) FROM measure WHERE id = ? AND closed_at IS NOT NULL", id) == 1;
	}

	@Test
	void aMeasureWithoutAnAcceptedReportCannotBeClosedOut() throws Exception {
		fx.reportId(measure, "nx-civil", "1", EVIDENCE);
		closeOut(measure, "nx-social").andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value(containsString("no accepted progress report")));
		assertThat(closed(measure)).isFalse();
	}

	@Test
	void anAcceptedReportBelowFullProgressThatIsNotClearlyEffectiveIsNotEnough() throws Exception {
		fx.accept(fx.reportId(measure, "nx-civil", "0.8", EVIDENCE));
		closeOut(measure, "nx-social").andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value(containsString("nor marked clearly effective")));
		assertThat(closed(measure)).isFalse();
	}

	@Test
	void anAcceptedReportWithoutEvidenceIsNotEnough() throws Exception {
		fx.accept(fx.reportId(measure, "nx-civil", "1", null));
		closeOut(measure, "nx-social").andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value(containsString("no evidence")));
		assertThat(closed(measure)).isFalse();
	}

	@Test
	void anAnnualMeasureMarkedClearlyEffectiveWithEvidenceClosesOutAndCountsAsDone() throws Exception {
		fx.accept(fx.reportId(measure, "nx-civil", "0.8", EVIDENCE, "clearlyEffective", "true"));
		closeOut(measure, "nx-social").andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("DONE"))
			.andExpect(jsonPath("$.progress").value(1.0))
			.andExpect(jsonPath("$.closedBy").value("nx-social"));
		assertThat(fx.count("SELECT COUNT(*) FROM audit_event WHERE action = 'MEASURE_CLOSE_OUT' AND target_id = ?",
				Long.toString(measure))).isEqualTo(1);
		// closed measures stay visible with their history, and take no more reports
		mvc.perform(get("/api/v1/mechanisms/" + mech + "/measures").with(as("nx-civil")))
			.andExpect(jsonPath("$.content[0].status").value("DONE"));
		mvc.perform(get("/api/v1/measures/" + measure).with(as("nx-civil"))).andExpect(jsonPath("$.reports.length()").value(1));
		fx.report(measure, "nx-civil", "1", null, "cycle", "2026-01").andExpect(status().isConflict());
		closeOut(measure, "nx-social").andExpect(status().isConflict());
	}

	@Test
	void aLongTermMeasureNeedsFullProgress() throws Exception {
		long longTerm = fx.measure(mech, "{'code':'C02','title':'长期','kind':'LONG_TERM','startDate':'2026-01-01',"
				+ "'dueDate':'2099-12-31','reportCycle':'MONTHLY','leadUnitId':" + fx.civil + ",'targets':["
				+ "{'periodLabel':'终期','periodEnd':'2099-12-31','indicator':'覆盖率','baseline':0,'targetValue':100}]}");
		fx.report(longTerm, "nx-civil", "0.9", EVIDENCE, "clearlyEffective", "true").andExpect(status().isBadRequest());
		fx.accept(fx.reportId(longTerm, "nx-civil", "0.9", EVIDENCE));
		closeOut(longTerm, "nx-social").andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value(containsString("not at progress 1")));
	}

	@Test
	void aParentClosesOutOnlyAfterAllItsSubMeasures() throws Exception {
		long child = fx.measure(mech, "{'code':'C01-1','title':'子措施','kind':'ANNUAL','startDate':'2026-01-01',"
				+ "'dueDate':'2099-12-31','reportCycle':'MONTHLY','leadUnitId':" + fx.civil + ",'parentId':" + measure + "}");
		fx.accept(fx.reportId(measure, "nx-civil", "1", EVIDENCE));
		closeOut(measure, "nx-social").andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value(containsString("C01-1")));
		fx.accept(fx.reportId(child, "nx-civil", "1", EVIDENCE));
		closeOut(child, "nx-social").andExpect(status().isOk());
		closeOut(measure, "nx-social").andExpect(status().isOk()).andExpect(jsonPath("$.status").value("DONE"));
	}

	@Test
	void onlyTheCoordinatingUnitClosesOut() throws Exception {
		fx.accept(fx.reportId(measure, "nx-civil", "1", EVIDENCE));
		for (String user : List.of("nx-civil", "nx-admin", "hlj-admin")) {
			closeOut(measure, user).andExpect(status().isForbidden());
		}
		assertThat(closed(measure)).isFalse();
	}

	@Test
	void aManualOverrideNeedsAReasonIsAuditedAndCanBeCleared() throws Exception {
		mvc.perform(post("/api/v1/measures/" + measure + "/status-override").with(as("nx-social"))
			.contentType(MediaType.APPLICATION_JSON).content(MeasureFixtures.json("{'status':'AT_RISK'}")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("reason"));
		mvc.perform(post("/api/v1/measures/" + measure + "/status-override").with(as("nx-social"))
			.contentType(MediaType.APPLICATION_JSON).content(MeasureFixtures.json("{'status':'DONE','reason':'想销号'}")))
			.andExpect(status().isBadRequest());
		mvc.perform(post("/api/v1/measures/" + measure + "/status-override").with(as("nx-civil"))
			.contentType(MediaType.APPLICATION_JSON).content(MeasureFixtures.json("{'status':'ON_TRACK','reason':'自评'}")))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/measures/" + measure + "/status-override").with(as("nx-social"))
			.contentType(MediaType.APPLICATION_JSON).content(MeasureFixtures.json("{'status':'ON_TRACK','reason':'编制调整未到位'}")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.computedStatus").value("AT_RISK")) // no report since it started in January
			.andExpect(jsonPath("$.status").value("ON_TRACK"))
			.andExpect(jsonPath("$.overrideReason").value("编制调整未到位"));
		String after = jdbc.sql("SELECT after_value FROM audit_event WHERE action = 'MEASURE_STATUS_OVERRIDE' AND target_id = :id")
			.param("id", Long.toString(measure)).query(String.class).single();
		assertThat(after).contains("ON_TRACK").contains("编制调整未到位");
		mvc.perform(post("/api/v1/measures/" + measure + "/status-override").with(as("nx-admin"))
			.contentType(MediaType.APPLICATION_JSON).content(MeasureFixtures.json("{'reason':'恢复自动计算'}")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("AT_RISK"));
	}
}
