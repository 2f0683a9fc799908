package cn.grassroots.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * On the demo programme, the pickers that search as one types (htmx): hlj-admin forms a supervision
 * team by finding hlj-teacher in the roster and making them leader; hlj-teacher, head teacher of
 * 道里区分课堂, holds a symposium there and adds the trainee hlj-secretary by typing part of her name.
 */
class SupervisionFormsBrowserTests extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	private long programme() {
		return jdbc.sql("SELECT id FROM training_programme WHERE name LIKE '%全省社区党组织书记常态化培训班' ORDER BY id")
			.query(Long.class).list().get(0);
	}

	private long person(String username) {
		return jdbc.sql("SELECT person_id FROM account WHERE username = :u").param("u", username).query(Long.class).single();
	}

	@Test
	void aTeamIsFormedFromTheRosterAsOneTypes() {
		long p = programme();
		long teacher = person("hlj-teacher");
		String name = jdbc.sql("SELECT name FROM person WHERE id = :id").param("id", teacher).query(String.class).single();
		String team = "浏览器督学组" + System.nanoTime() % 100000;

		logIn("hlj-admin");
		page.navigate(url("/training/programmes/" + p + "/supervision"));
		page.click("[data-testid=new-team]");
		page.fill("#name", team);
		page.locator("[data-testid=member-search]").pressSequentially(name);
		page.click("#member-suggestions [data-person-id='" + teacher + "']");
		assertThat(page.locator("#chosen-members [data-member='" + teacher + "']")).isVisible();
		// searching again does not offer the picked member a second time
		page.locator("[data-testid=member-search]").fill("");
		page.locator("[data-testid=member-search]").pressSequentially(name);
		assertThat(page.locator("#member-suggestions li").first()).isVisible();
		assertThat(page.locator("#member-suggestions [data-person-id='" + teacher + "']")).hasCount(0);
		assertThat(page.locator("#chosen-members [data-member='" + teacher + "']")).hasCount(1);
		page.locator("[data-testid=member-search]").fill("");
		assertThat(page.locator("#member-suggestions li")).hasCount(0);
		page.check("#chosen-members [data-member='" + teacher + "'] input[name=leaderPersonId]");
		screenshot("training-supervision-team");
		page.click("[data-testid=team-form] button[type=submit]");
		page.waitForURL(url("/training/programmes/" + p + "/supervision"));
		assertThat(page.locator("body")).containsText(team);
		assertThat(jdbc.sql("""
				SELECT m.leader FROM training_supervision_member m JOIN training_supervision_team t ON t.id = m.team_id
				WHERE t.programme_id = :p AND t.name = :n AND m.person_id = :x""")
			.param("p", p).param("n", team).param("x", teacher).query(Boolean.class).single()).isTrue();
	}

	@Test
	void aHeadTeacherHoldsASymposiumAndPicksATraineeAsSheTypes() {
		long daoli = jdbc.sql("SELECT id FROM training_classroom WHERE programme_id = :p AND name = '道里区分课堂'")
			.param("p", programme()).query(Long.class).single();
		long secretary = person("hlj-secretary");
		String title = "浏览器座谈会" + System.nanoTime() % 100000;

		logIn("hlj-teacher");
		page.navigate(url("/training/classrooms/" + daoli + "/symposiums/new"));
		page.fill("#title", title);
		page.fill("#heldOn", "2026-06-22");
		page.click("[data-testid=symposium-form] button[type=submit]");
		page.waitForURL(url("/training/symposiums/*"));
		assertThat(page.locator("h1")).hasText(title);

		page.locator("[data-testid=people-search]").pressSequentially("淑珍");
		page.click("#people-suggestions [data-person-id='" + secretary + "']");
		assertThat(page.locator("[data-testid=participants]")).containsText("李淑珍");
		page.fill("#minutes", "学员建议增加现场观摩时间");
		page.click("[data-testid=minutes-form] button[type=submit]");
		assertThat(page.locator("#minutes")).hasValue("学员建议增加现场观摩时间");
		screenshot("training-symposium");
	}
}
