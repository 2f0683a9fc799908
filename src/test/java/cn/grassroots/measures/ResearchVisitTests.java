package cn.grassroots.measures;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
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
import org.springframework.test.web.servlet.ResultActions;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;

/** 调查研究: research visits recorded with findings linked to the measures they concern. */
@IntegrationTest
class ResearchVisitTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	MeasureFixtures fx;
	long mech;
	long civilLeads;
	long policeLeads;

	@BeforeEach
	void setUp() throws Exception {
		fx = new MeasureFixtures(mvc, jdbc);
		mech = fx.mechanism();
		civilLeads = fx.measure(mech, "V01", fx.civil, "2099-12-31");
		policeLeads = fx.measure(mech, "V02", fx.police, "2099-12-31");
	}

	ResultActions record(String user, String body) throws Exception {
		return mvc.perform(post("/api/v1/mechanisms/" + mech + "/visits").with(as(user))
			.contentType(MediaType.APPLICATION_JSON).content(MeasureFixtures.json(body)));
	}

	String visit() {
		return "{'title':'赴固原市调研网格治理','visitedOn':'2026-10-12','place':'固原市原州区','participants':'社会工作部调研组',"
				+ "'summary':'走访3个社区','findings':[{'finding':'网格员身兼数职','suggestion':'清理借调','measureIds':[" + civilLeads + ","
				+ policeLeads + "]},{'finding':'平台数据不通','measureIds':[" + policeLeads + "]}]}";
	}

	@Test
	void aVisitsFindingsReachTheMeasuresTheyConcern() throws Exception {
		String body = record("nx-social", visit()).andExpect(status().isCreated())
			.andExpect(jsonPath("$.visit.findingCount").value(2))
			.andExpect(jsonPath("$.findings[0].measures.length()").value(2))
			.andExpect(jsonPath("$.findings[1].measures[0].code").value("V02"))
			.andReturn().getResponse().getContentAsString();
		long visit = ((Number) JsonPath.read(body, "$.visit.id")).longValue();
		mvc.perform(get("/api/v1/measures/" + civilLeads + "/findings").with(as("nx-civil"))).andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(1))
			.andExpect(jsonPath("$[0].visitId").value(visit))
			.andExpect(jsonPath("$[0].finding").value("网格员身兼数职"))
			.andExpect(jsonPath("$[0].suggestion").value("清理借调"));
		mvc.perform(get("/api/v1/measures/" + policeLeads + "/findings").with(as("nx-social")))
			.andExpect(jsonPath("$.length()").value(2));
		mvc.perform(get("/measures/" + civilLeads).with(as("nx-civil"))).andExpect(content().string(containsString("网格员身兼数职")));
		mvc.perform(get("/api/v1/mechanisms/" + mech + "/visits").with(as("nx-admin"))).andExpect(status().isOk())
			.andExpect(jsonPath("$[0].title").value("赴固原市调研网格治理"));
		mvc.perform(get("/measures/visits/" + visit).with(as("nx-social"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("平台数据不通")));
		assertThat(fx.count("SELECT COUNT(*) FROM audit_event WHERE action = 'MEASURE_VISIT_CREATE' AND target_id = ? AND actor = 'nx-social'",
				Long.toString(visit))).isEqualTo(1);
	}

	@Test
	void badInputIsAFieldErrorAndStoresNothing() throws Exception {
		long other = fx.measure(fx.mechanism(), "V09", fx.civil, "2099-12-31");
		record("nx-social", "{'place':'银川','findings':[{'finding':'','measureIds':[" + other + "]}]}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("title")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("visitedOn")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("findings[0].finding")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("findings[0].measureIds")));
		assertThat(fx.count("SELECT COUNT(*) FROM measure_visit WHERE mechanism_id = ?", mech)).isZero();
		mvc.perform(post("/measures/mechanisms/" + mech + "/visits").param("title", "调研").param("visitedOn", "上周")
			.with(as("nx-social")).with(csrf())).andExpect(status().isOk())
			.andExpect(content().string(containsString("must be a date")));
		assertThat(fx.count("SELECT COUNT(*) FROM measure_visit WHERE mechanism_id = ?", mech)).isZero();
	}

	@Test
	void onlyTheLeadOrCoordinatingUnitOrARegionManagerRecordsAndOnlyTheWholeMechanismReads() throws Exception {
		for (String user : List.of("nx-civil", "hlj-admin", "harbin-admin")) {
			record(user, visit()).andExpect(status().isForbidden());
			mvc.perform(post("/measures/mechanisms/" + mech + "/visits").param("title", "越权").param("visitedOn", "2026-10-01")
				.with(as(user)).with(csrf())).andExpect(status().isForbidden());
		}
		assertThat(fx.count("SELECT COUNT(*) FROM measure_visit WHERE mechanism_id = ?", mech)).isZero();
		long visit = ((Number) JsonPath.read(record("nx-admin", visit()).andExpect(status().isCreated()).andReturn()
			.getResponse().getContentAsString(), "$.visit.id")).longValue();
		for (String user : List.of("nx-civil", "hlj-admin")) {
			mvc.perform(get("/api/v1/mechanisms/" + mech + "/visits").with(as(user))).andExpect(status().isForbidden());
			mvc.perform(get("/api/v1/visits/" + visit).with(as(user))).andExpect(status().isForbidden());
			mvc.perform(get("/measures/mechanisms/" + mech + "/visits").with(as(user))).andExpect(status().isForbidden());
		}
		// a member unit reads the findings on its own measure, not on another unit's
		mvc.perform(get("/api/v1/measures/" + policeLeads + "/findings").with(as("nx-civil"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/visits/999999999").with(as("nx-social"))).andExpect(status().isNotFound());
	}

	@Test
	void theFormRecordsAVisitWithItsFindings() throws Exception {
		mvc.perform(get("/measures/mechanisms/" + mech + "/visits").with(as("nx-social"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"visit-form\"")))
			.andExpect(content().string(containsString("V01 措施V01")));
		mvc.perform(post("/measures/mechanisms/" + mech + "/visits").param("title", "入户调研").param("visitedOn", "2026-10-12")
			.param("finding.0", "社区减负清单未落实").param("measures.0", Long.toString(civilLeads))
			.with(as("nx-social")).with(csrf())).andExpect(status().is3xxRedirection());
		assertThat(fx.count("SELECT COUNT(*) FROM measure_finding_link l JOIN measure_visit_finding f ON f.id = l.finding_id"
				+ " JOIN measure_visit v ON v.id = f.visit_id WHERE v.mechanism_id = ? AND l.measure_id = ?", mech, civilLeads))
			.isEqualTo(1);
	}
}
