package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static cn.grassroots.training.TrainingFixtures.json;
import static cn.grassroots.training.TrainingFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
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
import org.springframework.test.web.servlet.ResultActions;

import cn.grassroots.IntegrationTest;

/** Training records: a person's programmes, hours by year and category, tests; yearly hours owed per post and who falls short. */
@IntegrationTest
class TrainingRecordTests {

	static final long MUDANJIANG = 231000000000L;

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

	private ResultActions send(String account, String method, String uri, String body) throws Exception {
		var b = "PUT".equals(method) ? put(uri) : post(uri);
		return mvc.perform(b.with(as(account)).contentType(MediaType.APPLICATION_JSON).content(json(body)));
	}

	private long session(long classroom, String date, String hours, String type, String topic) throws Exception {
		return TrainingFixtures.id(send("hlj-admin", "POST", "/api/v1/training/classrooms/" + classroom + "/plan/sessions",
				"{'date':'" + date + "','start':'08:00','end':'12:00','hours':" + hours + ",'title':'" + unique("课") + "',"
						+ "'courseType':'" + type + "','delivery':'OFFLINE'" + (topic == null ? "" : ",'topic':'" + topic + "'") + "}")
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
	}

	private void mark(long session, long person, String status) throws Exception {
		send("hlj-admin", "PUT", "/api/v1/training/sessions/" + session + "/attendance",
				"{'marks':[{'personId':" + person + ",'status':'" + status + "'}]}").andExpect(status().isOk());
	}

	@Test
	void aTraineeSeesTheirOwnRecordWithHoursByCategoryAndTests() throws Exception {
		long p = fx.programme();
		long classroom = fx.classroom(p, "BRANCH", TrainingFixtures.HARBIN);
		long secretary = fx.personOf("hlj-secretary");
		fx.enrolConfirmed(p, classroom, secretary);
		send("hlj-admin", "POST", "/api/v1/training/classrooms/" + classroom + "/plan/versions", "{}").andExpect(status().isCreated());
		long governance = session(classroom, "2026-06-18", "4", "CASE", "GRASSROOTS_GOVERNANCE");
		long theory = session(classroom, "2026-06-19", "3", "THEORY", null);
		long missed = session(classroom, "2026-06-20", "2", "POLICY", "DISCIPLINE");
		mark(governance, secretary, "PRESENT");
		mark(theory, secretary, "LATE");
		mark(missed, secretary, "ABSENT");

		String path = "$.programmes[?(@.programmeId == " + p + ")]";
		mvc.perform(get("/api/v1/training/me/record").with(as("hlj-secretary")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.personId").value(secretary))
			.andExpect(jsonPath(path + ".attendedHours").value(contains(7.0)))
			.andExpect(jsonPath(path + ".missedHours").value(contains(2.0)))
			.andExpect(jsonPath(path + ".status").value(contains("CONFIRMED")))
			.andExpect(jsonPath(path + ".classroomId").value(contains((int) classroom)));
		// the year's hours include this programme's 4 governance hours (case) and 3 uncategorised (theory)
		String record = mvc.perform(get("/api/v1/training/me/record").with(as("hlj-secretary")))
			.andReturn().getResponse().getContentAsString();
		double governanceHours = com.jayway.jsonpath.JsonPath.<java.util.List<Number>>read(record,
				"$.years[?(@.year == 2026)].byTopic.GRASSROOTS_GOVERNANCE").get(0).doubleValue();
		assertThat(governanceHours).isGreaterThanOrEqualTo(4.0);
		assertThat(com.jayway.jsonpath.JsonPath.<java.util.List<Object>>read(record, "$.years[?(@.year == 2026)].byTopic.OTHER")).isNotEmpty();

		// the officer reads the same record; the page shows it
		mvc.perform(get("/api/v1/training/people/" + secretary + "/record").with(as("hlj-admin")))
			.andExpect(status().isOk()).andExpect(jsonPath(path + ".attendedHours").value(contains(7.0)));
		mvc.perform(get("/training/record").with(as("hlj-secretary")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("record-programmes")))
			.andExpect(content().string(containsString("党建引领基层治理")));
		mvc.perform(get("/training/people/" + secretary + "/record").with(as("hlj-admin"))).andExpect(status().isOk());
	}

	@Test
	void aRecordIsRefusedToThoseOutsideItsScope() throws Exception {
		long secretary = fx.personOf("hlj-secretary");
		long teacher = fx.personOf("hlj-teacher");
		// a trainee reads only their own; another province never
		mvc.perform(get("/api/v1/training/people/" + teacher + "/record").with(as("hlj-secretary")))
			.andExpect(status().is(anyOf(is(403), is(404))));
		mvc.perform(get("/api/v1/training/people/" + secretary + "/record").with(as("nx-admin")))
			.andExpect(status().is(anyOf(is(403), is(404))));
		mvc.perform(get("/training/people/" + secretary + "/record").with(as("nx-admin")))
			.andExpect(status().is(anyOf(is(403), is(404))));
	}

	@Test
	void holdersShortOfTheirPostsYearlyHoursAreListedWithinScopeAndExported() throws Exception {
		long[] place = roster.freshTownship(MUDANJIANG);
		String township = Long.toString(place[0]);
		long done = roster.holder("学时甲", place[1], "COMMUNITY_PARTY_SECRETARY", LocalDate.of(2019, 1, 1));
		long short1 = roster.holder("学时乙", place[1], "COMMUNITY_PARTY_SECRETARY", LocalDate.of(2019, 1, 1));
		long p = fx.programme();
		long classroom = fx.classroom(p, "BRANCH", Long.toString(MUDANJIANG));
		fx.enrolConfirmed(p, classroom, done);
		fx.enrolConfirmed(p, classroom, short1);
		send("hlj-admin", "POST", "/api/v1/training/classrooms/" + classroom + "/plan/versions", "{}").andExpect(status().isCreated());
		long s1 = session(classroom, "2026-06-18", "8", "CASE", "MASS_WORK");
		long s2 = session(classroom, "2026-06-19", "4", "CASE", "MASS_WORK");
		mark(s1, done, "PRESENT");
		mark(s2, done, "PRESENT");
		mark(s1, short1, "PRESENT");
		mark(s2, short1, "ABSENT");

		// the township's setting is the most specific one: 10 hours, over the province's 40
		String uri = "/api/v1/training/hours-requirements";
		send("hlj-admin", "PUT", uri, "{'regionCode':'" + TrainingFixtures.HLJ + "','post':'COMMUNITY_PARTY_SECRETARY','yearlyHours':40}")
			.andExpect(status().isOk());
		send("hlj-admin", "PUT", uri, "{'regionCode':'" + township + "','post':'COMMUNITY_PARTY_SECRETARY','yearlyHours':10}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.regionCode == " + place[0] + ")].yearlyHours").value(contains(10.0)));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'TRAINING_HOURS_REQUIREMENT' AND target_id = :t")
			.param("t", place[0] + ":COMMUNITY_PARTY_SECRETARY").query(Long.class).single()).isEqualTo(1);

		String list = "/api/v1/training/hours-shortfalls";
		mvc.perform(get(list).param("regionCode", township).param("year", "2026").with(as("hlj-admin")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(1))
			.andExpect(jsonPath("$[0].personId").value(short1))
			.andExpect(jsonPath("$[0].required").value(10.0))
			.andExpect(jsonPath("$[0].credited").value(8.0))
			.andExpect(jsonPath("$[0].shortBy").value(2.0));
		byte[] xlsx = mvc.perform(get(list + "/export").param("regionCode", township).param("year", "2026").with(as("hlj-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (var wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			assertThat(wb.getSheetAt(0).getLastRowNum()).isEqualTo(1);
			assertThat(wb.getSheetAt(0).getRow(1).getCell(1).getStringCellValue()).isEqualTo("学时乙");
		}
		// two hours recorded by hand for a national training make up the gap
		send("hlj-admin", "POST", "/api/v1/training/external-records", "{'personId':" + short1
				+ ",'title':'全国社区书记示范培训','topic':'MASS_WORK','endDate':'2026-03-01','hours':2}")
			.andExpect(status().isCreated());
		send("hlj-admin", "POST", "/api/v1/training/external-records", "{'personId':" + short1
				+ ",'title':'负学时','topic':'MASS_WORK','endDate':'2026-03-01','hours':-2}")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("hours"));
		mvc.perform(get(list).param("regionCode", township).param("year", "2026").with(as("hlj-admin")))
			.andExpect(jsonPath("$.length()").value(0));
		mvc.perform(get("/api/v1/training/people/" + short1 + "/record").with(as("hlj-admin")))
			.andExpect(jsonPath("$.external[0].hours").value(2.0))
			.andExpect(jsonPath("$.years[?(@.year == 2026)].total").value(contains(10.0)));
		jdbc.sql("DELETE FROM training_external_record WHERE person_id = :x").param("x", short1).update();
		mvc.perform(get("/training/hours").param("region", township).param("year", "2026").with(as("hlj-admin")))
			.andExpect(status().isOk()).andExpect(content().string(containsString("学时乙")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("学时甲"))));

		// bad input changes nothing; outside the scope is refused
		send("hlj-admin", "PUT", uri, "{'regionCode':'" + township + "','post':'COMMUNITY_PARTY_SECRETARY','yearlyHours':-1}")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("yearlyHours"));
		send("harbin-admin", "PUT", uri, "{'regionCode':'" + township + "','post':'COMMUNITY_PARTY_SECRETARY','yearlyHours':1}")
			.andExpect(status().isForbidden());
		send("hlj-secretary", "PUT", uri, "{'regionCode':'" + township + "','post':'COMMUNITY_PARTY_SECRETARY','yearlyHours':1}")
			.andExpect(status().isForbidden());
		mvc.perform(post("/training/hours/requirements").with(csrf()).with(as("harbin-admin")).param("regionCode", township)
				.param("post", "COMMUNITY_PARTY_SECRETARY").param("yearlyHours", "1"))
			.andExpect(status().isForbidden());
		assertThat(jdbc.sql("SELECT yearly_hours FROM training_hours_requirement WHERE region_code = :r").param("r", place[0])
			.query(java.math.BigDecimal.class).single()).isEqualByComparingTo("10");
		mvc.perform(get(list).param("regionCode", township).param("year", "2026").with(as("harbin-admin")))
			.andExpect(status().isForbidden());
		mvc.perform(get(list + "/export").param("regionCode", township).param("year", "2026").with(as("harbin-admin")))
			.andExpect(status().isForbidden());
		mvc.perform(get(list).param("regionCode", township).param("year", "2026").with(as("hlj-secretary")))
			.andExpect(status().isForbidden());
		mvc.perform(get(list).param("regionCode", township).param("year", "1800").with(as("hlj-admin")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("year"));
	}
}
