package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.grassroots.IntegrationTest;

/**
 * hlj-teacher holds no role, so no TRAINING_READ: she is head teacher of the demo's 道里 classroom by
 * assignment alone. Her desk {@code /training/teach} links every page of each classroom she leads,
 * each of which opens without leading her back to pages she is refused; the same pages of a
 * classroom she does not lead are refused, and an assignment taken away takes the way in with it.
 */
@IntegrationTest
class HeadTeacherWayInTests {

	private static final String TEACHER = "hlj-teacher";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	TrainingFixtures fx;

	@BeforeEach
	void setUp() {
		fx = new TrainingFixtures(mvc, jdbc);
	}

	private long demoProgramme() {
		return jdbc.sql("SELECT id FROM training_programme WHERE name LIKE '%全省社区党组织书记常态化培训班' ORDER BY id")
			.query(Long.class).list().get(0);
	}

	private long daoli() {
		return jdbc.sql("SELECT id FROM training_classroom WHERE programme_id = :p AND name = '道里区分课堂'")
			.param("p", demoProgramme()).query(Long.class).single();
	}

	/** A classroom of the demo programme she neither leads, staffs nor is enrolled in. */
	private long notHers() {
		return jdbc.sql("""
				SELECT c.id FROM training_classroom c WHERE c.programme_id = :p
				AND NOT EXISTS (SELECT 1 FROM training_staff s WHERE s.classroom_id = c.id AND s.person_id = :me)
				AND NOT EXISTS (SELECT 1 FROM training_enrolment e WHERE e.classroom_id = c.id AND e.person_id = :me)
				AND EXISTS (SELECT 1 FROM training_plan pl WHERE pl.classroom_id = c.id)
				ORDER BY c.id""")
			.param("p", demoProgramme()).param("me", fx.personOf(TEACHER)).query(Long.class).list().get(0);
	}

	/** A session of the classroom's current plan held today or before. */
	private long pastSession(long classroom) {
		return jdbc.sql("""
				SELECT s.id FROM training_session s JOIN training_plan p ON p.id = s.plan_id
				WHERE p.classroom_id = :c AND s.session_date <= :d
				  AND p.version_no = (SELECT MAX(version_no) FROM training_plan WHERE classroom_id = :c)
				ORDER BY s.session_date, s.start_time, s.id""")
			.param("c", classroom).param("d", LocalDate.now(ZoneId.of("Asia/Shanghai"))).query(Long.class).list().get(0);
	}

	private static List<String> pagesOf(long classroom) {
		String c = "/training/classrooms/" + classroom;
		return List.of(c + "/dashboard", c + "/plan/edit", c + "/closed", c + "/completion", c + "/seminars",
				"/training/teach/classrooms/" + classroom + "/leaves");
	}

	private String html(String uri) throws Exception {
		return mvc.perform(get(uri).with(as(TEACHER))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
	}

	/** The links of the classroom's card on the head teacher's desk. */
	private List<String> linksOfCard(String teach, long classroom) {
		int start = teach.indexOf("data-testid=\"pages-" + classroom + "\"");
		assertThat(start).as("the card of classroom %d", classroom).isPositive();
		Matcher m = Pattern.compile("href=\"([^\"]+)\"").matcher(teach.substring(start, teach.indexOf("</nav>", start)));
		List<String> links = new ArrayList<>();
		while (m.find()) {
			links.add(m.group(1));
		}
		return links;
	}

	@Test
	void theHeadTeacherReachesEveryPageOfHerClassroomByLinksFromHerDesk() throws Exception {
		mvc.perform(get("/training/programmes").with(as(TEACHER))).andExpect(status().isForbidden());
		long daoli = daoli();
		String teach = html("/training/teach");
		assertThat(linksOfCard(teach, daoli)).containsExactlyInAnyOrderElementsOf(pagesOf(daoli));
		for (String link : linksOfCard(teach, daoli)) {
			String page = html(link);
			// the pages lead back to her desk, not to the officers' programme pages she is refused
			assertThat(page).as(link).doesNotContain("href=\"/training/programmes").doesNotContain("href=\"/training/people/");
		}
		assertThat(html("/training/classrooms/" + daoli + "/dashboard")).contains("href=\"/training/teach\"");
		// roster marking of a session already held, linked from the same card
		long session = pastSession(daoli);
		assertThat(teach).contains("href=\"/training/teach/sessions/" + session + "/roster\"");
		html("/training/teach/sessions/" + session + "/roster");
	}

	@Test
	void theSamePagesOfAClassroomSheDoesNotLeadAreRefused() throws Exception {
		long other = notHers();
		assertThat(html("/training/teach")).doesNotContain("data-testid=\"pages-" + other + "\"");
		for (String uri : pagesOf(other)) {
			mvc.perform(get(uri).with(as(TEACHER))).andExpect(status().isForbidden());
		}
		mvc.perform(get("/training/teach/sessions/" + pastSession(other) + "/roster").with(as(TEACHER)))
			.andExpect(status().isForbidden());
		long beds = fx.count("SELECT COUNT(*) FROM training_lodging WHERE classroom_id = :id", other);
		mvc.perform(post("/training/classrooms/" + other + "/lodging/auto").with(as(TEACHER)).with(csrf())
			.param("building", "1号楼").param("bedsPerRoom", "2").param("firstRoom", "101"))
			.andExpect(status().isForbidden());
		assertThat(fx.count("SELECT COUNT(*) FROM training_lodging WHERE classroom_id = :id", other)).isEqualTo(beds);
	}

	@Test
	void theWayInFollowsTheAssignment() throws Exception {
		long p = fx.programme();
		long classroom = fx.classroom(p, "BRANCH", TrainingFixtures.HARBIN);
		// completion is of a plan's hours: the classroom has one
		mvc.perform(post("/api/v1/training/classrooms/" + classroom + "/plan/versions").with(as("hlj-admin"))
			.contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isCreated());
		for (String uri : pagesOf(classroom)) {
			mvc.perform(get(uri).with(as(TEACHER))).andExpect(status().isForbidden());
		}
		long assignment = TrainingFixtures.id(mvc.perform(post("/api/v1/training/classrooms/" + classroom + "/staff")
			.with(as("hlj-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(TrainingFixtures.json("{'personId':" + fx.personOf(TEACHER) + ",'role':'HEAD_TEACHER'}")))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
		assertThat(linksOfCard(html("/training/teach"), classroom)).containsExactlyInAnyOrderElementsOf(pagesOf(classroom));
		for (String uri : pagesOf(classroom)) {
			html(uri);
		}
		mvc.perform(delete("/api/v1/training/classrooms/" + classroom + "/staff/" + assignment).with(as("hlj-admin")))
			.andExpect(status().isNoContent());
		assertThat(html("/training/teach")).doesNotContain("data-testid=\"pages-" + classroom + "\"");
		for (String uri : pagesOf(classroom)) {
			mvc.perform(get(uri).with(as(TEACHER))).andExpect(status().isForbidden());
		}
	}
}
