package cn.grassroots.training;

import static cn.grassroots.training.TrainingFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import cn.grassroots.IntegrationTest;

/**
 * On a seminar's workbench an officer adds groups led by the classroom's facilitators, finds
 * trainees by name among the classroom's confirmed trainees not yet in a group (a few at a time,
 * however many there are), puts them in and takes them out, and changes a group's facilitator; each
 * change answers htmx with the group alone, bad input shows beside its field and stores nothing,
 * and every change is audited.
 */
@IntegrationTest
class SeminarGroupFormTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	SeminarDeskFixtures d;
	long seminar;

	@BeforeEach
	void setUp() throws Exception {
		d = new SeminarDeskFixtures(mvc, jdbc, "HEAD_TEACHER");
		d.staff(d.grid, "FACILITATOR");
		seminar = d.seminar(unique("网格治理研讨"));
	}

	private static String body(ResultActions r) throws Exception {
		return r.andReturn().getResponse().getContentAsString();
	}

	private static int occurrences(String text, String what) {
		Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
		int n = 0;
		while (m.find()) {
			n++;
		}
		return n;
	}

	private long groups() {
		return d.count("SELECT COUNT(*) FROM training_seminar_group WHERE seminar_id = :id", seminar);
	}

	private long members(long group) {
		return d.count("SELECT COUNT(*) FROM training_seminar_member WHERE group_id = :id", group);
	}

	@Test
	void groupsAreAddedAndFilledFromTheClassroomsTraineesByNameAndTheirFacilitatorChanged() throws Exception {
		String prefix = unique("研讨学员");
		List<Long> trainees = d.trainees(prefix, 25);
		String edit = "/training/seminars/" + seminar + "/edit";

		String page = body(mvc.perform(d.page("harbin-admin", edit)).andExpect(status().isOk()));
		assertThat(page).contains("group-form").contains("value=\"" + d.teacher + "\"").contains("value=\"" + d.grid + "\"");

		// a group needs a name and one of the classroom's facilitators
		String bad = body(mvc.perform(d.htmx("harbin-admin", edit + "/groups").param("name", "").param("facilitatorPersonId", ""))
			.andExpect(status().isOk()));
		assertThat(bad).doesNotContain("<html").contains("is-invalid").contains("必填");
		String notStaff = body(mvc.perform(d.htmx("harbin-admin", edit + "/groups").param("name", "第一组")
				.param("facilitatorPersonId", Long.toString(d.secretary))).andExpect(status().isOk()));
		assertThat(notStaff).contains("引导员须是本课堂的引导员或班主任").contains("value=\"第一组\"");
		assertThat(groups()).isZero();
		String added = body(mvc.perform(d.htmx("harbin-admin", edit + "/groups").param("name", "第一组")
				.param("facilitatorPersonId", Long.toString(d.teacher))).andExpect(status().isOk()));
		assertThat(added).doesNotContain("<html").contains("id=\"seminar-groups\"").contains("第一组");
		long group = jdbc.sql("SELECT id FROM training_seminar_group WHERE seminar_id = :s AND name = '第一组'").param("s", seminar)
			.query(Long.class).single();
		assertThat(d.fx.audits("TRAINING_SEMINAR_GROUP_CREATE", seminar)).isEqualTo(1);
		// without a script: a redirect back to the group
		mvc.perform(d.form("harbin-admin", edit + "/groups").param("name", "第二组").param("facilitatorPersonId", Long.toString(d.grid)))
			.andExpect(status().is3xxRedirection());
		assertThat(groups()).isEqualTo(2);

		// the picker: the classroom's 27 trainees in no group, 20 at a time; typing narrows them
		String candidates = "/training/seminar-groups/" + group + "/edit/candidates";
		String all = body(mvc.perform(d.page("harbin-admin", candidates).header("HX-Request", "true")).andExpect(status().isOk()));
		assertThat(all).doesNotContain("<html").contains("尚未分组的学员 27 人");
		assertThat(occurrences(all, "data-testid=\"add-member-")).isEqualTo(20);
		long picked = trainees.get(7);
		String one = body(mvc.perform(d.page("harbin-admin", candidates + "?q=" + prefix + "17").header("HX-Request", "true")));
		assertThat(occurrences(one, "data-testid=\"add-member-")).isEqualTo(1);
		assertThat(one).contains("add-member-" + picked);
		assertThat(body(mvc.perform(d.page("harbin-admin", candidates + "?q=%25")))).contains("<html").contains("没有匹配的未分组学员");

		// put in: the group's fragment shows them; they leave the picker
		String in = body(mvc.perform(d.htmx("harbin-admin", "/training/seminar-groups/" + group + "/edit/members")
			.param("personId", Long.toString(picked))).andExpect(status().isOk()));
		assertThat(in).doesNotContain("<html").contains("id=\"group-" + group + "\"").contains(prefix + "17")
			.contains("remove-member-" + picked);
		mvc.perform(d.form("harbin-admin", "/training/seminar-groups/" + group + "/edit/members")
			.param("personId", Long.toString(d.secretary)))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/training/seminars/" + seminar + "/edit#group-" + group));
		assertThat(members(group)).isEqualTo(2);
		assertThat(body(mvc.perform(d.page("harbin-admin", candidates + "?q=" + prefix + "17").header("HX-Request", "true"))))
			.contains("尚未分组的学员 25 人").doesNotContain("add-member-" + picked);
		assertThat(d.fx.audits("TRAINING_SEMINAR_MEMBERS_ADD", seminar)).isEqualTo(2);

		// someone not a trainee of the classroom, or already in a group, or no number at all
		assertThat(body(mvc.perform(d.htmx("harbin-admin", "/training/seminar-groups/" + group + "/edit/members")
			.param("personId", "987654321")))).contains("member-error").contains("不是本课堂已确认的学员");
		assertThat(body(mvc.perform(d.htmx("harbin-admin", "/training/seminar-groups/" + group + "/edit/members")
			.param("personId", Long.toString(picked))))).contains("已在本次研讨的某个小组中");
		assertThat(body(mvc.perform(d.htmx("harbin-admin", "/training/seminar-groups/" + group + "/edit/members")
			.param("personId", "abc")))).contains("格式不正确");
		assertThat(members(group)).isEqualTo(2);

		// taken out, unless they still own a measure of the list
		d.item(group, "建立议事协商制度", d.secretary);
		assertThat(body(mvc.perform(d.htmx("harbin-admin", "/training/seminar-groups/" + group + "/edit/members/" + d.secretary
				+ "/remove")))).contains("该组员仍是清单中措施的责任人");
		String out = body(mvc.perform(d.htmx("harbin-admin", "/training/seminar-groups/" + group + "/edit/members/" + picked
				+ "/remove")).andExpect(status().isOk()));
		assertThat(out).doesNotContain("remove-member-" + picked).contains("remove-member-" + d.secretary);
		assertThat(members(group)).isEqualTo(1);
		assertThat(d.fx.audits("TRAINING_SEMINAR_MEMBER_REMOVE", seminar)).isEqualTo(1);

		// another facilitator: one of the classroom's, nobody else
		String facilitator = "/training/seminar-groups/" + group + "/edit/facilitator";
		assertThat(body(mvc.perform(d.htmx("harbin-admin", facilitator).param("facilitatorPersonId", Long.toString(d.secretary)))))
			.contains("引导员须是本课堂的引导员或班主任");
		assertThat(d.count("SELECT facilitator_person_id FROM training_seminar_group WHERE id = :id", group)).isEqualTo(d.teacher);
		mvc.perform(d.htmx("harbin-admin", facilitator).param("facilitatorPersonId", Long.toString(d.grid)))
			.andExpect(status().isOk());
		assertThat(d.count("SELECT facilitator_person_id FROM training_seminar_group WHERE id = :id", group)).isEqualTo(d.grid);
		assertThat(d.fx.audits("TRAINING_SEMINAR_GROUP_FACILITATOR", seminar)).isEqualTo(1);

		// the head teacher runs the workbench as well; the seminar page links to it
		assertThat(body(mvc.perform(d.page("hlj-teacher", edit)).andExpect(status().isOk()))).contains("group-form");
		assertThat(body(mvc.perform(d.page("hlj-teacher", "/training/seminars/" + seminar)))).contains("edit-seminar");
		assertThat(body(mvc.perform(d.page("hlj-secretary", "/training/seminars/" + seminar)).andExpect(status().isOk())))
			.doesNotContain("edit-seminar");
	}
}
