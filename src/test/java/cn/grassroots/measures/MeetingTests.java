package cn.grassroots.measures;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
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

/**
 * 既督又帮: coordination requests collect on the coordinating unit's desk, go onto the next plenary
 * meeting's agenda, and the meeting's decision is carried back to the measure.
 */
@IntegrationTest
class MeetingTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	MeasureFixtures fx;
	long mech;
	long civilLeads;
	long policeLeads;
	long request;

	@BeforeEach
	void setUp() throws Exception {
		fx = new MeasureFixtures(mvc, jdbc);
		mech = fx.mechanism();
		civilLeads = fx.measure(mech, "G01", fx.civil, "2099-12-31");
		policeLeads = fx.measure(mech, "G02", fx.police, "2099-12-31");
		request = fx.reportId(civilLeads, "nx-civil", "0.3", null, "needsCoordination", "true", "coordinationRequest",
				"网格员编制需编办协调");
	}

	ResultActions createMeeting(String user, String body) throws Exception {
		return mvc.perform(post("/api/v1/mechanisms/" + mech + "/meetings").with(as(user))
			.contentType(MediaType.APPLICATION_JSON).content(MeasureFixtures.json(body)));
	}

	ResultActions minutes(long meeting, String user, String body) throws Exception {
		return mvc.perform(post("/api/v1/meetings/" + meeting + "/minutes").with(as(user))
			.contentType(MediaType.APPLICATION_JSON).content(MeasureFixtures.json(body)));
	}

	@Test
	void aRequestGoesOntoTheNextMeetingsAgendaAndItsDecisionBackToTheMeasure() throws Exception {
		mvc.perform(get("/api/v1/mechanisms/" + mech + "/coordination-requests").with(as("nx-social")))
			.andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(1))
			.andExpect(jsonPath("$[0].reportId").value(request))
			.andExpect(jsonPath("$[0].request").value("网格员编制需编办协调"));
		mvc.perform(get("/measures/desk").with(as("nx-social"))).andExpect(content().string(containsString("网格员编制需编办协调")));

		String body = createMeeting("nx-social", "{'title':'第一次全体会议','heldOn':'2026-12-01'}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.meeting.agendaItems").value(1))
			.andExpect(jsonPath("$.agenda[0].request.reportId").value(request))
			.andReturn().getResponse().getContentAsString();
		long meeting = ((Number) JsonPath.read(body, "$.meeting.id")).longValue();
		long item = ((Number) JsonPath.read(body, "$.agenda[0].id")).longValue();
		// on an agenda, it no longer waits; a second meeting takes nothing
		mvc.perform(get("/api/v1/mechanisms/" + mech + "/coordination-requests").with(as("nx-social")))
			.andExpect(jsonPath("$.length()").value(0));
		createMeeting("nx-social", "{'title':'第二次全体会议','heldOn':'2027-01-01'}").andExpect(status().isCreated())
			.andExpect(jsonPath("$.agenda.length()").value(0));

		minutes(meeting, "nx-social", "{'minutes':'会议研究了网格员编制问题。','decisions':[{'itemId':" + item
				+ ",'decision':'由编办牵头，3月底前核定网格员编制'}]}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.meeting.minutes").value("会议研究了网格员编制问题。"))
			.andExpect(jsonPath("$.agenda[0].decision").value("由编办牵头，3月底前核定网格员编制"))
			.andExpect(jsonPath("$.agenda[0].decidedBy").value("nx-social"));

		// the decision is carried back to the measure, for its own unit too
		mvc.perform(get("/api/v1/measures/" + civilLeads + "/decisions").with(as("nx-civil")))
			.andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(1))
			.andExpect(jsonPath("$[0].meetingId").value(meeting))
			.andExpect(jsonPath("$[0].request").value("网格员编制需编办协调"))
			.andExpect(jsonPath("$[0].decision").value("由编办牵头，3月底前核定网格员编制"));
		mvc.perform(get("/measures/" + civilLeads).with(as("nx-civil")))
			.andExpect(content().string(containsString("由编办牵头，3月底前核定网格员编制")));
		// decided, it leaves the desk
		mvc.perform(get("/measures/desk").with(as("nx-social")))
			.andExpect(content().string(not(containsString("网格员编制需编办协调"))));
		assertThat(fx.count("SELECT COUNT(*) FROM audit_event WHERE action = 'MEASURE_MEETING_CREATE' AND target_id = ? AND actor = 'nx-social'",
				Long.toString(meeting))).isEqualTo(1);
		assertThat(fx.count("SELECT COUNT(*) FROM audit_event WHERE action = 'MEASURE_DECISION' AND target_id = ? AND actor = 'nx-social'",
				Long.toString(civilLeads))).isEqualTo(1);
		assertThat(fx.count("SELECT COUNT(*) FROM audit_event WHERE action = 'MEASURE_MEETING_MINUTES' AND target_id = ?",
				Long.toString(meeting))).isEqualTo(1);

		// minutes are recorded once
		minutes(meeting, "nx-social", "{'minutes':'改写纪要'}").andExpect(status().isConflict());
		assertThat(jdbc.sql("SELECT minutes FROM measure_meeting WHERE id = :id").param("id", meeting).query(String.class)
			.single()).isEqualTo("会议研究了网格员编制问题。");
	}

	@Test
	void badInputIsAFieldErrorAndChangesNothing() throws Exception {
		createMeeting("nx-social", "{'title':' '}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", org.hamcrest.Matchers.hasItems("title", "heldOn")));
		assertThat(fx.count("SELECT COUNT(*) FROM measure_meeting WHERE mechanism_id = ?", mech)).isZero();
		long meeting = ((Number) JsonPath.read(createMeeting("nx-social", "{'title':'会议','heldOn':'2026-12-01'}")
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.meeting.id")).longValue();
		minutes(meeting, "nx-social", "{'minutes':'纪要','decisions':[{'itemId':999999999,'decision':'不属于本次会议'}]}")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("decisions[999999999]"));
		minutes(meeting, "nx-social", "{'decisions':[]}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("minutes"));
		assertThat(fx.count("SELECT COUNT(*) FROM measure_meeting WHERE id = ? AND minutes IS NULL", meeting)).isEqualTo(1);
		assertThat(fx.count("SELECT COUNT(*) FROM measure_agenda_item WHERE meeting_id = ? AND decision IS NOT NULL", meeting)).isZero();
	}

	@Test
	void onlyTheLeadOrCoordinatingUnitOrARegionManagerHoldsMeetingsAndOnlyTheWholeMechanismReadsThem() throws Exception {
		for (String user : List.of("nx-civil", "hlj-admin", "harbin-admin")) {
			createMeeting(user, "{'title':'越权会议','heldOn':'2026-12-01'}").andExpect(status().isForbidden());
		}
		assertThat(fx.count("SELECT COUNT(*) FROM measure_meeting WHERE mechanism_id = ?", mech)).isZero();
		assertThat(fx.count("SELECT COUNT(*) FROM measure_agenda_item WHERE report_id = ?", request)).isZero();
		long meeting = ((Number) JsonPath.read(createMeeting("nx-admin", "{'title':'会议','heldOn':'2026-12-01'}")
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.meeting.id")).longValue();
		for (String user : List.of("nx-civil", "hlj-admin")) {
			mvc.perform(get("/api/v1/mechanisms/" + mech + "/meetings").with(as(user))).andExpect(status().isForbidden());
			mvc.perform(get("/api/v1/mechanisms/" + mech + "/coordination-requests").with(as(user))).andExpect(status().isForbidden());
			mvc.perform(get("/api/v1/meetings/" + meeting).with(as(user))).andExpect(status().isForbidden());
			minutes(meeting, user, "{'minutes':'越权纪要'}").andExpect(status().isForbidden());
			mvc.perform(get("/measures/meetings/" + meeting).with(as(user))).andExpect(status().isForbidden());
			mvc.perform(post("/measures/meetings/" + meeting + "/minutes").param("minutes", "越权").with(as(user)).with(csrf()))
				.andExpect(status().isForbidden());
		}
		mvc.perform(get("/api/v1/measures/" + civilLeads + "/decisions").with(as("hlj-admin"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/meetings/999999999").with(as("nx-social"))).andExpect(status().isNotFound());
		assertThat(fx.count("SELECT COUNT(*) FROM measure_meeting WHERE id = ? AND minutes IS NULL", meeting)).isEqualTo(1);
		mvc.perform(get("/api/v1/mechanisms/" + mech + "/meetings").with(as("nx-admin"))).andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(1));
	}

	@Test
	void thePagesSetUpAMeetingAndRecordItsDecisions() throws Exception {
		mvc.perform(get("/measures/mechanisms/" + mech + "/meetings").with(as("nx-social"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-report=\"" + request + "\"")))
			.andExpect(content().string(containsString("data-testid=\"meeting-form\"")));
		mvc.perform(post("/measures/mechanisms/" + mech + "/meetings").param("title", "").param("heldOn", "明天")
			.with(as("nx-social")).with(csrf())).andExpect(status().isOk())
			.andExpect(content().string(containsString("must be a date")));
		assertThat(fx.count("SELECT COUNT(*) FROM measure_meeting WHERE mechanism_id = ?", mech)).isZero();
		mvc.perform(post("/measures/mechanisms/" + mech + "/meetings").param("title", "第一次全体会议").param("heldOn", "2026-12-01")
			.with(as("nx-social")).with(csrf())).andExpect(status().is3xxRedirection());
		long meeting = fx.count("SELECT id FROM measure_meeting WHERE mechanism_id = ?", mech);
		long item = fx.count("SELECT id FROM measure_agenda_item WHERE meeting_id = ?", meeting);
		mvc.perform(post("/measures/meetings/" + meeting + "/minutes").param("decision." + item, "编办协调")
			.with(as("nx-social")).with(csrf())).andExpect(status().isOk())
			.andExpect(content().string(containsString("is required")));
		mvc.perform(post("/measures/meetings/" + meeting + "/minutes").param("minutes", "纪要").param("decision." + item, "编办协调")
			.with(as("nx-social")).with(csrf())).andExpect(status().is3xxRedirection());
		mvc.perform(get("/measures/meetings/" + meeting).with(as("nx-social"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("编办协调")))
			.andExpect(content().string(not(containsString("name=\"minutes\""))));
	}
}
