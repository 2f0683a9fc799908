package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static cn.grassroots.training.TrainingFixtures.json;
import static cn.grassroots.training.TrainingFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;

@IntegrationTest
class AttendanceApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	TrainingFixtures fx;

	@BeforeEach
	void setUp() {
		fx = new TrainingFixtures(mvc, jdbc);
	}

	private ResultActions post(String account, String uri, String body) throws Exception {
		return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(uri).with(as(account))
			.contentType(MediaType.APPLICATION_JSON).content(json(body)));
	}

	private long session(long classroom, LocalDate day, String start, String end, String hours) throws Exception {
		return TrainingFixtures.id(post("hlj-teacher", "/api/v1/training/classrooms/" + classroom + "/plan/sessions",
				"{'date':'" + day + "','start':'" + start + "','end':'" + end + "','hours':" + hours + ",'title':'" + unique("课")
						+ "','courseType':'CASE','delivery':'OFFLINE'}")
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
	}

	private String code(String account, long session) throws Exception {
		return JsonPath.read(mvc.perform(get("/api/v1/training/sessions/" + session + "/code").with(as(account)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), "$.code");
	}

	private String attendanceStatus(long session, long person) {
		return jdbc.sql("SELECT status FROM training_attendance WHERE session_id = :s AND person_id = :p")
			.param("s", session).param("p", person).query(String.class).optional().orElse(null);
	}

	@Test
	void checkInByCodeRosterMarkingLeaveAndTheOneSeventhRule() throws Exception {
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		long p = TrainingFixtures.id(post("hlj-admin", "/api/v1/training/programmes", "{'name':'" + unique("考勤培训班")
				+ "','year':" + today.getYear() + ",'sponsorName':'省委组织部','sponsorRegionCode':'23','startDate':'" + today
				+ "','endDate':'" + today.plusDays(4) + "','requiredHours':8,'targetPosts':['COMMUNITY_PARTY_SECRETARY'],"
				+ "'topics':['MASS_WORK'],'lateAfterMinutes':0}")
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
		long classroom = fx.classroom(p, "BRANCH", TrainingFixtures.HARBIN);
		long secretary = fx.personOf("hlj-secretary");
		post("hlj-admin", "/api/v1/training/classrooms/" + classroom + "/staff",
				"{'personId':" + fx.personOf("hlj-teacher") + ",'role':'HEAD_TEACHER'}").andExpect(status().isCreated());
		fx.enrolConfirmed(p, classroom, secretary);
		post("hlj-teacher", "/api/v1/training/classrooms/" + classroom + "/plan/versions", "{}").andExpect(status().isCreated());
		// 28 hours: 1/7 is 4 hours
		long started = session(classroom, today, "00:00", "04:00", "4");
		long tomorrow = session(classroom, today.plusDays(1), "08:00", "12:00", "4");
		long third = session(classroom, today.plusDays(2), "08:00", "12:00", "4");
		long fourth = session(classroom, today.plusDays(3), "08:00", "12:00", "4");
		session(classroom, today.plusDays(3), "14:00", "18:00", "4");
		session(classroom, today.plusDays(4), "08:00", "12:00", "4");
		session(classroom, today.plusDays(4), "14:00", "18:00", "4");

		// the rotating code: shown by the head teacher, not by the trainee
		mvc.perform(get("/api/v1/training/sessions/" + started + "/code").with(as("hlj-secretary"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/training/sessions/" + started + "/code").with(as("nx-admin"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/training/sessions/" + started + "/qr").with(as("hlj-teacher"))).andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.IMAGE_PNG));
		String now = code("hlj-teacher", started);
		String wrong = now.equals("00000000") ? "11111111" : "00000000";
		post("hlj-secretary", "/api/v1/training/check-ins", "{'sessionId':" + started + ",'code':'" + wrong + "'}")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("code"));
		post("hlj-secretary", "/api/v1/training/check-ins", "{'sessionId':" + started + ",'code':'" + code("hlj-teacher", tomorrow) + "'}")
			.andExpect(status().isBadRequest());
		assertThat(attendanceStatus(started, secretary)).isNull();
		// someone not enrolled cannot use a valid code
		post("hlj-grid", "/api/v1/training/check-ins", "{'sessionId':" + started + ",'code':'" + code("hlj-teacher", started) + "'}")
			.andExpect(status().isForbidden());
		// after the start (and 0 minutes' grace): late; before the start: present
		post("hlj-secretary", "/api/v1/training/check-ins", "{'sessionId':" + started + ",'code':'" + code("hlj-teacher", started) + "'}")
			.andExpect(status().isOk()).andExpect(jsonPath("$.status").value("LATE"));
		post("hlj-secretary", "/api/v1/training/check-ins", "{'sessionId':" + tomorrow + ",'code':'" + code("hlj-teacher", tomorrow) + "'}")
			.andExpect(status().isOk()).andExpect(jsonPath("$.status").value("PRESENT"));
		assertThat(attendanceStatus(started, secretary)).isEqualTo("LATE");

		// roster marking by the head teacher
		mvc.perform(put("/api/v1/training/sessions/" + third + "/attendance").with(as("harbin-admin"))
			.contentType(MediaType.APPLICATION_JSON).content(json("{'marks':[{'personId':" + secretary + ",'status':'ABSENT'}]}")))
			.andExpect(status().isOk());
		mvc.perform(put("/api/v1/training/sessions/" + third + "/attendance").with(as("nx-admin"))
			.contentType(MediaType.APPLICATION_JSON).content(json("{'marks':[{'personId':" + secretary + ",'status':'PRESENT'}]}")))
			.andExpect(status().isForbidden());
		mvc.perform(put("/api/v1/training/sessions/" + third + "/attendance").with(as("hlj-teacher"))
			.contentType(MediaType.APPLICATION_JSON).content(json("{'marks':[{'personId':" + secretary + ",'status':'PRESENT'},"
					+ "{'personId':987654321,'status':'ABSENT'}]}")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("marks[1].personId"));
		assertThat(attendanceStatus(third, secretary)).isEqualTo("ABSENT");
		mvc.perform(get("/api/v1/training/classrooms/" + classroom + "/attendance").with(as("hlj-teacher")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].personId").value(secretary))
			.andExpect(jsonPath("$[0].attendedHours").value(8.0))
			.andExpect(jsonPath("$[0].missedHours").value(4.0))
			.andExpect(jsonPath("$[0].planHours").value(28.0))
			.andExpect(jsonPath("$[0].missedShare").value(0.1429))
			.andExpect(jsonPath("$[0].withdrawal").value(false));
		mvc.perform(get("/api/v1/training/classrooms/" + classroom + "/attendance").with(as("nx-admin")))
			.andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/training/classrooms/" + classroom + "/attendance").with(as("hlj-secretary")))
			.andExpect(status().isForbidden());

		// leave for the fourth day, approved: its sessions become excused and the missed hours pass 1/7
		String leave = post("hlj-secretary", "/api/v1/training/leaves", "{'classroomId':" + classroom + ",'fromDate':'"
				+ today.plusDays(3) + "','toDate':'" + today.plusDays(3) + "','reason':'家中有事'}")
			.andExpect(status().isCreated()).andExpect(jsonPath("$.status").value("PENDING")).andReturn().getResponse()
			.getContentAsString();
		long leaveId = TrainingFixtures.id(leave);
		post("hlj-grid", "/api/v1/training/leaves", "{'classroomId':" + classroom + ",'fromDate':'" + today
				+ "','toDate':'" + today + "','reason':'冒名'}").andExpect(status().isForbidden());
		post("hlj-secretary", "/api/v1/training/leaves/" + leaveId + "/decision", "{'approve':true}").andExpect(status().isForbidden());
		post("hlj-teacher", "/api/v1/training/leaves/" + leaveId + "/decision", "{'approve':true,'note':'同意'}")
			.andExpect(status().isOk()).andExpect(jsonPath("$.status").value("APPROVED"));
		post("hlj-teacher", "/api/v1/training/leaves/" + leaveId + "/decision", "{'approve':false}").andExpect(status().isConflict());
		assertThat(attendanceStatus(fourth, secretary)).isEqualTo("EXCUSED");
		mvc.perform(get("/api/v1/training/classrooms/" + classroom + "/attendance").with(as("harbin-admin")))
			.andExpect(jsonPath("$[0].missedHours").value(12.0))
			.andExpect(jsonPath("$[0].withdrawal").value(true));
		mvc.perform(get("/api/v1/training/classrooms/" + classroom + "/leaves").with(as("hlj-secretary")))
			.andExpect(jsonPath("$[0].decidedBy").value("hlj-teacher"));
		assertThat(fx.audits("TRAINING_LEAVE_APPROVE", leaveId)).isEqualTo(1);
	}
}
