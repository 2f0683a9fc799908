package cn.grassroots.training;

import static cn.grassroots.training.TrainingFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import cn.grassroots.IntegrationTest;

/**
 * Every URL of the seminar desk forms, read or written, refuses an officer of another province and a
 * trainee who sees the classroom but does not run it, and changes nothing.
 */
@IntegrationTest
class SeminarFormScopeTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anOfficerOutsideTheScopeAndATraineeAreRefusedOnEveryFormUrlAndNothingChanges() throws Exception {
		SeminarDeskFixtures d = new SeminarDeskFixtures(mvc, jdbc, "HEAD_TEACHER");
		long seminar = d.seminar(unique("范围研讨"));
		long group = d.group(seminar, "第一组", d.teacher);
		d.members(group, d.secretary);
		long item = d.item(group, "范围内的措施", d.secretary);
		String g = "/training/seminar-groups/" + group + "/edit";
		List<Function<String, MockHttpServletRequestBuilder>> requests = List.of(
				a -> d.page(a, "/training/classrooms/" + d.classroom + "/seminars/new"),
				a -> d.form(a, "/training/classrooms/" + d.classroom + "/seminars/new").param("topic", "越权研讨").param("heldOn", "2026-06-21"),
				a -> d.page(a, "/training/seminars/" + seminar + "/edit"),
				a -> d.htmx(a, "/training/seminars/" + seminar + "/edit/groups").param("name", "越权组")
					.param("facilitatorPersonId", Long.toString(d.teacher)),
				a -> d.page(a, g + "/candidates?q=").header("HX-Request", "true"),
				a -> d.htmx(a, g + "/members").param("personId", Long.toString(d.grid)),
				a -> d.form(a, g + "/members/" + d.secretary + "/remove"),
				a -> d.htmx(a, g + "/facilitator").param("facilitatorPersonId", Long.toString(d.teacher)),
				a -> d.htmx(a, g + "/items").param("title", "越权措施").param("ownerPersonId", Long.toString(d.secretary))
					.param("communityCode", "230102001001").param("deadline", "2026-12-31").param("expectedResult", "x"),
				a -> d.form(a, g + "/items/" + item + "/remove"));
		String before = state(seminar, group, d);
		for (String account : List.of("nx-admin", "hlj-secretary")) {
			for (int i = 0; i < requests.size(); i++) {
				int status = mvc.perform(requests.get(i).apply(account)).andReturn().getResponse().getStatus();
				assertThat(status).as(account + " on request " + i).isEqualTo(403);
			}
		}
		assertThat(state(seminar, group, d)).isEqualTo(before);
		// and the one who may: the same list of requests is not refused for the classroom's officer
		assertThat(mvc.perform(requests.get(2).apply("harbin-admin")).andReturn().getResponse().getStatus()).isEqualTo(200);
	}

	private String state(long seminar, long group, SeminarDeskFixtures d) {
		return d.count("SELECT COUNT(*) FROM training_seminar WHERE classroom_id = :id", d.classroom) + "/"
				+ d.count("SELECT COUNT(*) FROM training_seminar_group WHERE seminar_id = :id", seminar) + "/"
				+ d.count("SELECT COUNT(*) FROM training_seminar_member WHERE seminar_id = :id", seminar) + "/"
				+ d.count("SELECT COUNT(*) FROM training_action_item WHERE list_id = (SELECT id FROM training_action_list WHERE group_id = :id)", group)
				+ "/" + d.count("SELECT facilitator_person_id FROM training_seminar_group WHERE id = :id", group);
	}
}
