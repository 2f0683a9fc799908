package cn.grassroots.measures;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
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

/**
 * A member unit sees the measures it leads or partners on; the lead and coordinating units and the
 * region's administrators see the whole mechanism; everyone else is refused.
 */
@IntegrationTest
class MeasureScopeTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	MeasureFixtures fx;
	long mech;
	long civilLeads;
	long civilPartners;
	long policeOnly;

	@BeforeEach
	void setUp() throws Exception {
		fx = new MeasureFixtures(mvc, jdbc);
		mech = fx.mechanism();
		civilLeads = fx.measure(mech, "S01", fx.civil, "2099-12-31");
		civilPartners = fx.measure(mech, "S02", fx.police, "2099-12-31", fx.civil);
		policeOnly = fx.measure(mech, "S03", fx.police, "2099-12-31", fx.justice);
	}

	private List<Integer> measureIds(String user) throws Exception {
		String body = mvc.perform(get("/api/v1/mechanisms/" + mech + "/measures").with(as(user)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		return JsonPath.read(body, "$.content[*].id");
	}

	private List<Integer> mechanismIds(String user) throws Exception {
		String body = mvc.perform(get("/api/v1/mechanisms").param("size", "100").with(as(user)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		return JsonPath.read(body, "$.content[*].id");
	}

	@Test
	void aMemberUnitSeesOnlyTheMeasuresItLeadsOrPartnersOn() throws Exception {
		assertThat(measureIds("nx-civil")).containsExactly((int) civilLeads, (int) civilPartners);
		mvc.perform(get("/api/v1/measures/" + civilPartners).with(as("nx-civil"))).andExpect(status().isOk());
	}

	@Test
	void aMemberUnitCannotReadAnotherUnitsUnsharedMeasure() throws Exception {
		mvc.perform(get("/api/v1/measures/" + policeOnly).with(as("nx-civil"))).andExpect(status().isForbidden());
	}

	@Test
	void theCoordinatingUnitAndTheRegionsAdministratorSeeTheWholeMechanism() throws Exception {
		assertThat(measureIds("nx-social")).containsExactly((int) civilLeads, (int) civilPartners, (int) policeOnly);
		assertThat(measureIds("nx-admin")).containsExactly((int) civilLeads, (int) civilPartners, (int) policeOnly);
		mvc.perform(get("/api/v1/measures/" + policeOnly).with(as("nx-social"))).andExpect(status().isOk());
	}

	@Test
	void membersSeeTheirMechanismsAndOutsidersDoNot() throws Exception {
		assertThat(mechanismIds("nx-civil")).contains((int) mech);
		assertThat(mechanismIds("nx-social")).contains((int) mech);
		assertThat(mechanismIds("nx-admin")).contains((int) mech);
		assertThat(mechanismIds("hlj-admin")).doesNotContain((int) mech);
		assertThat(mechanismIds("harbin-admin")).doesNotContain((int) mech);
	}

	@Test
	void anotherProvincesAdministratorIsRefusedEveryEndpointOfTheMechanism() throws Exception {
		for (String user : List.of("hlj-admin", "harbin-admin")) {
			mvc.perform(get("/api/v1/mechanisms/" + mech).with(as(user))).andExpect(status().isForbidden());
			mvc.perform(get("/api/v1/mechanisms/" + mech + "/measures").with(as(user))).andExpect(status().isForbidden());
			mvc.perform(get("/api/v1/measures/" + civilLeads).with(as(user))).andExpect(status().isForbidden());
		}
		mvc.perform(get("/api/v1/mechanisms").with(as("hlj-grid"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/measures/999999999").with(as("nx-admin"))).andExpect(status().isNotFound());
	}

	@Test
	void onlyTheRegionOrTheLeadAndCoordinatingUnitsAddMeasures() throws Exception {
		String measure = MeasureFixtures.json("{'code':'X1','title':'越权','kind':'ANNUAL','startDate':'2026-01-01',"
				+ "'dueDate':'2026-12-31','reportCycle':'MONTHLY','leadUnitId':" + fx.civil + "}");
		long before = jdbc.sql("SELECT COUNT(*) FROM measure").query(Long.class).single();
		for (String user : List.of("nx-civil", "hlj-admin")) {
			mvc.perform(post("/api/v1/mechanisms/" + mech + "/measures").with(as(user))
				.contentType(MediaType.APPLICATION_JSON).content(measure)).andExpect(status().isForbidden());
		}
		String mechanism = MeasureFixtures.json("{'name':'越权机制','level':'PROVINCE','regionCode':'64','leaderName':'某',"
				+ "'leadUnitId':" + fx.organisation + ",'coordinatingUnitId':" + fx.social + "}");
		for (String user : List.of("nx-social", "hlj-admin", "harbin-admin")) {
			mvc.perform(post("/api/v1/mechanisms").with(as(user)).contentType(MediaType.APPLICATION_JSON).content(mechanism))
				.andExpect(status().isForbidden());
		}
		assertThat(jdbc.sql("SELECT COUNT(*) FROM measure").query(Long.class).single()).isEqualTo(before);
		mvc.perform(post("/api/v1/mechanisms/" + mech + "/measures").with(as("nx-social"))
			.contentType(MediaType.APPLICATION_JSON).content(measure)).andExpect(status().isCreated());
	}
}
