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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;
import cn.grassroots.platform.security.AccountPrincipal;
import cn.grassroots.platform.security.AccountStore;
import cn.grassroots.training.internal.ClassroomRepository.Classroom;
import cn.grassroots.training.internal.ClassroomService;
import cn.grassroots.training.internal.PlanRules;
import cn.grassroots.training.internal.PlanService;
import cn.grassroots.training.internal.ProgrammeService;

/**
 * The dashboards check every current plan of a programme in one pass (a few set-based reads, the
 * rules in memory); the results must be exactly those of the per-classroom check behind
 * {@code GET /classrooms/{id}/plan/check}: for the demo programme (鹤岗's plan fails the 50% rule)
 * and for a programme whose branch plans break the relay, lecturer, room, site and hours rules.
 */
@IntegrationTest
class PlanComplianceInOnePassTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AccountStore accounts;

	@Autowired
	PlanService plans;

	@Autowired
	ClassroomService classrooms;

	@Autowired
	ProgrammeService programmes;

	TrainingFixtures fx;

	@BeforeEach
	void setUp() {
		fx = new TrainingFixtures(mvc, jdbc);
	}

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
	}

	private void actAs(String username) {
		var a = accounts.findByUsername(username).orElseThrow();
		var p = new AccountPrincipal(a.id(), a.username(), null, a.displayName(), a.personId(), true, null);
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(p, null, p.getAuthorities()));
	}

	/** Every classroom of the programme: the one-pass results equal the per-classroom check, rule by rule, detail by detail. */
	private Map<Long, PlanService.CurrentCheck> sameAsOneByOne(long programmeId) {
		actAs("hlj-admin");
		try {
			List<Classroom> list = classrooms.ofProgramme(programmeId);
			Map<Long, PlanService.CurrentCheck> batch = plans.checkCurrent(programmes.get(programmeId), list);
			for (Classroom c : list) {
				boolean hasPlan = jdbc.sql("SELECT COUNT(*) FROM training_plan WHERE classroom_id = :c").param("c", c.id())
					.query(Long.class).single() > 0;
				if (!hasPlan) {
					assertThat(batch).as(c.name()).doesNotContainKey(c.id());
					continue;
				}
				List<PlanRules.Result> oneByOne = plans.check(c.id());
				assertThat(batch.get(c.id()).results()).as(c.name()).containsExactlyElementsOf(oneByOne);
				assertThat(batch.get(c.id()).plan()).as(c.name()).isEqualTo(plans.current(c.id()));
			}
			return batch;
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	/** The dashboard API's rules failed per classroom against the plan-check API's, classroom by classroom. */
	private void dashboardAgreesWithThePlanCheckApi(long programmeId) throws Exception {
		String dash = mvc.perform(get("/api/v1/training/programmes/" + programmeId + "/dashboard").with(as("hlj-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<Number> ids = JsonPath.read(dash, "$.classrooms[*].classroomId");
		List<Integer> failed = JsonPath.read(dash, "$.classrooms[*].rulesFailed");
		List<Object> planStatus = JsonPath.read(dash, "$.classrooms[*].planStatus");
		int passing = 0;
		Map<Long, Integer> expected = new HashMap<>();
		for (int i = 0; i < ids.size(); i++) {
			long id = ids.get(i).longValue();
			if (planStatus.get(i) == null) {
				mvc.perform(get("/api/v1/training/classrooms/" + id + "/plan/check").with(as("hlj-admin")))
					.andExpect(status().isNotFound());
				expected.put(id, 0);
				continue;
			}
			String check = mvc.perform(get("/api/v1/training/classrooms/" + id + "/plan/check").with(as("hlj-admin")))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
			List<Boolean> passed = JsonPath.read(check, "$[*].passed");
			assertThat(passed).hasSize(PlanRules.ALL.size());
			int f = (int) passed.stream().filter(x -> !x).count();
			expected.put(id, f);
			if (f == 0) {
				passing++;
			}
		}
		for (int i = 0; i < ids.size(); i++) {
			assertThat(failed.get(i)).as("classroom " + ids.get(i)).isEqualTo(expected.get(ids.get(i).longValue()));
		}
		assertThat((Integer) JsonPath.read(dash, "$.plansPassingRules")).isEqualTo(passing);
		assertThat((Integer) JsonPath.read(dash, "$.totals.rulesFailed"))
			.isEqualTo(expected.values().stream().mapToInt(Integer::intValue).sum());
	}

	@Test
	void theDemoProgrammesComplianceIsTheSameAsEachClassroomsOwnCheck() throws Exception {
		long demo = jdbc.sql("SELECT id FROM training_programme WHERE name LIKE '%全省社区党组织书记常态化培训班' ORDER BY id")
			.query(Long.class).list().get(0);
		Map<Long, PlanService.CurrentCheck> batch = sameAsOneByOne(demo);
		assertThat(batch).hasSize(21);
		// 鹤岗's plan swaps a case lesson for a policy lesson: 40 % case hours
		assertThat(batch.values().stream().filter(c -> c.results().stream()
			.anyMatch(r -> r.rule().equals("CASE_SHARE") && !r.passed()))).isNotEmpty();
		dashboardAgreesWithThePlanCheckApi(demo);
	}

	private void send(String account, String uri, String body, int expected) throws Exception {
		mvc.perform(post(uri).with(as(account)).contentType(MediaType.APPLICATION_JSON).content(json(body)))
			.andExpect(status().is(expected));
	}

	private long created(String account, String uri, String body) throws Exception {
		return TrainingFixtures.id(mvc.perform(post(uri).with(as(account)).contentType(MediaType.APPLICATION_JSON)
			.content(json(body))).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
	}

	private long session(long classroom, String date, String start, String end, String hours, String title, String type,
			String delivery, String lecturer, Long room, Long site) throws Exception {
		return created("hlj-admin", "/api/v1/training/classrooms/" + classroom + "/plan/sessions",
				"{'date':'" + date + "','start':'" + start + "','end':'" + end + "','hours':" + hours + ",'title':'" + title
						+ "','courseType':'" + type + "','delivery':'" + delivery + "','lecturer':"
						+ (lecturer == null ? "null" : "'" + lecturer + "'") + ",'roomId':" + room + ",'siteId':" + site + "}");
	}

	@Test
	void aProgrammeWithFailingPlansGetsTheSameResultsInOnePass() throws Exception {
		long p = fx.programme();
		long main = fx.classroom(p, "MAIN", HLJ);
		long harbin = fx.classroom(p, "BRANCH", HARBIN);
		long qiqihar = fx.classroom(p, "BRANCH", QIQIHAR);
		fx.classroom(p, "BRANCH", HARBIN); // no plan at all
		String expert = unique("专家");
		String teacher = unique("教师");

		send("hlj-admin", "/api/v1/training/classrooms/" + main + "/plan/versions", "{}", 201);
		session(main, "2026-06-18", "08:00", "12:00", "4", "重要论述", "CASE", "LIVE_RELAY", expert, null, null);
		session(main, "2026-06-18", "14:00", "17:00", "3", "政策解读", "POLICY", "LIVE_RELAY", expert, null, null);
		session(main, "2026-06-19", "08:00", "12:00", "4", "省级案例", "CASE", "OFFLINE", teacher, null, null);

		// Harbin: carries the relay, then drops one relayed lesson; a lecturer busy in the main classroom;
		// two sessions in one room at once; an observation at a site off the approved list; too few hours
		send("hlj-admin", "/api/v1/training/classrooms/" + harbin + "/plan/versions", "{}", 201);
		long relayed = jdbc.sql("SELECT s.id FROM training_session s JOIN training_plan pl ON pl.id = s.plan_id"
				+ " WHERE pl.classroom_id = :c AND s.title = '政策解读'").param("c", harbin).query(Long.class).single();
		mvc.perform(delete("/api/v1/training/sessions/" + relayed).with(as("hlj-admin"))).andExpect(status().isNoContent());
		long room = created("hlj-admin", "/api/v1/training/classrooms/" + harbin + "/rooms",
				"{'name':'" + unique("教室") + "','capacity':100}");
		session(harbin, "2026-06-19", "08:00", "12:00", "4", "理论辅导", "THEORY", "OFFLINE", teacher, room, null);
		session(harbin, "2026-06-19", "10:00", "11:00", "1", "案例交流", "CASE", "OFFLINE", null, room, null);
		long site = created("hlj-admin", "/api/v1/training/sites", "{'name':'" + unique("观摩点")
				+ "','kind':'OBSERVATION_SITE','theme':'精细治理','regionCode':'230102','capacity':60,'approved':false}");
		session(harbin, "2026-06-20", "08:00", "12:00", "4", "社区观摩", "OBSERVATION", "FIELD", null, null, site);

		// Qiqihar: the relay and an offline case day before the live days (the order is free) — only hours short
		send("hlj-admin", "/api/v1/training/classrooms/" + qiqihar + "/plan/versions", "{}", 201);
		session(qiqihar, "2026-06-20", "08:00", "12:00", "4", "本地案例", "CASE", "OFFLINE", unique("讲师"), null, null);

		Map<Long, PlanService.CurrentCheck> batch = sameAsOneByOne(p);
		assertThat(batch).containsOnlyKeys(main, harbin, qiqihar);
		List<String> failing = batch.get(harbin).results().stream().filter(r -> !r.passed()).map(PlanRules.Result::rule).toList();
		assertThat(failing).contains("LIVE_RELAY", "LECTURER_CLASH", "ROOM_CLASH", "OBSERVATION_SITES", "TOTAL_HOURS");
		// the main classroom's plan clashes with Harbin's lecturer too, seen from its side
		assertThat(batch.get(main).results().stream().filter(r -> !r.passed()).map(PlanRules.Result::rule))
			.contains("LECTURER_CLASH");
		dashboardAgreesWithThePlanCheckApi(p);
	}
}
