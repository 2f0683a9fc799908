package cn.grassroots.training.internal;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;

/**
 * The seminars demo part, added to a small programme of its own: lecturers from the plans' names,
 * cases with two model secretaries, seminars with groups and lists (all adopted and taken in as measures),
 * evaluations, a symposium and a supervision visit with an open and a closed finding.
 */
@IntegrationTest
class SeminarsDemoPartTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SeminarsDemoPart part;

	private long create(String uri, String body) throws Exception {
		String response = mvc.perform(post(uri).with(as("hlj-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(body.replace('\'', '"'))).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return ((Number) JsonPath.read(response, "$.id")).longValue();
	}

	private long count(String sql, long programme) {
		return jdbc.sql(sql).param("p", programme).query(Long.class).single();
	}

	@Test
	void theDemoPartAddsSeminarsListsEvaluationsCasesASymposiumAndASupervisionVisit() throws Exception {
		String tag = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
		long p = create("/api/v1/training/programmes", "{'name':'演示研讨" + tag + "','year':2026,'sponsorName':'黑龙江省委组织部',"
				+ "'sponsorRegionCode':'23','startDate':'2026-06-18','endDate':'2026-06-22','requiredHours':40,"
				+ "'targetPosts':['COMMUNITY_PARTY_SECRETARY'],'topics':['GRASSROOTS_GOVERNANCE']}");
		long main = create("/api/v1/training/programmes/" + p + "/classrooms",
				"{'name':'主课堂" + tag + "','kind':'MAIN','hostName':'省委党校','regionCode':'23','capacity':200}");
		long branch = create("/api/v1/training/programmes/" + p + "/classrooms",
				"{'name':'哈尔滨分课堂" + tag + "','kind':'BRANCH','hostName':'哈尔滨市委党校','regionCode':'2301','capacity':200}");
		for (long classroom : new long[] { main, branch }) {
			mvc.perform(post("/api/v1/training/classrooms/" + classroom + "/plan/versions").with(as("hlj-admin"))
				.contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isCreated());
			int h = 8;
			for (String[] s : new String[][] { { "CASE", "张教授" + tag }, { "THEORY", "李处长" + tag }, { "SEMINAR", "张教授" + tag } }) {
				create("/api/v1/training/classrooms/" + classroom + "/plan/sessions", "{'date':'2026-06-19','start':'"
						+ String.format("%02d", h) + ":00','end':'" + String.format("%02d", h + 2) + ":00','hours':2,'title':'课"
						+ s[0] + "','courseType':'" + s[0] + "','delivery':'OFFLINE','lecturer':'" + s[1] + "'}");
				h += 2;
			}
		}
		// community secretaries of Harbin as trainees, straight into the table as the demo loader has them
		List<long[]> people = jdbc.sql("SELECT id, region_code FROM person WHERE region_code BETWEEN 230100000001 AND 230199999999"
				+ " AND MOD(region_code, 1000) <> 0 ORDER BY id LIMIT 12")
			.query((rs, n) -> new long[] { rs.getLong("id"), rs.getLong("region_code") }).list();
		assertThat(people).hasSizeGreaterThanOrEqualTo(8);
		for (int i = 0; i < people.size(); i++) {
			jdbc.sql("INSERT INTO training_enrolment (programme_id, classroom_id, person_id, person_name, region_code, status, created_at)"
					+ " VALUES (:p, :c, :x, :n, :r, 'CONFIRMED', CURRENT_TIMESTAMP)")
				.param("p", p).param("c", i % 2 == 0 ? main : branch).param("x", people.get(i)[0]).param("n", "学员" + i)
				.param("r", people.get(i)[1]).update();
		}

		part.addTo(p);

		assertThat(count("SELECT COUNT(*) FROM training_lecturer l WHERE EXISTS (SELECT 1 FROM training_session s"
				+ " JOIN training_plan pl ON pl.id = s.plan_id JOIN training_classroom c ON c.id = pl.classroom_id"
				+ " WHERE s.lecturer_id = l.id AND c.programme_id = :p)", p)).isEqualTo(2);
		assertThat(count("SELECT COUNT(*) FROM training_session s JOIN training_plan pl ON pl.id = s.plan_id"
				+ " JOIN training_classroom c ON c.id = pl.classroom_id WHERE c.programme_id = :p AND s.course_type = 'CASE'"
				+ " AND s.case_id IS NOT NULL", p)).isEqualTo(2);
		assertThat(count("SELECT COUNT(*) FROM training_seminar s JOIN training_classroom c ON c.id = s.classroom_id"
				+ " WHERE c.programme_id = :p AND s.session_id IS NOT NULL", p)).isEqualTo(2);
		List<Long> adopted = jdbc.sql("""
				SELECT l.id FROM training_action_list l JOIN training_seminar_group g ON g.id = l.group_id
				JOIN training_seminar s ON s.id = g.seminar_id JOIN training_classroom c ON c.id = s.classroom_id
				WHERE c.programme_id = :p AND l.status = 'ADOPTED'""").param("p", p).query(Long.class).list();
		// two seminars of two groups each, every list adopted
		assertThat(adopted).hasSize(4);
		assertThat(count("SELECT COUNT(*) FROM training_action_list l JOIN training_seminar_group g ON g.id = l.group_id"
				+ " JOIN training_seminar s ON s.id = g.seminar_id JOIN training_classroom c ON c.id = s.classroom_id"
				+ " WHERE c.programme_id = :p AND l.status <> 'ADOPTED'", p)).isZero();
		// the adopted lists reach the measures module
		for (long list : adopted) {
			long items = jdbc.sql("SELECT COUNT(*) FROM training_action_item WHERE list_id = :l").param("l", list)
				.query(Long.class).single();
			assertThat(items).isPositive();
			Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("SELECT COUNT(*) FROM measure WHERE code LIKE :c")
				.param("c", "ZD-" + list + "-%").query(Long.class).single() == items);
		}
		assertThat(count("SELECT COUNT(*) FROM training_evaluation e JOIN training_classroom c ON c.id = e.classroom_id"
				+ " WHERE c.programme_id = :p", p)).isEqualTo(18);
		assertThat(count("SELECT COUNT(*) FROM training_symposium s JOIN training_classroom c ON c.id = s.classroom_id"
				+ " WHERE c.programme_id = :p AND s.minutes IS NOT NULL", p)).isEqualTo(1);
		assertThat(jdbc.sql("""
				SELECT f.status FROM training_supervision_finding f JOIN training_supervision_visit v ON v.id = f.visit_id
				JOIN training_supervision_team t ON t.id = v.team_id WHERE t.programme_id = :p ORDER BY f.status""")
			.param("p", p).query(String.class).list()).containsExactly("CLOSED", "OPEN");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM training_lecturer WHERE case_id IS NOT NULL AND created_by = 'demo'"
				+ " AND kind IN ('NATIONAL_MODEL_SECRETARY', 'PROVINCIAL_MODEL_SECRETARY')").query(Long.class).single())
			.isGreaterThanOrEqualTo(2);
	}
}
