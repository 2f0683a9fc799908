package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static cn.grassroots.training.TrainingFixtures.json;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A Harbin branch classroom of a fresh programme for the seminar desk-form tests, with hlj-teacher
 * assigned in the given role, and a seminar, groups, members and items made through the API.
 */
final class SeminarDeskFixtures {

	final MockMvc mvc;
	final JdbcClient jdbc;
	final TrainingFixtures fx;
	final long programme;
	final long classroom;
	final long teacher;
	final long secretary;
	final long grid;

	SeminarDeskFixtures(MockMvc mvc, JdbcClient jdbc, String teacherRole) throws Exception {
		this.mvc = mvc;
		this.jdbc = jdbc;
		this.fx = new TrainingFixtures(mvc, jdbc);
		this.programme = fx.programme();
		this.classroom = fx.classroom(programme, "BRANCH", TrainingFixtures.HARBIN);
		this.teacher = fx.personOf("hlj-teacher");
		this.secretary = fx.personOf("hlj-secretary");
		this.grid = fx.personOf("hlj-grid");
		fx.enrolConfirmed(programme, classroom, secretary);
		fx.enrolConfirmed(programme, classroom, grid);
		staff(teacher, teacherRole);
	}

	void staff(long person, String role) throws Exception {
		mvc.perform(post("/api/v1/training/classrooms/" + classroom + "/staff").with(as("hlj-admin"))
			.contentType(MediaType.APPLICATION_JSON).content(json("{'personId':" + person + ",'role':'" + role + "'}")))
			.andExpect(status().isCreated());
	}

	long created(String account, String uri, String body) throws Exception {
		return TrainingFixtures.id(mvc.perform(post(uri).with(as(account)).contentType(MediaType.APPLICATION_JSON)
			.content(json(body))).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
	}

	long seminar(String topic) throws Exception {
		return created("harbin-admin", "/api/v1/training/classrooms/" + classroom + "/seminars",
				"{'topic':'" + topic + "','heldOn':'2026-06-21'}");
	}

	long group(long seminar, String name, long facilitator) throws Exception {
		return created("harbin-admin", "/api/v1/training/seminars/" + seminar + "/groups",
				"{'name':'" + name + "','facilitatorPersonId':" + facilitator + "}");
	}

	void members(long group, long... people) throws Exception {
		StringBuilder ids = new StringBuilder();
		for (long p : people) {
			ids.append(ids.isEmpty() ? "" : ",").append(p);
		}
		mvc.perform(post("/api/v1/training/seminar-groups/" + group + "/members").with(as("harbin-admin"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"personIds\":[" + ids + "]}")).andExpect(status().isOk());
	}

	long item(long group, String title, long owner) throws Exception {
		return created("harbin-admin", "/api/v1/training/seminar-groups/" + group + "/items", "{'title':'" + title
				+ "','ownerPersonId':" + owner + ",'communityCode':'230102001001','deadline':'2026-12-31','expectedResult':'见效'}");
	}

	/** People put into the roster in a township nobody uses and enrolled (confirmed) in the classroom, named prefix + 10, 11, … */
	List<Long> trainees(String prefix, int count) throws Exception {
		RosterFixtures roster = new RosterFixtures(jdbc);
		long[] place = roster.freshTownship(230100000000L);
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ids.add(roster.holder(prefix + (10 + i), place[1], "COMMUNITY_PARTY_SECRETARY", LocalDate.of(2024, 1, 1)));
		}
		for (long id : ids) {
			fx.enrolConfirmed(programme, classroom, id);
		}
		return ids;
	}

	/** A desk page as the account. */
	MockHttpServletRequestBuilder page(String account, String uri) {
		return get(uri).with(as(account)).accept(MediaType.TEXT_HTML);
	}

	/** A form post from the desk, as htmx sends it. */
	MockHttpServletRequestBuilder htmx(String account, String uri) {
		return post(uri).with(as(account)).with(csrf()).header("HX-Request", "true");
	}

	/** A plain form post (no script). */
	MockHttpServletRequestBuilder form(String account, String uri) {
		return post(uri).with(as(account)).with(csrf());
	}

	long count(String sql, long id) {
		return fx.count(sql, id);
	}

	long listOf(long group) {
		return count("SELECT id FROM training_action_list WHERE group_id = :id", group);
	}
}
