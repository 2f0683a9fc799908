package cn.grassroots.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * On the demo programme, hlj-teacher (head teacher of 道里区分课堂) holds a seminar from the desk
 * form, adds a group, finds a trainee by typing her name and puts her in, and writes a measure of
 * the group's list with the community found by the region picker — the list grows in place, the
 * page is never reloaded.
 */
class SeminarFormsBrowserTests extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	void aHeadTeacherHoldsASeminarFillsAGroupByNameAndWritesItsListWithoutReloading() {
		long daoli = jdbc.sql("""
				SELECT c.id FROM training_classroom c JOIN training_programme p ON p.id = c.programme_id
				WHERE p.name LIKE '%全省社区党组织书记常态化培训班' AND c.name = '道里区分课堂' ORDER BY c.id""")
			.query(Long.class).list().get(0);
		long teacher = jdbc.sql("SELECT person_id FROM account WHERE username = 'hlj-teacher'").query(Long.class).single();
		long secretary = jdbc.sql("SELECT person_id FROM account WHERE username = 'hlj-secretary'").query(Long.class).single();
		String name = jdbc.sql("SELECT person_name FROM training_enrolment WHERE classroom_id = :c AND person_id = :p")
			.param("c", daoli).param("p", secretary).query(String.class).single();
		String topic = "浏览器研讨" + System.nanoTime() % 100000;

		logIn("hlj-teacher");
		page.navigate(url("/training/classrooms/" + daoli + "/seminars"));
		page.click("[data-testid=new-seminar]");
		page.fill("#topic", topic);
		page.fill("#heldOn", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString());
		page.click("[data-testid=create-seminar]");
		page.waitForURL("**/edit");
		long seminar = jdbc.sql("SELECT id FROM training_seminar WHERE topic = :t").param("t", topic).query(Long.class).single();

		page.evaluate("window.stillThisPage = true");
		page.fill("#group-name", "第一组");
		page.selectOption("#group-facilitator", Long.toString(teacher));
		page.click("[data-testid=add-group]");
		assertThat(page.locator("[data-testid^=item-form-]")).hasCount(1);
		long group = jdbc.sql("SELECT id FROM training_seminar_group WHERE seminar_id = :s").param("s", seminar)
			.query(Long.class).single();

		// the member picker: typing the name narrows the classroom's trainees; a click puts her in
		page.locator("#member-search-" + group).pressSequentially(name, new com.microsoft.playwright.Locator.PressSequentiallyOptions().setDelay(30));
		page.click("[data-testid=add-member-" + secretary + "]");
		assertThat(page.locator("#group-" + group + " [data-testid=members]")).containsText(name);

		// a measure: owner among the members, community from the region picker
		page.fill("#title-" + group, "建立楼栋议事会");
		page.selectOption("#owner-" + group, Long.toString(secretary));
		page.locator("#communityCode-" + group + "-search").pressSequentially("省报社",
				new com.microsoft.playwright.Locator.PressSequentiallyOptions().setDelay(30));
		page.click("#communityCode-" + group + "-suggestions [data-code='230102001001']");
		assertThat(page.locator("#communityCode-" + group)).hasValue("230102001001");
		page.fill("#deadline-" + group, LocalDate.now(ZoneId.of("Asia/Shanghai")).plusMonths(6).toString());
		page.fill("#expected-" + group, "每个楼栋每月议事一次");
		page.click("[data-testid=add-item-" + group + "]");
		assertThat(page.locator("#group-" + group + " [data-testid=items]")).containsText("建立楼栋议事会");
		screenshot("training-seminar-list-form");
		assertThat((Boolean) page.evaluate("window.stillThisPage === true")).isTrue();
		assertThat(jdbc.sql("""
				SELECT COUNT(*) FROM training_action_item i JOIN training_action_list l ON l.id = i.list_id
				WHERE l.group_id = :g AND i.owner_person_id = :p AND i.community_code = 230102001001""")
			.param("g", group).param("p", secretary).query(Long.class).single()).isEqualTo(1);
	}
}
