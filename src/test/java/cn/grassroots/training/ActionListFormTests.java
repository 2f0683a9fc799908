package cn.grassroots.training;

import static cn.grassroots.training.TrainingFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import cn.grassroots.IntegrationTest;

/**
 * A group's facilitator writes its achievement-conversion list on the desk: measures added with an
 * owner among the members, a community, a deadline and the expected result, each answered by htmx
 * with the group alone, bad input beside its field and nothing stored, measures removed; once an
 * officer adopts the list the page shows it read-only and every change is refused.
 */
@IntegrationTest
class ActionListFormTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	SeminarDeskFixtures d;
	long seminar;
	long group;
	long list;
	String items;

	@BeforeEach
	void setUp() throws Exception {
		// hlj-teacher is only a facilitator here: they write the group's list, nothing else
		d = new SeminarDeskFixtures(mvc, jdbc, "FACILITATOR");
		seminar = d.seminar(unique("议事协商研讨"));
		group = d.group(seminar, "第一组", d.teacher);
		d.members(group, d.secretary, d.grid);
		list = d.listOf(group);
		items = "/training/seminar-groups/" + group + "/edit/items";
	}

	private static String body(ResultActions r) throws Exception {
		return r.andReturn().getResponse().getContentAsString();
	}

	private long itemCount() {
		return d.count("SELECT COUNT(*) FROM training_action_item WHERE list_id = :id", list);
	}

	private MockHttpServletRequestBuilder item(MockHttpServletRequestBuilder b, String title, long owner, String community,
			String deadline, String expected) {
		return b.param("title", title).param("ownerPersonId", Long.toString(owner)).param("communityCode", community)
			.param("deadline", deadline).param("expectedResult", expected);
	}

	@Test
	void theFacilitatorWritesTheListItemByItemAndOnceAdoptedItIsReadOnly() throws Exception {
		String edit = "/training/seminars/" + seminar + "/edit";
		String page = body(mvc.perform(d.page("hlj-teacher", edit)).andExpect(status().isOk()));
		assertThat(page).contains("item-form-" + group).contains("communityCode-" + group + "-search")
			.doesNotContain("group-form").doesNotContain("member-search-").doesNotContain("remove-member-");

		// added: the group's fragment, not the page
		String added = body(mvc.perform(item(d.htmx("hlj-teacher", items), "楼栋长联系群众全覆盖", d.secretary, "230102001001",
				"2026-12-31", "每栋楼一名楼栋长")).andExpect(status().isOk()));
		assertThat(added).doesNotContain("<html").contains("id=\"group-" + group + "\"").contains("楼栋长联系群众全覆盖")
			.contains("每栋楼一名楼栋长");
		assertThat(itemCount()).isEqualTo(1);
		assertThat(d.fx.audits("TRAINING_ACTION_ITEM_ADD", list)).isEqualTo(1);

		// bad input: each field's message, the typed values kept, nothing stored
		String bad = body(mvc.perform(item(d.htmx("hlj-teacher", items), "", d.teacher, "2301", "2020-01-01", "保留的预期成效"))
			.andExpect(status().isOk()));
		assertThat(bad).contains("is-invalid").contains("必填").contains("责任人须是本组学员").contains("请选择社区（村）一级的区划")
			.contains("完成时限应在研讨之后三年以内").contains("保留的预期成效");
		assertThat(body(mvc.perform(item(d.htmx("hlj-teacher", items), "日期写错", d.grid, "230102001001", "2026-02-30", "x"))))
			.contains("格式不正确");
		assertThat(body(mvc.perform(item(d.form("hlj-teacher", items), "没有社区", d.grid, "", "2026-12-31", "x"))
			.andExpect(status().isOk()))).contains("<html").contains("必填");
		assertThat(itemCount()).isEqualTo(1);

		// removed
		mvc.perform(item(d.form("hlj-teacher", items), "物业联席会议", d.grid, "230102001001", "2027-03-31", "每季度一次"))
			.andExpect(status().is3xxRedirection());
		long second = jdbc.sql("SELECT id FROM training_action_item WHERE list_id = :l AND title = '物业联席会议'").param("l", list)
			.query(Long.class).single();
		String removed = body(mvc.perform(d.htmx("hlj-teacher", items + "/" + second + "/remove")).andExpect(status().isOk()));
		assertThat(removed).doesNotContain("物业联席会议").contains("楼栋长联系群众全覆盖");
		assertThat(itemCount()).isEqualTo(1);
		assertThat(d.fx.audits("TRAINING_ACTION_ITEM_REMOVE", list)).isEqualTo(1);
		// an item of another group is not this group's
		long other = d.group(seminar, "第二组", d.teacher);
		long third = d.trainees(unique("二组学员"), 1).get(0);
		d.members(other, third);
		long foreign = d.item(other, "别组的措施", third);
		mvc.perform(d.htmx("hlj-teacher", items + "/" + foreign + "/remove")).andExpect(status().isNotFound());

		// adopted by an officer: read-only on the page, every change refused, nothing stored
		mvc.perform(d.form("harbin-admin", "/training/seminar-groups/" + group + "/adopt")).andExpect(status().is3xxRedirection());
		long first = jdbc.sql("SELECT id FROM training_action_item WHERE list_id = :l").param("l", list).query(Long.class).single();
		String readOnly = body(mvc.perform(d.page("harbin-admin", edit)).andExpect(status().isOk()));
		String adoptedGroup = groupIn(readOnly, group);
		assertThat(adoptedGroup).contains("read-only").contains("楼栋长联系群众全覆盖").doesNotContain("item-form-")
			.doesNotContain("remove-item-").doesNotContain("remove-member-").doesNotContain("member-search-")
			.doesNotContain("/edit/facilitator");
		mvc.perform(item(d.form("hlj-teacher", items), "通过后再加", d.grid, "230102001001", "2026-12-31", "x"))
			.andExpect(status().isConflict());
		assertThat(body(mvc.perform(item(d.htmx("hlj-teacher", items), "通过后再加", d.grid, "230102001001", "2026-12-31", "x"))
			.andExpect(status().isOk()))).contains("adopted-meanwhile").doesNotContain("item-form-" + group);
		mvc.perform(d.form("harbin-admin", items + "/" + first + "/remove")).andExpect(status().isConflict());
		mvc.perform(d.form("harbin-admin", "/training/seminar-groups/" + group + "/edit/members/" + d.grid + "/remove"))
			.andExpect(status().isConflict());
		mvc.perform(d.form("harbin-admin", "/training/seminar-groups/" + group + "/edit/facilitator")
			.param("facilitatorPersonId", Long.toString(d.teacher))).andExpect(status().isConflict());
		assertThat(itemCount()).isEqualTo(1);
		assertThat(d.count("SELECT COUNT(*) FROM training_seminar_member WHERE group_id = :id", group)).isEqualTo(2);
		assertThat(d.fx.audits("TRAINING_ACTION_ITEM_ADD", list)).isEqualTo(2);
	}

	/** The part of the page that shows the group: from its element to the next group's or the end of the groups. */
	private static String groupIn(String page, long groupId) {
		String rest = page.substring(page.indexOf(" id=\"group-" + groupId + "\""));
		int next = rest.indexOf(" id=\"group-", 1);
		return next < 0 ? rest : rest.substring(0, next);
	}
}
