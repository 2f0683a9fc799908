package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static cn.grassroots.training.TrainingFixtures.json;
import static cn.grassroots.training.TrainingFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
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
 * 评教 only for attended sessions, once each, with results per lecturer, course type and classroom;
 * symposiums with participants and guarded minutes; supervision teams visit classrooms, record
 * findings, and each finding is rectified until the team closes it; all within scope.
 */
@IntegrationTest
class EvaluationSymposiumSupervisionTests {

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

	private ResultActions put(String account, String uri, String body) throws Exception {
		return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put(uri).with(as(account))
			.contentType(MediaType.APPLICATION_JSON).content(json(body)));
	}

	private static long id(ResultActions r) throws Exception {
		return TrainingFixtures.id(r.andReturn().getResponse().getContentAsString());
	}

	private long session(long classroom, String start, String end, String type) throws Exception {
		return id(post("hlj-admin", "/api/v1/training/classrooms/" + classroom + "/plan/sessions", "{'date':'2026-06-19','start':'"
				+ start + "','end':'" + end + "','hours':2,'title':'" + unique("课") + "','courseType':'" + type
				+ "','delivery':'OFFLINE'}").andExpect(status().isCreated()));
	}

	@Test
	void traineesRateAttendedSessionsOnceAndOfficersReadTheResultsByLecturerCourseTypeAndClassroom() throws Exception {
		long p = fx.programme();
		long classroom = fx.classroom(p, "BRANCH", TrainingFixtures.HARBIN);
		long secretary = fx.personOf("hlj-secretary");
		fx.enrolConfirmed(p, classroom, secretary);
		post("hlj-admin", "/api/v1/training/classrooms/" + classroom + "/plan/versions", "{}").andExpect(status().isCreated());
		long caseLesson = session(classroom, "08:00", "10:00", "CASE");
		long theory = session(classroom, "10:00", "12:00", "THEORY");
		long lecturer = id(post("hlj-admin", "/api/v1/training/lecturers", "{'name':'" + unique("评").substring(0, 8)
				+ "','kind':'DISCIPLINE_OFFICER','regionCode':'23','topics':['DISCIPLINE']}").andExpect(status().isCreated()));
		put("hlj-admin", "/api/v1/training/sessions/" + caseLesson + "/links", "{'lecturerId':" + lecturer + "}")
			.andExpect(status().isOk());
		String rating = "{'content':5,'method':4,'usefulness':5,'lecturer':4,'comment':'案例鲜活'}";
		// not attended yet
		post("hlj-secretary", "/api/v1/training/sessions/" + caseLesson + "/evaluation", rating)
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("sessionId"));
		put("hlj-admin", "/api/v1/training/sessions/" + caseLesson + "/attendance",
				"{'marks':[{'personId':" + secretary + ",'status':'LATE'}]}").andExpect(status().isOk());
		put("hlj-admin", "/api/v1/training/sessions/" + theory + "/attendance",
				"{'marks':[{'personId':" + secretary + ",'status':'ABSENT'}]}").andExpect(status().isOk());
		post("hlj-secretary", "/api/v1/training/sessions/" + theory + "/evaluation", rating).andExpect(status().isBadRequest());
		// someone not enrolled cannot rate; scales are 1–5
		post("hlj-grid", "/api/v1/training/sessions/" + caseLesson + "/evaluation", rating).andExpect(status().isForbidden());
		post("hlj-secretary", "/api/v1/training/sessions/" + caseLesson + "/evaluation",
				"{'content':6,'method':0,'usefulness':3,'lecturer':3}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("content", "method")));
		post("hlj-secretary", "/api/v1/training/sessions/" + caseLesson + "/evaluation", rating)
			.andExpect(status().isCreated()).andExpect(jsonPath("$.lecturerId").value(lecturer));
		post("hlj-secretary", "/api/v1/training/sessions/" + caseLesson + "/evaluation", rating).andExpect(status().isConflict());
		mvc.perform(get("/api/v1/training/my/evaluations").with(as("hlj-secretary")))
			.andExpect(jsonPath("$[?(@.sessionId == " + caseLesson + ")].rated").value(org.hamcrest.Matchers.contains(true)));

		mvc.perform(get("/api/v1/training/programmes/" + p + "/evaluations").param("by", "LECTURER").with(as("harbin-admin")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].key").value(Long.toString(lecturer)))
			.andExpect(jsonPath("$[0].ratings").value(1))
			.andExpect(jsonPath("$[0].lecturer").value(4.0))
			.andExpect(jsonPath("$[0].overall").value(4.5));
		mvc.perform(get("/api/v1/training/programmes/" + p + "/evaluations").param("by", "COURSE_TYPE").with(as("hlj-admin")))
			.andExpect(jsonPath("$[0].key").value("CASE"));
		mvc.perform(get("/api/v1/training/programmes/" + p + "/evaluations").param("by", "CLASSROOM").with(as("hlj-admin")))
			.andExpect(jsonPath("$[0].key").value(Long.toString(classroom)));
		// a trainee does not read everyone's ratings; Ningxia does not see the programme
		mvc.perform(get("/api/v1/training/programmes/" + p + "/evaluations").with(as("hlj-secretary")))
			.andExpect(jsonPath("$.length()").value(0));
		mvc.perform(get("/api/v1/training/programmes/" + p + "/evaluations").with(as("nx-admin")))
			.andExpect(status().isForbidden());
		// the lecturer list shows the rating where lecturers are chosen next cycle
		mvc.perform(get("/api/v1/training/lecturers/" + lecturer).with(as("hlj-admin")))
			.andExpect(jsonPath("$.lecturer.meanScore").value(4.0)).andExpect(jsonPath("$.lecturer.ratings").value(1));
		assertThat(fx.audits("TRAINING_EVALUATION_SUBMIT", caseLesson)).isEqualTo(1);
	}

	@Test
	void symposiumsKeepParticipantsAndMinutesWithinTheClassroomsScope() throws Exception {
		long p = fx.programme();
		long classroom = fx.classroom(p, "BRANCH", TrainingFixtures.HARBIN);
		long symposium = id(post("harbin-admin", "/api/v1/training/classrooms/" + classroom + "/symposiums",
				"{'title':'学员座谈会','heldOn':'2026-06-22','place':'市委党校第一会议室'}").andExpect(status().isCreated()));
		post("nx-admin", "/api/v1/training/classrooms/" + classroom + "/symposiums", "{'title':'x','heldOn':'2026-06-22'}")
			.andExpect(status().isForbidden());
		post("harbin-admin", "/api/v1/training/symposiums/" + symposium + "/participants",
				"{'personId':" + fx.personOf("hlj-secretary") + "}").andExpect(status().isCreated())
			.andExpect(jsonPath("$.name").value("李淑珍"));
		post("harbin-admin", "/api/v1/training/symposiums/" + symposium + "/participants",
				"{'personId':" + fx.personOf("hlj-secretary") + "}").andExpect(status().isBadRequest());
		post("harbin-admin", "/api/v1/training/symposiums/" + symposium + "/participants", "{'name':'王教授','unitName':'省委党校'}")
			.andExpect(status().isCreated());
		put("harbin-admin", "/api/v1/training/symposiums/" + symposium + "/minutes", "{'minutes':'学员建议增加案例课','version':0}")
			.andExpect(status().isOk()).andExpect(jsonPath("$.version").value(1));
		put("harbin-admin", "/api/v1/training/symposiums/" + symposium + "/minutes", "{'minutes':'旧稿覆盖','version':0}")
			.andExpect(status().isConflict());
		mvc.perform(get("/api/v1/training/symposiums/" + symposium).with(as("hlj-admin"))).andExpect(status().isOk())
			.andExpect(jsonPath("$.minutes").value("学员建议增加案例课"))
			.andExpect(jsonPath("$.participants.length()").value(2));
		mvc.perform(get("/api/v1/training/symposiums/" + symposium).with(as("nx-admin"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/training/classrooms/" + classroom + "/symposiums").with(as("hlj-grid")))
			.andExpect(status().isForbidden());
		assertThat(fx.audits("TRAINING_SYMPOSIUM_MINUTES", symposium)).isEqualTo(1);
	}

	@Test
	void aTeamVisitsAClassroomAndEachFindingIsRectifiedUntilClosed() throws Exception {
		long p = fx.programme();
		long harbin = fx.classroom(p, "BRANCH", TrainingFixtures.HARBIN);
		long qiqihar = fx.classroom(p, "BRANCH", TrainingFixtures.QIQIHAR);
		long teacher = fx.personOf("hlj-teacher");
		String teamName = unique("第一督学组");
		post("harbin-admin", "/api/v1/training/programmes/" + p + "/supervision/teams",
				"{'name':'x','memberPersonIds':[" + teacher + "]}").andExpect(status().isForbidden());
		long team = id(post("hlj-admin", "/api/v1/training/programmes/" + p + "/supervision/teams",
				"{'name':'" + teamName + "','memberPersonIds':[" + teacher + "],'leaderPersonId':" + teacher + "}")
			.andExpect(status().isCreated()).andExpect(jsonPath("$.members[0].leader").value(true)));
		// a team member (not an officer) records the visit and its findings
		long visit = id(post("hlj-teacher", "/api/v1/training/programmes/" + p + "/supervision/visits",
				"{'teamId':" + team + ",'classroomId':" + harbin + ",'visitedOn':'2026-06-20','summary':'抽查考勤与封闭管理'}")
			.andExpect(status().isCreated()));
		post("hlj-grid", "/api/v1/training/programmes/" + p + "/supervision/visits",
				"{'teamId':" + team + ",'classroomId':" + harbin + ",'visitedOn':'2026-06-20'}").andExpect(status().isForbidden());
		long qVisit = id(post("hlj-admin", "/api/v1/training/programmes/" + p + "/supervision/visits",
				"{'teamId':" + team + ",'classroomId':" + qiqihar + ",'visitedOn':'2026-06-21'}").andExpect(status().isCreated()));
		long finding = id(post("hlj-teacher", "/api/v1/training/supervision/visits/" + visit + "/findings",
				"{'description':'请假审批记录不全','deadline':'2026-07-20'}").andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("OPEN")));
		post("hlj-teacher", "/api/v1/training/supervision/visits/" + visit + "/findings",
				"{'description':'早于来访','deadline':'2026-01-01'}")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("deadline"));
		long qFinding = id(post("hlj-admin", "/api/v1/training/supervision/visits/" + qVisit + "/findings",
				"{'description':'案例课不足','deadline':'2026-07-20'}").andExpect(status().isCreated()));
		mvc.perform(get("/api/v1/training/programmes/" + p + "/supervision/open-findings").with(as("hlj-admin")))
			.andExpect(jsonPath("$.open").value(2));
		// Harbin sees its own classroom's finding only
		mvc.perform(get("/api/v1/training/programmes/" + p + "/supervision/open-findings").with(as("harbin-admin")))
			.andExpect(jsonPath("$.open").value(1));
		mvc.perform(get("/api/v1/training/supervision/findings/" + qFinding).with(as("harbin-admin")))
			.andExpect(status().isForbidden());
		// the programme dashboard counts them per classroom
		String dashboard = "/api/v1/training/programmes/" + p + "/dashboard";
		mvc.perform(get(dashboard).with(as("hlj-admin")))
			.andExpect(jsonPath("$.classrooms[?(@.classroomId == " + harbin + ")].openFindings")
				.value(org.hamcrest.Matchers.contains(1)))
			.andExpect(jsonPath("$.classrooms[?(@.classroomId == " + qiqihar + ")].openFindings")
				.value(org.hamcrest.Matchers.contains(1)));
		mvc.perform(get("/api/v1/training/supervision/visits/" + visit).with(as("nx-admin"))).andExpect(status().isForbidden());

		// closing before rectification is refused; the classroom reports; the team sends it back, then accepts
		post("hlj-teacher", "/api/v1/training/supervision/findings/" + finding + "/review", "{'accept':true,'note':'好'}")
			.andExpect(status().isConflict());
		post("hlj-teacher", "/api/v1/training/supervision/findings/" + finding + "/rectification", "{'note':'已补'}")
			.andExpect(status().isForbidden());
		post("harbin-admin", "/api/v1/training/supervision/findings/" + finding + "/rectification", "{'note':'已补齐审批单'}")
			.andExpect(status().isOk()).andExpect(jsonPath("$.status").value("RECTIFIED"));
		post("harbin-admin", "/api/v1/training/supervision/findings/" + finding + "/review", "{'accept':true,'note':'自己验收'}")
			.andExpect(status().isForbidden());
		post("hlj-teacher", "/api/v1/training/supervision/findings/" + finding + "/review", "{'accept':false,'note':'缺签字'}")
			.andExpect(status().isOk()).andExpect(jsonPath("$.status").value("OPEN"));
		post("harbin-admin", "/api/v1/training/supervision/findings/" + finding + "/rectification", "{'note':'已补签字'}")
			.andExpect(status().isOk());
		String closed = post("hlj-teacher", "/api/v1/training/supervision/findings/" + finding + "/review",
				"{'accept':true,'note':'整改到位'}")
			.andExpect(status().isOk()).andExpect(jsonPath("$.status").value("CLOSED"))
			.andExpect(jsonPath("$.closedBy").value("hlj-teacher")).andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<List<String>>read(closed, "$.steps[*].step"))
			.containsExactly("FOUND", "REPORTED", "RETURNED", "REPORTED", "CLOSED");
		mvc.perform(get(dashboard).with(as("hlj-admin")))
			.andExpect(jsonPath("$.classrooms[?(@.classroomId == " + harbin + ")].openFindings")
				.value(org.hamcrest.Matchers.contains(0)));
		mvc.perform(get("/api/v1/training/programmes/" + p + "/supervision/open-findings").with(as("hlj-admin")))
			.andExpect(jsonPath("$.open").value(1));
		mvc.perform(get("/api/v1/training/programmes/" + p + "/supervision/findings").param("status", "CLOSED")
			.with(as("harbin-admin"))).andExpect(jsonPath("$[*].id").value(org.hamcrest.Matchers.contains((int) finding)));
		assertThat(fx.audits("TRAINING_SUPERVISION_FINDING_CLOSED", finding)).isEqualTo(1);
	}
}
