package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static cn.grassroots.training.TrainingFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.grassroots.IntegrationTest;

/**
 * An officer holds a seminar from the desk form: a topic typed in, or a survey finding kept as a
 * topic together with the plan's seminar session (whose day becomes the date); bad input shows
 * beside its field and stores nothing; the classroom's seminar list links to the form only for
 * those who may use it.
 */
@IntegrationTest
class SeminarCreationFormTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	SeminarDeskFixtures d;
	String form;

	@BeforeEach
	void setUp() throws Exception {
		d = new SeminarDeskFixtures(mvc, jdbc, "HEAD_TEACHER");
		form = "/training/classrooms/" + d.classroom + "/seminars/new";
	}

	private long seminars() {
		return d.count("SELECT COUNT(*) FROM training_seminar WHERE classroom_id = :id", d.classroom);
	}

	private String body(org.springframework.test.web.servlet.ResultActions r) throws Exception {
		return r.andReturn().getResponse().getContentAsString();
	}

	@Test
	void aSeminarIsCreatedWithATypedTopicOrFromAFindingAndItsSessionAndBadInputStoresNothing() throws Exception {
		long finding = 710_000_000L + System.nanoTime() % 1_000_000L;
		String findingTitle = unique("物业服务不到位");
		jdbc.sql("INSERT INTO training_topic_candidate (finding_id, questionnaire_id, title, region_code, received_at)"
				+ " VALUES (:f, 1, :t, 230102001001, CURRENT_TIMESTAMP)").param("f", finding).param("t", findingTitle).update();
		long ningxia = finding + 1;
		jdbc.sql("INSERT INTO training_topic_candidate (finding_id, questionnaire_id, title, region_code, received_at)"
				+ " VALUES (:f, 1, '宁夏的研讨发现', 640104000000, CURRENT_TIMESTAMP)").param("f", ningxia).update();
		mvc.perform(post("/api/v1/training/classrooms/" + d.classroom + "/plan/versions").with(as("hlj-admin"))
			.contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isCreated());
		long session = d.created("hlj-admin", "/api/v1/training/classrooms/" + d.classroom + "/plan/sessions",
				"{'date':'2026-06-20','start':'14:00','end':'17:00','hours':3,'title':'分组研讨：物业治理','courseType':'SEMINAR','delivery':'OFFLINE'}");

		// the form offers the findings in scope and the plan's seminar sessions
		String page = body(mvc.perform(d.page("harbin-admin", form)).andExpect(status().isOk()));
		assertThat(page).contains("seminar-form").contains(findingTitle).contains("分组研讨：物业治理")
			.doesNotContain("宁夏的研讨发现");

		// typed in
		String topic = unique("党建引领物业管理");
		mvc.perform(d.form("harbin-admin", form).param("topic", topic).param("heldOn", "2026-06-21"))
			.andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern("/training/seminars/*/edit"));
		long typed = jdbc.sql("SELECT id FROM training_seminar WHERE topic = :t").param("t", topic).query(Long.class).single();
		assertThat(d.fx.audits("TRAINING_SEMINAR_CREATE", typed)).isEqualTo(1);

		// from a finding, at the seminar session, whose day is taken as the date
		mvc.perform(d.form("harbin-admin", form).param("findingId", Long.toString(finding)).param("topic", "")
				.param("sessionId", Long.toString(session)).param("heldOn", ""))
			.andExpect(status().is3xxRedirection());
		var row = jdbc.sql("SELECT id, topic, held_on, session_id FROM training_seminar WHERE finding_id = :f AND classroom_id = :c")
			.param("f", finding).param("c", d.classroom).query().singleRow();
		assertThat(row.get("topic")).isEqualTo(findingTitle);
		assertThat(row.get("held_on").toString()).isEqualTo("2026-06-20");
		assertThat(((Number) row.get("session_id")).longValue()).isEqualTo(session);
		assertThat(d.fx.audits("TRAINING_SEMINAR_CREATE", ((Number) row.get("id")).longValue())).isEqualTo(1);
		// the classroom's head teacher holds one too
		mvc.perform(d.form("hlj-teacher", form).param("topic", unique("班主任的研讨")).param("heldOn", "2026-06-22"))
			.andExpect(status().is3xxRedirection());
		assertThat(seminars()).isEqualTo(3);

		// bad input: the form again, each message beside its field, the typed values kept, nothing stored
		String missing = body(mvc.perform(d.form("harbin-admin", form).param("topic", " ").param("heldOn", "2030-01-01"))
			.andExpect(status().isOk()));
		assertThat(missing).contains("is-invalid").contains("必填").contains("研讨日期应在培训班举办期间前后30天内")
			.contains("value=\"2030-01-01\"");
		String unparsable = body(mvc.perform(d.form("harbin-admin", form).param("topic", "日期写错的研讨")
				.param("heldOn", "2026-13-45").param("sessionId", "abc")).andExpect(status().isOk()));
		assertThat(unparsable).contains("格式不正确").contains("日期写错的研讨");
		String otherProvince = body(mvc.perform(d.form("harbin-admin", form).param("findingId", Long.toString(ningxia))
				.param("heldOn", "2026-06-21")).andExpect(status().isOk()));
		assertThat(otherProvince).contains("没有这个调研发现，或不在您的权限范围内");
		String notSeminar = body(mvc.perform(d.form("harbin-admin", form).param("topic", "课程不对")
				.param("heldOn", "2026-06-21").param("sessionId", "987654321")).andExpect(status().isOk()));
		assertThat(notSeminar).contains("请选择本课堂课程表中的研讨课");
		assertThat(seminars()).isEqualTo(3);

		// the list links to the form for officers and head teachers, not for a trainee who sees the classroom
		assertThat(body(mvc.perform(d.page("harbin-admin", "/training/classrooms/" + d.classroom + "/seminars"))))
			.contains("new-seminar").contains(topic);
		assertThat(body(mvc.perform(d.page("hlj-secretary", "/training/classrooms/" + d.classroom + "/seminars"))
			.andExpect(status().isOk()))).contains(topic).doesNotContain("new-seminar");
		mvc.perform(d.page("hlj-secretary", form)).andExpect(status().isForbidden());
	}
}
