package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static cn.grassroots.training.TrainingFixtures.HARBIN;
import static cn.grassroots.training.TrainingFixtures.HLJ;
import static cn.grassroots.training.TrainingFixtures.QIQIHAR;
import static cn.grassroots.training.TrainingFixtures.json;
import static cn.grassroots.training.TrainingFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;

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
class PlanApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	TrainingFixtures fx;

	@BeforeEach
	void setUp() {
		fx = new TrainingFixtures(mvc, jdbc);
	}

	private long programme() throws Exception {
		return TrainingFixtures.id(post("hlj-admin", "/api/v1/training/programmes",
				TrainingFixtures.programmeJson(unique("计划培训班"), "23", "'requiredHours':8,'liveDays':1,'dayOrder':'LIVE_FIRST'"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
	}

	private ResultActions post(String account, String uri, String body) throws Exception {
		return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(uri).with(as(account))
			.contentType(MediaType.APPLICATION_JSON).content(json(body)));
	}

	private static String session(String date, String start, String end, String hours, String title, String type,
			String delivery, String lecturer, Long roomId, Long siteId) {
		return "{'date':'" + date + "','start':'" + start + "','end':'" + end + "','hours':" + hours + ",'title':'" + title
				+ "','courseType':'" + type + "','delivery':'" + delivery + "','lecturer':"
				+ (lecturer == null ? "null" : "'" + lecturer + "'") + ",'roomId':" + roomId + ",'siteId':" + siteId + "}";
	}

	private long addSession(String account, long classroom, String body) throws Exception {
		return TrainingFixtures.id(post(account, "/api/v1/training/classrooms/" + classroom + "/plan/sessions", body)
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
	}

	private Map<String, Boolean> check(String account, long classroom) throws Exception {
		String body = mvc.perform(get("/api/v1/training/classrooms/" + classroom + "/plan/check").with(as(account)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<String> rules = JsonPath.read(body, "$[*].rule");
		List<Boolean> passed = JsonPath.read(body, "$[*].passed");
		Map<String, Boolean> m = new java.util.LinkedHashMap<>();
		for (int i = 0; i < rules.size(); i++) {
			m.put(rules.get(i), passed.get(i));
		}
		return m;
	}

	private long site(boolean approved) throws Exception {
		return TrainingFixtures.id(post("hlj-admin", "/api/v1/training/sites", "{'name':'" + unique("观摩点")
				+ "','kind':'OBSERVATION_SITE','theme':'精细治理','regionCode':'230102','capacity':60,'approved':" + approved + "}")
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
	}

	private String planStatus(long classroom) {
		return jdbc.sql("SELECT status FROM training_plan WHERE classroom_id = :c ORDER BY version_no DESC LIMIT 1")
			.param("c", classroom).query(String.class).single();
	}

	@Test
	void aBranchPlanIsCheckedSubmittedReturnedRevisedAndApproved() throws Exception {
		long p = programme();
		long main = fx.classroom(p, "MAIN", HLJ);
		long harbin = fx.classroom(p, "BRANCH", HARBIN);
		String expert = unique("中央党校专家");
		String teacher = unique("省委党校教师");

		// the main classroom: one live day, then one offline day
		post("hlj-admin", "/api/v1/training/classrooms/" + main + "/plan/versions", "{}").andExpect(status().isCreated())
			.andExpect(jsonPath("$.version").value(1)).andExpect(jsonPath("$.status").value("DRAFT"));
		addSession("hlj-admin", main, session("2026-06-18", "08:00", "12:00", "4", "基层治理重要论述", "CASE", "LIVE_RELAY", expert, null, null));
		addSession("hlj-admin", main, session("2026-06-19", "08:00", "12:00", "4", "省级政策解读", "CASE", "OFFLINE", teacher, null, null));
		assertThat(check("hlj-admin", main)).containsOnlyKeys("CASE_SHARE", "DAY_ORDER", "LIVE_RELAY",
				"OBSERVATION_SITES", "LECTURER_CLASH", "ROOM_CLASH", "TOTAL_HOURS").doesNotContainValue(false);

		// the branch's first version carries the main classroom's live session
		post("harbin-admin", "/api/v1/training/classrooms/" + harbin + "/plan/versions", "{}").andExpect(status().isCreated())
			.andExpect(jsonPath("$.sessions.length()").value(1))
			.andExpect(jsonPath("$.sessions[0].relayed").value(true))
			.andExpect(jsonPath("$.sessions[0].title").value("基层治理重要论述"));
		long room = TrainingFixtures.id(post("harbin-admin", "/api/v1/training/classrooms/" + harbin + "/rooms",
				"{'name':'" + unique("教室") + "','capacity':200}").andReturn().getResponse().getContentAsString());
		// 4 relayed case hours + 4 theory hours: exactly half, which passes; but the lecturer is busy in the main classroom
		long own = addSession("harbin-admin", harbin, session("2026-06-19", "08:00", "12:00", "4", "理论辅导", "THEORY", "OFFLINE", teacher, room, null));
		Map<String, Boolean> rules = check("harbin-admin", harbin);
		assertThat(rules).containsEntry("CASE_SHARE", true).containsEntry("LIVE_RELAY", true)
			.containsEntry("LECTURER_CLASH", false).containsEntry("TOTAL_HOURS", true);
		mvc.perform(get("/api/v1/training/classrooms/" + harbin + "/plan/check").with(as("harbin-admin")))
			.andExpect(jsonPath("$[?(@.rule == 'CASE_SHARE')].detail").value(org.hamcrest.Matchers.hasItem(
					org.hamcrest.Matchers.containsString("50.0%"))))
			.andExpect(jsonPath("$[?(@.rule == 'LECTURER_CLASH')].detail").value(org.hamcrest.Matchers.hasItem(
					org.hamcrest.Matchers.containsString(teacher))));
		post("harbin-admin", "/api/v1/training/classrooms/" + harbin + "/plan/submit", "{}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("rules"))
			.andExpect(jsonPath("$.errors[0].message").value("LECTURER_CLASH"));
		assertThat(planStatus(harbin)).isEqualTo("DRAFT");

		String cityTeacher = unique("市委党校教师");
		mvc.perform(put("/api/v1/training/sessions/" + own).with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(json(session("2026-06-19", "08:00", "12:00", "4", "理论辅导", "THEORY", "OFFLINE", cityTeacher, room, null))))
			.andExpect(status().isOk()).andExpect(jsonPath("$.lecturer").value(cityTeacher));
		// a second session in the same room at the same time; an observation at a site not on the approved list
		long clash = addSession("harbin-admin", harbin, session("2026-06-19", "10:00", "11:00", "1", "案例交流", "CASE", "OFFLINE", null, room, null));
		long observation = addSession("harbin-admin", harbin, session("2026-06-20", "08:00", "12:00", "4", "社区观摩", "OBSERVATION", "FIELD", null, null, site(false)));
		rules = check("harbin-admin", harbin);
		assertThat(rules).containsEntry("ROOM_CLASH", false).containsEntry("OBSERVATION_SITES", false)
			.containsEntry("LECTURER_CLASH", true).containsEntry("CASE_SHARE", false);
		mvc.perform(delete("/api/v1/training/sessions/" + clash).with(as("harbin-admin"))).andExpect(status().isNoContent());
		mvc.perform(put("/api/v1/training/sessions/" + observation).with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(json(session("2026-06-20", "08:00", "12:00", "4", "社区观摩", "CASE", "FIELD", null, null, site(true)))))
			.andExpect(status().isOk());
		assertThat(check("harbin-admin", harbin)).doesNotContainValue(false);
		post("harbin-admin", "/api/v1/training/classrooms/" + harbin + "/plan/submit", "{}").andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("SUBMITTED"));
		// a submitted plan is frozen
		mvc.perform(delete("/api/v1/training/sessions/" + own).with(as("harbin-admin"))).andExpect(status().isConflict());

		// the city cannot review its own plan; the province returns it, with a comment
		post("harbin-admin", "/api/v1/training/classrooms/" + harbin + "/plan/approve", "{'comment':'自批'}")
			.andExpect(status().isForbidden());
		post("hlj-admin", "/api/v1/training/classrooms/" + harbin + "/plan/return", "{'comment':' '}")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("comment"));
		assertThat(planStatus(harbin)).isEqualTo("SUBMITTED");
		post("hlj-admin", "/api/v1/training/classrooms/" + harbin + "/plan/return", "{'comment':'请增加一节政策课'}")
			.andExpect(status().isOk()).andExpect(jsonPath("$.status").value("RETURNED"))
			.andExpect(jsonPath("$.reviewComment").value("请增加一节政策课"));
		assertThat(fx.audits("TRAINING_PLAN_RETURN", harbin)).isEqualTo(1);

		// version 2: a copy, revised
		post("harbin-admin", "/api/v1/training/classrooms/" + harbin + "/plan/versions", "{}").andExpect(status().isCreated())
			.andExpect(jsonPath("$.version").value(2)).andExpect(jsonPath("$.sessions.length()").value(3));
		String v2 = mvc.perform(get("/api/v1/training/classrooms/" + harbin + "/plan").with(as("harbin-admin")))
			.andReturn().getResponse().getContentAsString();
		int ownV2 = JsonPath.<List<Integer>>read(v2, "$.sessions[?(@.title == '理论辅导')].id").get(0);
		mvc.perform(put("/api/v1/training/sessions/" + ownV2).with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(json(session("2026-06-19", "08:00", "12:00", "4", "理论辅导（修订）", "THEORY", "OFFLINE", cityTeacher, room, null))))
			.andExpect(status().isOk());
		// the version 1 session itself can no longer be changed
		mvc.perform(put("/api/v1/training/sessions/" + own).with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(json(session("2026-06-19", "08:00", "12:00", "4", "改旧版", "THEORY", "OFFLINE", cityTeacher, room, null))))
			.andExpect(status().isConflict());
		addSession("harbin-admin", harbin, session("2026-06-21", "08:00", "12:00", "4", "政策课", "CASE", "OFFLINE", null, null, null));
		String compared = mvc.perform(get("/api/v1/training/classrooms/" + harbin + "/plan/compare").param("left", "1")
			.param("right", "2").with(as("harbin-admin"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<List<String>>read(compared, "$[*].change")).containsExactly("UNCHANGED", "CHANGED", "UNCHANGED", "ADDED");
		assertThat((String) JsonPath.read(compared, "$[1].left.title")).isEqualTo("理论辅导");
		assertThat((String) JsonPath.read(compared, "$[1].right.title")).isEqualTo("理论辅导（修订）");
		post("harbin-admin", "/api/v1/training/classrooms/" + harbin + "/plan/submit", "{}").andExpect(status().isOk());
		post("hlj-admin", "/api/v1/training/classrooms/" + harbin + "/plan/approve", "{}").andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("APPROVED")).andExpect(jsonPath("$.reviewedBy").value("hlj-admin"));
		mvc.perform(get("/api/v1/training/classrooms/" + harbin + "/plan/versions").with(as("harbin-admin")))
			.andExpect(jsonPath("$[*].status").value(org.hamcrest.Matchers.contains("RETURNED", "APPROVED")));
		mvc.perform(get("/api/v1/training/classrooms/" + harbin + "/plan").param("version", "1").with(as("harbin-admin")))
			.andExpect(jsonPath("$.sessions[?(@.title == '理论辅导')]").exists());
	}

	@Test
	void aCityCannotReadOrChangeAnotherCitysPlan() throws Exception {
		long p = programme();
		long harbin = fx.classroom(p, "BRANCH", HARBIN);
		long qiqihar = fx.classroom(p, "BRANCH", QIQIHAR);
		post("hlj-admin", "/api/v1/training/classrooms/" + qiqihar + "/plan/versions", "{}").andExpect(status().isCreated());
		long s = addSession("hlj-admin", qiqihar, session("2026-06-19", "08:00", "12:00", "4", "齐市案例", "CASE", "OFFLINE", null, null, null));

		mvc.perform(get("/api/v1/training/classrooms/" + qiqihar + "/plan/check").with(as("harbin-admin"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/training/classrooms/" + qiqihar + "/plan").with(as("harbin-admin"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/training/classrooms/" + qiqihar + "/plan/check").with(as("nx-admin"))).andExpect(status().isForbidden());
		post("harbin-admin", "/api/v1/training/classrooms/" + qiqihar + "/plan/sessions",
				session("2026-06-19", "13:00", "14:00", "1", "插入", "CASE", "OFFLINE", null, null, null)).andExpect(status().isForbidden());
		mvc.perform(put("/api/v1/training/sessions/" + s).with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(json(session("2026-06-19", "08:00", "12:00", "4", "篡改", "CASE", "OFFLINE", null, null, null))))
			.andExpect(status().isForbidden());
		mvc.perform(delete("/api/v1/training/sessions/" + s).with(as("harbin-admin"))).andExpect(status().isForbidden());
		post("harbin-admin", "/api/v1/training/classrooms/" + qiqihar + "/plan/submit", "{}").andExpect(status().isForbidden());
		post("harbin-admin", "/api/v1/training/classrooms/" + qiqihar + "/plan/relay", "{}").andExpect(status().isForbidden());
		assertThat(jdbc.sql("SELECT title FROM training_session WHERE id = :id").param("id", s).query(String.class).single())
			.isEqualTo("齐市案例");
		assertThat(fx.count("SELECT COUNT(*) FROM training_session ts JOIN training_plan tp ON tp.id = ts.plan_id"
				+ " WHERE tp.classroom_id = :id", qiqihar)).isEqualTo(1);
		assertThat(planStatus(qiqihar)).isEqualTo("DRAFT");
		// no plan yet is a 404 for whoever may see the classroom
		mvc.perform(get("/api/v1/training/classrooms/" + harbin + "/plan/check").with(as("harbin-admin"))).andExpect(status().isNotFound());
	}

	@Test
	void theHeadTeacherEditsTheClassroomsPlanAndLiveSessionsAreRelayedLater() throws Exception {
		long p = programme();
		long main = fx.classroom(p, "MAIN", HLJ);
		long harbin = fx.classroom(p, "BRANCH", HARBIN);
		post("hlj-admin", "/api/v1/training/classrooms/" + harbin + "/staff",
				"{'personId':" + fx.personOf("hlj-teacher") + ",'role':'HEAD_TEACHER'}").andExpect(status().isCreated());
		// the branch plans before the main classroom has a plan: nothing to relay yet
		post("hlj-teacher", "/api/v1/training/classrooms/" + harbin + "/plan/versions", "{}").andExpect(status().isCreated())
			.andExpect(jsonPath("$.sessions.length()").value(0)).andExpect(jsonPath("$.canEdit").value(true))
			.andExpect(jsonPath("$.canReview").value(false));
		addSession("hlj-teacher", harbin, session("2026-06-19", "08:00", "12:00", "4", "案例教学", "CASE", "OFFLINE", null, null, null));
		post("hlj-teacher", "/api/v1/training/classrooms/" + harbin + "/plan/versions", "{}").andExpect(status().isConflict());
		// the head teacher does not edit the main classroom
		post("hlj-teacher", "/api/v1/training/classrooms/" + main + "/plan/versions", "{}").andExpect(status().isForbidden());

		post("hlj-admin", "/api/v1/training/classrooms/" + main + "/plan/versions", "{}").andExpect(status().isCreated());
		addSession("hlj-admin", main, session("2026-06-18", "08:00", "12:00", "4", "直播一", "THEORY", "LIVE_RELAY", null, null, null));
		addSession("hlj-admin", main, session("2026-06-18", "14:00", "17:00", "3", "直播二", "CASE", "LIVE_RELAY", null, null, null));
		assertThat(check("hlj-teacher", harbin)).containsEntry("LIVE_RELAY", false);
		post("hlj-teacher", "/api/v1/training/classrooms/" + harbin + "/plan/relay", "{}").andExpect(status().isOk())
			.andExpect(jsonPath("$.added").value(2));
		post("hlj-teacher", "/api/v1/training/classrooms/" + harbin + "/plan/relay", "{}").andExpect(jsonPath("$.added").value(0));
		assertThat(check("hlj-teacher", harbin)).containsEntry("LIVE_RELAY", true).containsEntry("DAY_ORDER", true);
		post("hlj-admin", "/api/v1/training/classrooms/" + main + "/plan/relay", "{}").andExpect(status().isBadRequest());
		// bad session input: field by field, nothing written
		post("hlj-teacher", "/api/v1/training/classrooms/" + harbin + "/plan/sessions",
				"{'date':'2027-01-01','start':'12:00','end':'08:00','hours':0,'title':'','roomId':123456789,'siteId':123456789}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("date", "end", "hours",
					"title", "courseType", "delivery", "roomId", "siteId")));
		assertThat(fx.count("SELECT COUNT(*) FROM training_session ts JOIN training_plan tp ON tp.id = ts.plan_id"
				+ " WHERE tp.classroom_id = :id", harbin)).isEqualTo(3);
	}
}
