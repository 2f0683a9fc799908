package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static cn.grassroots.training.TrainingFixtures.json;
import static cn.grassroots.training.TrainingFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import cn.grassroots.IntegrationTest;

/** Dashboards for the province, a city and a classroom: figures against a small hand-made programme, scope, XLSX, page. */
@IntegrationTest
class TrainingDashboardTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	TrainingFixtures fx;

	@BeforeEach
	void setUp() {
		fx = new TrainingFixtures(mvc, jdbc);
	}

	private ResultActions send(String account, boolean put, String uri, String body) throws Exception {
		return mvc.perform((put ? put(uri) : post(uri)).with(as(account)).contentType(MediaType.APPLICATION_JSON).content(json(body)));
	}

	private long trainee(long p, long classroom, long person, long region) {
		jdbc.sql("INSERT INTO training_enrolment (programme_id, classroom_id, person_id, person_name, region_code, status, created_at)"
				+ " VALUES (:p, :c, :x, '看板学员', :r, 'CONFIRMED', CURRENT_TIMESTAMP)")
			.param("p", p).param("c", classroom).param("x", person).param("r", region).update();
		return person;
	}

	private long session(long classroom) throws Exception {
		send("hlj-admin", false, "/api/v1/training/classrooms/" + classroom + "/plan/versions", "{}").andExpect(status().isCreated());
		return TrainingFixtures.id(send("hlj-admin", false, "/api/v1/training/classrooms/" + classroom + "/plan/sessions",
				"{'date':'2026-06-19','start':'08:00','end':'12:00','hours':7,'title':'" + unique("案例") + "','courseType':'CASE',"
						+ "'delivery':'OFFLINE'}").andReturn().getResponse().getContentAsString());
	}

	private void marks(long session, String marks) throws Exception {
		send("hlj-admin", true, "/api/v1/training/sessions/" + session + "/attendance", "{'marks':[" + marks + "]}")
			.andExpect(status().isOk());
	}

	private void score(long test, long question, long classroom, long person, String mark) {
		jdbc.sql("INSERT INTO training_submission (test_id, person_id, classroom_id, submitted_at) VALUES (:t, :x, :c, CURRENT_TIMESTAMP)")
			.param("t", test).param("x", person).param("c", classroom).update();
		long s = jdbc.sql("SELECT id FROM training_submission WHERE test_id = :t AND person_id = :x").param("t", test)
			.param("x", person).query(Long.class).single();
		jdbc.sql("INSERT INTO training_answer (submission_id, question_id, response, mark, marked_by) VALUES (:s, :q, '答', :m, 'test')")
			.param("s", s).param("q", question).param("m", new BigDecimal(mark)).update();
	}

	private long test(long p, String kind, long question) throws Exception {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		return TrainingFixtures.id(send("hlj-admin", false, "/api/v1/training/programmes/" + p + "/tests", "{'kind':'" + kind
				+ "','title':'测试','opensAt':'" + now.minusHours(1) + "','closesAt':'" + now.plusHours(1) + "','questionIds':["
				+ question + "]}").andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
	}

	@Test
	void theProvinceSeesEveryClassroomACityItsOwnWithFiguresFromAttendanceLeaveAndTests() throws Exception {
		long p = fx.programme();
		long harbin = fx.classroom(p, "BRANCH", TrainingFixtures.HARBIN);
		long qiqihar = fx.classroom(p, "BRANCH", TrainingFixtures.QIQIHAR);
		long secretary = fx.personOf("hlj-secretary");
		fx.enrolConfirmed(p, harbin, secretary);
		long a = trainee(p, harbin, 710_000_000L + p, 230100000000L);
		long b = trainee(p, harbin, 720_000_000L + p, 230100000000L);
		long c = trainee(p, qiqihar, 730_000_000L + p, 230200000000L);
		long harbinSession = session(harbin);
		long qiqiharSession = session(qiqihar);
		marks(harbinSession, "{'personId':" + secretary + ",'status':'PRESENT'},{'personId':" + a + ",'status':'LATE'},"
				+ "{'personId':" + b + ",'status':'ABSENT'}");
		marks(qiqiharSession, "{'personId':" + c + ",'status':'PRESENT'}");
		send("hlj-secretary", false, "/api/v1/training/leaves", "{'classroomId':" + harbin
				+ ",'fromDate':'2026-06-20','toDate':'2026-06-20','reason':'家中有事'}").andExpect(status().isCreated());
		long question = TrainingFixtures.id(send("hlj-admin", false, "/api/v1/training/programmes/" + p + "/questions",
				"{'kind':'SHORT','stem':'论述','answer':'要点','maxMark':10}").andReturn().getResponse().getContentAsString());
		long baseline = test(p, "BASELINE", question);
		long fin = test(p, "FINAL", question);
		score(baseline, question, harbin, secretary, "4");
		score(baseline, question, harbin, a, "6");
		score(fin, question, harbin, secretary, "8");
		score(fin, question, harbin, a, "8");
		score(fin, question, qiqihar, c, "7");

		String uri = "/api/v1/training/programmes/" + p + "/dashboard";
		String h = "$.classrooms[?(@.classroomId == " + harbin + ")]";
		mvc.perform(get(uri).with(as("hlj-admin")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.classrooms.length()").value(2))
			.andExpect(jsonPath("$.totals.confirmed").value(4))
			.andExpect(jsonPath("$.totals.marks").value(4))
			.andExpect(jsonPath("$.totals.attendanceRate").value(0.75))
			.andExpect(jsonPath("$.totals.finalMean").value(closeTo(230.0 / 3, 1e-9)))
			.andExpect(jsonPath(h + ".attendanceRate").value(contains(closeTo(2.0 / 3, 1e-9))))
			.andExpect(jsonPath(h + ".lateMarks").value(contains(1)))
			.andExpect(jsonPath(h + ".withdrawals").value(contains(1)))
			.andExpect(jsonPath(h + ".leaveRequests").value(contains(1)))
			.andExpect(jsonPath(h + ".leavePending").value(contains(1)))
			// Hake: baseline mean 50, final mean 80 over the two matched pairs: (80 - 50) / (100 - 50)
			.andExpect(jsonPath(h + ".gain.pairs").value(contains(2)))
			.andExpect(jsonPath(h + ".gain.hake").value(contains(closeTo(0.6, 1e-9))))
			.andExpect(jsonPath(h + ".planStatus").value(contains("DRAFT")))
			.andExpect(jsonPath(h + ".openFindings").value(contains(0)))
			.andExpect(jsonPath("$.classrooms[?(@.classroomId == " + qiqihar + ")].gain.pairs").value(contains(0)));
		// a city: its own classroom only, however it asks
		mvc.perform(get(uri).with(as("harbin-admin")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.classrooms.length()").value(1))
			.andExpect(jsonPath("$.classrooms[0].classroomId").value(harbin))
			.andExpect(jsonPath("$.totals.confirmed").value(3));
		mvc.perform(get(uri).param("regionCode", TrainingFixtures.QIQIHAR).with(as("harbin-admin")))
			.andExpect(status().isForbidden());
		mvc.perform(get(uri).param("regionCode", TrainingFixtures.QIQIHAR).with(as("hlj-admin")))
			.andExpect(jsonPath("$.classrooms.length()").value(1))
			.andExpect(jsonPath("$.classrooms[0].classroomId").value(qiqihar));
		// a classroom: for its officers and staff, not its trainees or another city
		mvc.perform(get("/api/v1/training/classrooms/" + harbin + "/dashboard").with(as("harbin-admin")))
			.andExpect(status().isOk()).andExpect(jsonPath("$.level").value("CLASSROOM"))
			.andExpect(jsonPath("$.totals.confirmed").value(3));
		mvc.perform(get("/api/v1/training/classrooms/" + qiqihar + "/dashboard").with(as("harbin-admin")))
			.andExpect(status().is(anyOf(is(403), is(404))));
		mvc.perform(post("/api/v1/training/classrooms/" + harbin + "/staff").with(as("hlj-admin")).contentType(MediaType.APPLICATION_JSON)
				.content(json("{'personId':" + fx.personOf("hlj-teacher") + ",'role':'HEAD_TEACHER'}"))).andExpect(status().isCreated());
		mvc.perform(get("/api/v1/training/classrooms/" + harbin + "/dashboard").with(as("hlj-teacher")))
			.andExpect(status().isOk()).andExpect(jsonPath("$.totals.withdrawals").value(1));
		mvc.perform(get("/api/v1/training/classrooms/" + qiqihar + "/dashboard").with(as("hlj-teacher")))
			.andExpect(status().is(anyOf(is(403), is(404))));
		mvc.perform(get("/api/v1/training/classrooms/" + harbin + "/dashboard").with(as("hlj-secretary")))
			.andExpect(status().is(anyOf(is(403), is(404))));
		mvc.perform(get(uri).with(as("hlj-secretary"))).andExpect(status().is(anyOf(is(403), is(404))));
		mvc.perform(get(uri).with(as("nx-admin"))).andExpect(status().is(anyOf(is(403), is(404))));
		mvc.perform(get(uri + "/export").with(as("nx-admin"))).andExpect(status().is(anyOf(is(403), is(404))));
		mvc.perform(get("/api/v1/training/classrooms/" + qiqihar + "/dashboard/export").with(as("harbin-admin")))
			.andExpect(status().is(anyOf(is(403), is(404))));

		byte[] xlsx = mvc.perform(get(uri + "/export").with(as("hlj-admin"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		try (var wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			var sheet = wb.getSheetAt(0);
			assertThat(sheet.getLastRowNum()).isEqualTo(3);
			assertThat(sheet.getRow(3).getCell(0).getStringCellValue()).isEqualTo("合计");
			assertThat(sheet.getRow(3).getCell(4).getNumericCellValue()).isEqualTo(4.0);
		}
		mvc.perform(get("/training/programmes/" + p + "/dashboard").with(as("hlj-admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("dashboard-classrooms")))
			.andExpect(content().string(containsString("echarts")))
			.andExpect(content().string(containsString("75.0%")));
		mvc.perform(get("/training/classrooms/" + harbin + "/dashboard").with(as("harbin-admin"))).andExpect(status().isOk());
		mvc.perform(get("/training/classrooms/" + qiqihar + "/dashboard").with(as("harbin-admin")))
			.andExpect(status().is(anyOf(is(403), is(404))));
		mvc.perform(get("/training/programmes/" + p + "/dashboard.xlsx").with(as("hlj-admin"))).andExpect(status().isOk());
	}
}
