package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static cn.grassroots.training.TrainingFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.grassroots.IntegrationTest;

/**
 * Every page and form of the symposium and supervision desk refuses someone outside the
 * programme's scope (Ningxia's administrator, and a grid worker without training rights), for GET
 * and POST alike, and nothing is stored.
 */
@IntegrationTest
class SupervisionFormScopeTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	private long created(String uri, String body) throws Exception {
		return TrainingFixtures.id(mvc.perform(post(uri).with(as("hlj-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(json(body))).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
	}

	private long rows() {
		return jdbc.sql("""
				SELECT (SELECT COUNT(*) FROM training_symposium) + (SELECT COUNT(*) FROM training_symposium_participant)
				    + (SELECT COUNT(*) FROM training_supervision_team) + (SELECT COUNT(*) FROM training_supervision_visit)
				    + (SELECT COUNT(*) FROM training_supervision_finding) + (SELECT COUNT(*) FROM training_rectification)
				""").query(Long.class).single();
	}

	@Test
	void everyNewPageAndFormRefusesSomeoneOutsideTheProgramme() throws Exception {
		TrainingFixtures fx = new TrainingFixtures(mvc, jdbc);
		long p = fx.programme();
		long classroom = fx.classroom(p, "BRANCH", TrainingFixtures.HARBIN);
		long teacher = fx.personOf("hlj-teacher");
		long symposium = created("/api/v1/training/classrooms/" + classroom + "/symposiums", "{'title':'座谈','heldOn':'2026-06-22'}");
		long team = created("/api/v1/training/programmes/" + p + "/supervision/teams",
				"{'name':'" + TrainingFixtures.unique("督学组") + "','memberPersonIds':[" + teacher + "]}");
		long visit = created("/api/v1/training/programmes/" + p + "/supervision/visits",
				"{'teamId':" + team + ",'classroomId':" + classroom + ",'visitedOn':'2026-06-20'}");
		long finding = created("/api/v1/training/supervision/visits/" + visit + "/findings",
				"{'description':'台账不全','deadline':'2026-07-20'}");
		String programme = "/training/programmes/" + p + "/supervision";

		List<String> pages = List.of("/training/classrooms/" + classroom + "/symposiums/new", "/training/symposiums/" + symposium,
				"/training/symposiums/" + symposium + "/people?q=li", programme + "/teams/new",
				programme + "/people?q=li", programme + "/teams/member?personId=" + teacher, programme + "/visits/new",
				"/training/supervision/visits/" + visit, "/training/supervision/findings/" + finding);
		Map<String, Map<String, String>> forms = Map.of(
				"/training/classrooms/" + classroom + "/symposiums", Map.of("title", "座谈", "heldOn", "2026-06-22"),
				"/training/symposiums/" + symposium + "/participants", Map.of("name", "某人"),
				"/training/symposiums/" + symposium + "/minutes", Map.of("minutes", "纪要", "version", "0"),
				programme + "/teams", Map.of("name", "外省督学组", "memberPersonIds", Long.toString(teacher)),
				programme + "/visits", Map.of("teamId", Long.toString(team), "classroomId", Long.toString(classroom),
						"visitedOn", "2026-06-21"),
				"/training/supervision/visits/" + visit + "/findings", Map.of("description", "问题", "deadline", "2026-07-20"),
				"/training/supervision/findings/" + finding + "/rectification", Map.of("note", "已整改"),
				"/training/supervision/findings/" + finding + "/review", Map.of("decision", "ACCEPT", "reviewNote", "好"));
		long before = rows();
		for (String account : List.of("nx-admin", "hlj-grid")) {
			for (String uri : pages) {
				mvc.perform(get(uri).with(as(account)).accept(MediaType.TEXT_HTML)).andExpect(status().isForbidden());
			}
			for (var f : forms.entrySet()) {
				var request = post(f.getKey()).with(as(account)).with(csrf());
				f.getValue().forEach(request::param);
				mvc.perform(request).andExpect(status().isForbidden());
			}
		}
		assertThat(rows()).isEqualTo(before);
		assertThat(jdbc.sql("SELECT status FROM training_supervision_finding WHERE id = :id").param("id", finding)
			.query(String.class).single()).isEqualTo("OPEN");
	}
}
