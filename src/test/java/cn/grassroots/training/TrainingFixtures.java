package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

/** What the training tests create for themselves through the API: programmes and classrooms with unique names. */
final class TrainingFixtures {

	static final String HLJ = "230000000000";
	static final String HARBIN = "230100000000";
	static final String QIQIHAR = "230200000000";

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private final MockMvc mvc;
	private final JdbcClient jdbc;

	TrainingFixtures(MockMvc mvc, JdbcClient jdbc) {
		this.mvc = mvc;
		this.jdbc = jdbc;
	}

	static String unique(String prefix) {
		return prefix + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36) + SEQUENCE.incrementAndGet();
	}

	static String json(String text) {
		return text.replace('\'', '"');
	}

	static long id(String body) {
		return ((Number) JsonPath.read(body, "$.id")).longValue();
	}

	static String programmeJson(String name, String sponsorRegion, String extra) {
		return json("{'name':'" + name + "','year':2026,'sponsorName':'黑龙江省委组织部','sponsorRegionCode':'"
				+ sponsorRegion + "','startDate':'2026-06-18','endDate':'2026-06-22','requiredHours':40,"
				+ "'targetPosts':['COMMUNITY_PARTY_SECRETARY'],'topics':['GRASSROOTS_GOVERNANCE','DISCIPLINE']"
				+ (extra == null ? "" : "," + extra) + "}");
	}

	static String classroomJson(String name, String kind, String region) {
		return json("{'name':'" + name + "','kind':'" + kind + "','hostName':'市委党校','regionCode':'" + region
				+ "','capacity':200}");
	}

	/** Creates a province programme as hlj-admin and returns its id. */
	long programme() throws Exception {
		return programme("hlj-admin", HLJ);
	}

	long programme(String account, String sponsorRegion) throws Exception {
		return id(mvc.perform(post("/api/v1/training/programmes").with(as(account)).contentType(MediaType.APPLICATION_JSON)
			.content(programmeJson(unique("社区书记培训班"), sponsorRegion, null)))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString());
	}

	long classroom(long programmeId, String kind, String region) throws Exception {
		return classroom("hlj-admin", programmeId, kind, region);
	}

	long classroom(String account, long programmeId, String kind, String region) throws Exception {
		return id(mvc.perform(post("/api/v1/training/programmes/" + programmeId + "/classrooms").with(as(account))
			.contentType(MediaType.APPLICATION_JSON)
			.content(classroomJson(unique("课堂"), kind, region)))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString());
	}

	/**
	 * Enrols the person in the classroom and confirms the enrolment if the duplicate check held it
	 * (the demo trainees are enrolled by several tests sharing one database).
	 */
	void enrolConfirmed(long programmeId, long classroomId, long personId) throws Exception {
		mvc.perform(post("/api/v1/training/programmes/" + programmeId + "/enrolments").with(as("hlj-admin"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json("{'personIds':[" + personId + "],'classroomId':" + classroomId + "}")))
			.andExpect(status().isOk());
		long enrolment = jdbc.sql("SELECT id FROM training_enrolment WHERE programme_id = :p AND person_id = :x")
			.param("p", programmeId).param("x", personId).query(Long.class).single();
		String status = jdbc.sql("SELECT status FROM training_enrolment WHERE id = :id").param("id", enrolment)
			.query(String.class).single();
		if ("PENDING".equals(status)) {
			mvc.perform(post("/api/v1/training/enrolments/" + enrolment + "/decision").with(as("hlj-admin"))
				.contentType(MediaType.APPLICATION_JSON).content(json("{'decision':'CONFIRM'}")))
				.andExpect(status().isOk());
		}
	}

	long personOf(String username) {
		return jdbc.sql("SELECT person_id FROM account WHERE username = :u").param("u", username).query(Long.class).single();
	}

	long audits(String action, long targetId) {
		return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = :a AND target_id = :t")
			.param("a", action)
			.param("t", Long.toString(targetId))
			.query(Long.class)
			.single();
	}

	long count(String sql, long id) {
		return jdbc.sql(sql).param("id", id).query(Long.class).single();
	}
}
