package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static cn.grassroots.training.TrainingFixtures.json;
import static cn.grassroots.training.TrainingFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
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

/**
 * Duplicate-training control on a small fixed history, each finding worked out by hand:
 * the programme checked is Harbin's (CITY), 2026-06-18..22, topic GRASSROOTS_GOVERNANCE, window 365 days, limit 2.
 */
@IntegrationTest
class EnrolmentApiTests {

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

	private long programme(String account, String sponsor, String start, String end, String topics) throws Exception {
		return TrainingFixtures.id(post(account, "/api/v1/training/programmes", "{'name':'" + unique("班") + "','year':"
				+ start.substring(0, 4) + ",'sponsorName':'组织部','sponsorRegionCode':'" + sponsor + "','startDate':'" + start
				+ "','endDate':'" + end + "','requiredHours':8,'targetPosts':['COMMUNITY_PARTY_SECRETARY'],'topics':[" + topics + "]}")
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
	}

	private long secretary(long village) throws Exception {
		long id = TrainingFixtures.id(post("hlj-admin", "/api/v1/people", "{'name':'" + unique("书记").substring(0, 8)
				+ "','regionCode':'" + village + "'}").andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
		post("hlj-admin", "/api/v1/people/" + id + "/posts", "{'post':'COMMUNITY_PARTY_SECRETARY','regionCode':'" + village
				+ "','startDate':'2024-01-01'}").andExpect(status().isCreated());
		return id;
	}

	/** An earlier enrolment, written straight into the module's own table. */
	private void earlier(long programme, long classroom, long person, String status) {
		jdbc.sql("""
				INSERT INTO training_enrolment (programme_id, classroom_id, person_id, person_name, region_code, status, created_at)
				VALUES (:p, :c, :person, '历史学员', 230100000000, :s, CURRENT_TIMESTAMP)""")
			.param("p", programme).param("c", classroom).param("person", person).param("s", status).update();
	}

	private List<String> findings(String body) {
		List<String> out = new ArrayList<>();
		List<Map<String, Object>> rows = JsonPath.read(body, "$");
		for (Map<String, Object> r : rows) {
			out.add(r.get("personId") + " " + r.get("finding") + " " + r.get("earlierProgrammeId"));
		}
		return out;
	}

	private String enrolmentStatus(long programme, long person) {
		return jdbc.sql("SELECT status FROM training_enrolment WHERE programme_id = :p AND person_id = :person")
			.param("p", programme).param("person", person).query(String.class).single();
	}

	@Test
	void findingsOnAFixedHistoryAndTheOfficersDecisions() throws Exception {
		long village = jdbc.sql("SELECT code FROM region WHERE level = 'VILLAGE' AND code BETWEEN 230100000000 AND 230199999999"
				+ " ORDER BY code DESC LIMIT 1 OFFSET 300").query(Long.class).single();
		long a = secretary(village), b = secretary(village), c = secretary(village), d = secretary(village),
				e = secretary(village), f = secretary(village);
		String gg = "'GRASSROOTS_GOVERNANCE'";
		long q1 = programme("hlj-admin", "2301", "2026-03-01", "2026-03-05", gg); // city, same topic, in window
		long q2 = programme("hlj-admin", "23", "2026-04-01", "2026-04-03", gg); // province: higher
		long q3 = programme("hlj-admin", "230102", "2025-01-10", "2025-01-12", gg); // ended 522 days before: outside
		long q4 = programme("hlj-admin", "23", "2026-02-01", "2026-02-02", "'DISCIPLINE'"); // other topic
		long q5 = programme("hlj-admin", "23", "2026-05-01", "2026-05-02", "'DISCIPLINE'");
		long q6 = programme("hlj-admin", "23", "2026-05-10", "2026-05-12", gg); // province, same topic, but excused
		Map<Long, Long> room = new java.util.HashMap<>();
		for (long q : List.of(q1, q2, q3, q4, q5, q6)) {
			room.put(q, fx.classroom(q, "BRANCH", q == q3 ? "230102000000" : "230100000000"));
		}
		earlier(q1, room.get(q1), a, "CONFIRMED");
		earlier(q2, room.get(q2), b, "CONFIRMED");
		earlier(q3, room.get(q3), c, "CONFIRMED");
		earlier(q4, room.get(q4), d, "CONFIRMED");
		earlier(q5, room.get(q5), d, "CONFIRMED");
		earlier(q6, room.get(q6), f, "EXCUSED");
		post("hlj-admin", "/api/v1/training/external-records", "{'personId':" + e + ",'title':'全国社区书记示范培训',"
				+ "'topic':'GRASSROOTS_GOVERNANCE','endDate':'2026-01-15'}").andExpect(status().isCreated());

		long p = programme("harbin-admin", "2301", "2026-06-18", "2026-06-22", gg);
		long classroom = fx.classroom("harbin-admin", p, "BRANCH", "230100000000");
		String checked = post("harbin-admin", "/api/v1/training/programmes/" + p + "/enrolments/check",
				"{'personIds':[" + a + "," + b + "," + c + "," + d + "," + e + "," + f + "]}")
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(findings(checked)).containsExactly(
				a + " SAME_TOPIC_IN_WINDOW " + q1,
				b + " SAME_TOPIC_IN_WINDOW " + q2,
				b + " TRAINED_HIGHER " + q2,
				d + " SUMMONS_LIMIT " + q5,
				e + " TRAINED_HIGHER null");
		assertThat(fx.count("SELECT COUNT(*) FROM training_enrolment WHERE programme_id = :id", p)).isZero();

		// one step from the roster: everyone holding the post under the village
		post("harbin-admin", "/api/v1/training/programmes/" + p + "/enrolments/roster", "{'regionCode':'" + village + "'}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.enrolled").value(6)).andExpect(jsonPath("$.confirmed").value(2))
			.andExpect(jsonPath("$.pending").value(4)).andExpect(jsonPath("$.unplaced").value(0));
		assertThat(enrolmentStatus(p, c)).isEqualTo("CONFIRMED");
		assertThat(enrolmentStatus(p, f)).isEqualTo("CONFIRMED");
		assertThat(enrolmentStatus(p, b)).isEqualTo("PENDING");
		post("harbin-admin", "/api/v1/training/programmes/" + p + "/enrolments/roster", "{'regionCode':'" + village + "'}")
			.andExpect(jsonPath("$.enrolled").value(0)).andExpect(jsonPath("$.alreadyEnrolled").value(6));
		String pending = mvc.perform(get("/api/v1/training/programmes/" + p + "/enrolments").param("status", "PENDING")
			.with(as("harbin-admin"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(((Number) JsonPath.read(pending, "$.page.totalElements")).intValue()).isEqualTo(4);
		assertThat(JsonPath.<List<String>>read(pending, "$.content[?(@.personId == " + b + ")].findings[*].finding"))
			.containsExactly("SAME_TOPIC_IN_WINDOW", "TRAINED_HIGHER");
		Map<Long, Long> ids = new java.util.HashMap<>();
		for (long person : List.of(a, b, d, e)) {
			ids.put(person, jdbc.sql("SELECT id FROM training_enrolment WHERE programme_id = :p AND person_id = :x")
				.param("p", p).param("x", person).query(Long.class).single());
		}

		// decisions: confirm, excuse (with a reason), swap for someone else; out of scope refused
		post("nx-admin", "/api/v1/training/enrolments/" + ids.get(a) + "/decision", "{'decision':'CONFIRM'}")
			.andExpect(status().isForbidden());
		assertThat(enrolmentStatus(p, a)).isEqualTo("PENDING");
		post("harbin-admin", "/api/v1/training/enrolments/" + ids.get(a) + "/decision", "{'decision':'CONFIRM'}")
			.andExpect(status().isOk()).andExpect(jsonPath("$.status").value("CONFIRMED"));
		post("harbin-admin", "/api/v1/training/enrolments/" + ids.get(a) + "/decision", "{'decision':'EXCUSE','reason':'再议'}")
			.andExpect(status().isConflict());
		post("harbin-admin", "/api/v1/training/enrolments/" + ids.get(b) + "/decision", "{'decision':'EXCUSE'}")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("reason"));
		post("harbin-admin", "/api/v1/training/enrolments/" + ids.get(b) + "/decision",
				"{'decision':'EXCUSE','reason':'已参加省级同主题培训'}").andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("EXCUSED"));
		long g = secretary(village);
		post("harbin-admin", "/api/v1/training/enrolments/" + ids.get(d) + "/decision",
				"{'decision':'SWAP','reason':'年内调训已满','swapPersonId':" + g + "}").andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("EXCUSED"));
		assertThat(enrolmentStatus(p, g)).isEqualTo("CONFIRMED");
		assertThat(jdbc.sql("SELECT decision || ':' || decided_by FROM training_enrolment_decision WHERE enrolment_id = :e")
			.param("e", ids.get(d)).query(String.class).single()).isEqualTo("SWAP:harbin-admin");
		assertThat(fx.audits("TRAINING_ENROLMENT_DECIDE", ids.get(b))).isEqualTo(1);
		assertThat(fx.count("SELECT COUNT(*) FROM training_enrolment WHERE programme_id = :id AND status = 'CONFIRMED'", p))
			.isEqualTo(4);

		// a later programme sees this one: A now has two confirmed enrolments this year; B's excused one does not count
		long later = programme("harbin-admin", "2301", "2026-09-01", "2026-09-03", gg);
		fx.classroom("harbin-admin", later, "BRANCH", "230100000000");
		String again = post("harbin-admin", "/api/v1/training/programmes/" + later + "/enrolments/check",
				"{'personIds':[" + a + "," + b + "]}").andReturn().getResponse().getContentAsString();
		assertThat(findings(again)).containsExactly(
				a + " SAME_TOPIC_IN_WINDOW " + p,
				a + " SUMMONS_LIMIT " + p,
				b + " SAME_TOPIC_IN_WINDOW " + q2,
				b + " TRAINED_HIGHER " + q2);
		assertThat(fx.count("SELECT COUNT(*) FROM training_enrolment WHERE classroom_id = :id", classroom)).isEqualTo(7);
	}

	@Test
	void enrolmentIsScopedAndInputChecked() throws Exception {
		long p = fx.programme();
		long harbin = fx.classroom(p, "BRANCH", TrainingFixtures.HARBIN);
		long qiqihar = fx.classroom(p, "BRANCH", TrainingFixtures.QIQIHAR);
		long secretary = fx.personOf("hlj-secretary");
		post("nx-admin", "/api/v1/training/programmes/" + p + "/enrolments/check", "{'personIds':[" + secretary + "]}")
			.andExpect(status().isForbidden());
		post("harbin-admin", "/api/v1/training/programmes/" + p + "/enrolments", "{'personIds':[" + secretary
				+ "],'classroomId':" + qiqihar + "}").andExpect(status().isForbidden());
		post("harbin-admin", "/api/v1/training/programmes/" + p + "/enrolments/check", "{'personIds':[]}")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("personIds"));
		// a Qiqihar secretary's earlier trainings are not Harbin's to read: refused as unknown, like a wrong id
		long qiqiharSecretary = secretary(230202001001L);
		post("harbin-admin", "/api/v1/training/programmes/" + p + "/enrolments/check", "{'personIds':[" + secretary + ","
				+ qiqiharSecretary + "]}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("personIds[1]"));
		post("harbin-admin", "/api/v1/training/programmes/" + p + "/enrolments", "{'personIds':[987654321],'classroomId':"
				+ harbin + "}").andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("personIds[0]"));
		post("harbin-admin", "/api/v1/training/programmes/" + p + "/enrolments/roster", "{'regionCode':'99'}")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("regionCode"));
		assertThat(fx.count("SELECT COUNT(*) FROM training_enrolment WHERE programme_id = :id", p)).isZero();
		// the city enrols into its own classroom; the trainee then sees the programme and their classroom
		post("harbin-admin", "/api/v1/training/programmes/" + p + "/enrolments", "{'personIds':[" + secretary
				+ "],'classroomId':" + harbin + "}").andExpect(status().isOk()).andExpect(jsonPath("$.enrolled").value(1));
		mvc.perform(get("/api/v1/training/classrooms/" + harbin).with(as("hlj-secretary"))).andExpect(status().isOk());
		mvc.perform(get("/api/v1/training/classrooms/" + qiqihar).with(as("hlj-secretary"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/training/programmes/" + p + "/enrolments").with(as("nx-admin"))).andExpect(status().isForbidden());
		String list = mvc.perform(get("/api/v1/training/programmes/" + p + "/enrolments").with(as("hlj-admin")))
			.andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<List<Integer>>read(list, "$.content[*].personId")).containsExactly((int) secretary);
	}
}
