package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static cn.grassroots.training.TrainingFixtures.json;
import static cn.grassroots.training.TrainingFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.grassroots.IntegrationTest;

/** Coverage of a programme's target posts: trained, untrained, newly appointed, make-up enrolments, the untrained as XLSX. */
@IntegrationTest
class CoverageTests {

	static final long DAQING = 230600000000L;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	TrainingFixtures fx;

	RosterFixtures roster;

	@BeforeEach
	void setUp() {
		fx = new TrainingFixtures(mvc, jdbc);
		roster = new RosterFixtures(jdbc);
	}

	private long programme(String start, String end) throws Exception {
		return TrainingFixtures.id(mvc.perform(post("/api/v1/training/programmes").with(as("hlj-admin"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json("{'name':'" + unique("常态化培训") + "','year':2026,'sponsorName':'黑龙江省委组织部','sponsorRegionCode':'"
					+ TrainingFixtures.HLJ + "','startDate':'" + start + "','endDate':'" + end + "','requiredHours':40,"
					+ "'targetPosts':['COMMUNITY_PARTY_SECRETARY'],'topics':['MASS_WORK']}")))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
	}

	@Test
	void theUntrainedAndNewlyAppointedAreShownAndEnrolledForMakeUpInOneStep() throws Exception {
		long[] place = roster.freshTownship(DAQING);
		String township = Long.toString(place[0]);
		long trained = roster.holder("覆盖甲", place[1], "COMMUNITY_PARTY_SECRETARY", LocalDate.of(2020, 3, 1));
		long untrained = roster.holder("覆盖乙", place[1], "COMMUNITY_PARTY_SECRETARY", LocalDate.of(2021, 5, 1));
		long appointed = roster.holder("覆盖丙", place[1], "COMMUNITY_PARTY_SECRETARY", LocalDate.of(2026, 8, 1));
		roster.holder("覆盖丁", place[1], "GRID_WORKER", LocalDate.of(2020, 1, 1)); // not a target post
		long p = programme("2026-06-18", "2026-06-22");
		long classroom = fx.classroom(p, "BRANCH", Long.toString(DAQING));
		fx.enrolConfirmed(p, classroom, trained);

		String uri = "/api/v1/training/programmes/" + p + "/coverage";
		mvc.perform(get(uri).param("regionCode", township).with(as("hlj-admin")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.totals.target").value(3))
			.andExpect(jsonPath("$.totals.trained").value(1))
			.andExpect(jsonPath("$.totals.untrained").value(2))
			.andExpect(jsonPath("$.totals.newlyAppointed").value(1))
			.andExpect(jsonPath("$.areas.length()").value(1))
			.andExpect(jsonPath("$.areas[0].code").value(place[1]))
			.andExpect(jsonPath("$.untrained[?(@.personId == " + untrained + ")].newlyAppointed").value(org.hamcrest.Matchers.contains(false)))
			.andExpect(jsonPath("$.untrained[?(@.personId == " + appointed + ")].newlyAppointed").value(org.hamcrest.Matchers.contains(true)));
		// drill-down from the city: the township is one of its areas, with the same counts
		mvc.perform(get(uri).param("regionCode", Long.toString(place[0] / 1_000_000 * 1_000_000)).with(as("hlj-admin")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.areas[?(@.code == " + place[0] + ")].counts.untrained").value(org.hamcrest.Matchers.contains(2)));

		byte[] xlsx = mvc.perform(get(uri + "/untrained/export").param("regionCode", township).with(as("hlj-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (var wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			assertThat(wb.getSheetAt(0).getLastRowNum()).isEqualTo(2);
			assertThat(wb.getSheetAt(0).getRow(1).getCell(1).getStringCellValue()).isIn("覆盖乙", "覆盖丙");
		}

		// make-up into a later programme's classroom: both enrolled, marked as make-up for this one
		long later = programme("2026-11-01", "2026-11-05");
		long laterClassroom = fx.classroom(later, "BRANCH", Long.toString(DAQING));
		mvc.perform(get(uri + "/make-up-targets").with(as("hlj-admin")))
			.andExpect(jsonPath("$[?(@.classroomId == " + laterClassroom + ")]").isNotEmpty());
		long earlier = programme("2026-01-10", "2026-01-12");
		long earlierClassroom = fx.classroom(earlier, "BRANCH", Long.toString(DAQING));
		mvc.perform(post(uri + "/make-up").with(as("hlj-admin")).contentType(MediaType.APPLICATION_JSON)
				.content(json("{'regionCode':'" + township + "','classroomId':" + earlierClassroom + "}")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("classroomId"));
		mvc.perform(post(uri + "/make-up").with(as("hlj-admin")).contentType(MediaType.APPLICATION_JSON)
				.content(json("{'regionCode':'" + township + "','classroomId':" + laterClassroom + ",'personIds':[" + trained + "]}")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("personIds[0]"));
		mvc.perform(post(uri + "/make-up").with(as("hlj-admin")).contentType(MediaType.APPLICATION_JSON)
				.content(json("{'regionCode':'" + township + "','classroomId':" + laterClassroom + "}")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.asked").value(2))
			.andExpect(jsonPath("$.enrolled").value(2));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM training_enrolment WHERE programme_id = :q AND make_up = TRUE"
				+ " AND make_up_for_programme_id = :p").param("q", later).param("p", p).query(Long.class).single()).isEqualTo(2);
		assertThat(fx.audits("TRAINING_MAKE_UP_ENROL", p)).isEqualTo(1);
		mvc.perform(get(uri).param("regionCode", township).with(as("hlj-admin")))
			.andExpect(jsonPath("$.totals.makeUp").value(2))
			.andExpect(jsonPath("$.totals.untrained").value(0))
			.andExpect(jsonPath("$.makeUps.length()").value(2));

		// the page, with the drill-down and the make-up form's outcome
		mvc.perform(get("/training/programmes/" + p + "/coverage").param("region", township).with(as("hlj-admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("coverage-areas")))
			.andExpect(content().string(containsString("覆盖乙")));
	}

	@Test
	void coverageIsRefusedOutsideTheCallersScope() throws Exception {
		long[] place = roster.freshTownship(DAQING);
		long p = programme("2026-06-18", "2026-06-22");
		fx.classroom(p, "BRANCH", Long.toString(DAQING));
		String uri = "/api/v1/training/programmes/" + p + "/coverage";
		// Harbin sees no classroom or enrolment of this programme; nor may it ask about Daqing
		mvc.perform(get(uri).param("regionCode", Long.toString(place[0])).with(as("harbin-admin")))
			.andExpect(status().is(anyOf(is(403), is(404))));
		mvc.perform(get(uri + "/untrained/export").with(as("harbin-admin"))).andExpect(status().is(anyOf(is(403), is(404))));
		mvc.perform(get(uri).with(as("hlj-secretary"))).andExpect(status().is(anyOf(is(403), is(404))));
		mvc.perform(get(uri).with(as("nx-admin"))).andExpect(status().is(anyOf(is(403), is(404))));
		mvc.perform(post(uri + "/make-up").with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
				.content(json("{'regionCode':'" + place[0] + "','classroomId':1}")))
			.andExpect(status().is(anyOf(is(403), is(404))));
		mvc.perform(get("/training/programmes/" + p + "/coverage").with(as("harbin-admin")))
			.andExpect(status().is(anyOf(is(403), is(404))));
		mvc.perform(post("/training/programmes/" + p + "/coverage/make-up").with(csrf()).with(as("harbin-admin")))
			.andExpect(status().is(anyOf(is(403), is(404))));
		// a bad region code is a field error
		mvc.perform(get(uri).param("regionCode", "99x").with(as("hlj-admin")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("regionCode"));
	}
}
