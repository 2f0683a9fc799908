package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static cn.grassroots.training.TrainingFixtures.json;
import static cn.grassroots.training.TrainingFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.grassroots.IntegrationTest;

/**
 * The API takes a trainee out of a seminar group and changes its facilitator as the desk does: only
 * for the classroom's officers and head teachers, with field errors, and never once the list is adopted.
 */
@IntegrationTest
class SeminarGroupChangesApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aMemberIsTakenOutAndTheFacilitatorChangedUntilTheListIsAdopted() throws Exception {
		SeminarDeskFixtures d = new SeminarDeskFixtures(mvc, jdbc, "HEAD_TEACHER");
		d.staff(d.grid, "FACILITATOR");
		long seminar = d.seminar(unique("接口研讨"));
		long group = d.group(seminar, "第一组", d.teacher);
		d.members(group, d.secretary, d.grid);
		d.item(group, "接口措施", d.secretary);
		String members = "/api/v1/training/seminar-groups/" + group + "/members/";
		String facilitator = "/api/v1/training/seminar-groups/" + group + "/facilitator";

		mvc.perform(delete(members + d.grid).with(as("nx-admin"))).andExpect(status().isForbidden());
		mvc.perform(delete(members + d.grid).with(as("hlj-secretary"))).andExpect(status().isForbidden());
		mvc.perform(delete(members + d.secretary).with(as("harbin-admin"))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("personId"));
		mvc.perform(delete(members + "987654321").with(as("harbin-admin"))).andExpect(status().isNotFound());
		mvc.perform(delete(members + d.grid).with(as("hlj-teacher"))).andExpect(status().isOk())
			.andExpect(jsonPath("$.members.length()").value(1));

		mvc.perform(put(facilitator).with(as("nx-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(json("{'facilitatorPersonId':" + d.grid + "}"))).andExpect(status().isForbidden());
		mvc.perform(put(facilitator).with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(json("{'facilitatorPersonId':" + d.secretary + "}"))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("facilitatorPersonId"));
		mvc.perform(put(facilitator).with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(json("{'facilitatorPersonId':" + d.grid + "}"))).andExpect(status().isOk())
			.andExpect(jsonPath("$.facilitatorPersonId").value(d.grid));
		assertThat(d.fx.audits("TRAINING_SEMINAR_GROUP_FACILITATOR", seminar)).isEqualTo(1);
		assertThat(d.fx.audits("TRAINING_SEMINAR_MEMBER_REMOVE", seminar)).isEqualTo(1);

		mvc.perform(post("/api/v1/training/seminar-groups/" + group + "/adopt").with(as("harbin-admin"))
			.contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isOk());
		mvc.perform(put(facilitator).with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(json("{'facilitatorPersonId':" + d.teacher + "}"))).andExpect(status().isConflict());
		mvc.perform(delete(members + d.secretary).with(as("harbin-admin"))).andExpect(status().isConflict());
		assertThat(d.count("SELECT facilitator_person_id FROM training_seminar_group WHERE id = :id", group)).isEqualTo(d.grid);
		assertThat(d.count("SELECT COUNT(*) FROM training_seminar_member WHERE group_id = :id", group)).isEqualTo(1);
	}
}
