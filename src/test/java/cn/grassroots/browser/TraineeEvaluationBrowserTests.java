package cn.grassroots.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * On the demo programme, on a phone-sized window: hlj-secretary goes from her timetable to 评教,
 * sends the form empty and sees an error at each scale, rates a session she attended and sees it
 * marked rated; hlj-teacher, no trainee of that classroom, is refused the same form.
 */
class TraineeEvaluationBrowserTests extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	/** A session of the demo's 道里 classroom (hlj-teacher leads it) hlj-secretary attended and has not rated yet. */
	private long attendedUnrated() {
		return jdbc.sql("""
				SELECT a.session_id FROM training_attendance a JOIN account u ON u.person_id = a.person_id
				JOIN training_session s ON s.id = a.session_id JOIN training_plan p ON p.id = s.plan_id
				JOIN training_classroom c ON c.id = p.classroom_id
				WHERE u.username = 'hlj-secretary' AND a.status IN ('PRESENT', 'LATE') AND c.name = '道里区分课堂'
				  AND NOT EXISTS (SELECT 1 FROM training_enrolment x JOIN account t ON t.person_id = x.person_id
				      WHERE x.classroom_id = c.id AND t.username = 'hlj-teacher')
				  AND NOT EXISTS (SELECT 1 FROM training_evaluation e WHERE e.session_id = a.session_id AND e.person_id = a.person_id)
				ORDER BY s.session_date DESC, s.start_time DESC, s.id""").query(Long.class).list().get(0);
	}

	@Test
	void aTraineeRatesASessionOnHerPhoneAndSeesItMarkedRated() {
		long session = attendedUnrated();
		usePhone();
		logIn("hlj-secretary");
		page.navigate(url("/training/me"));
		page.click("[data-testid=to-evaluations]");
		assertThat(page.locator("[data-testid=rate-" + session + "] [data-testid=rating-status]")).hasText("待评价");
		screenshot("training-phone-evaluations");
		page.click("[data-testid=rate-" + session + "]");

		// sent without choosing: an error at each scale, nothing saved
		page.click("[data-testid=rating-submit]");
		assertThat(page.locator("[data-testid=rating-errors]")).isVisible();
		for (String scale : new String[] { "content", "method", "usefulness", "lecturer" }) {
			assertThat(page.locator("[data-testid=error-" + scale + "]")).hasText("必填");
		}

		page.click("label[for=content-5]");
		page.click("label[for=method-4]");
		page.click("label[for=usefulness-5]");
		page.click("label[for=lecturer-4]");
		page.fill("#comment", "案例贴近社区实际，回去就能用");
		screenshot("training-phone-evaluation");
		page.click("[data-testid=rating-submit]");
		assertThat(page.locator("[data-testid=flash]")).isVisible();
		assertThat(page.locator("[data-testid=rate-" + session + "] [data-testid=rating-status]")).hasText("已评价");
		assertThat(jdbc.sql("""
				SELECT e.content_score * 1000 + e.method_score * 100 + e.usefulness_score * 10 + e.lecturer_score
				FROM training_evaluation e JOIN account u ON u.person_id = e.person_id
				WHERE e.session_id = :s AND u.username = 'hlj-secretary'""").param("s", session).query(Integer.class).single())
			.isEqualTo(5454);
		page.click("[data-testid=rate-" + session + "]");
		assertThat(page.locator("[data-testid=my-rating]")).containsText("案例贴近社区实际");
		assertThat(page.locator("[data-testid=rating-form]")).hasCount(0);
	}

	@Test
	void someoneWhoIsNoTraineeOfTheSessionIsRefusedItsForm() {
		long session = attendedUnrated();
		usePhone();
		logIn("hlj-teacher");
		assertThat(page.navigate(url("/training/me/evaluations/" + session)).status()).isEqualTo(403);
		assertThat(page.locator("[data-testid=rating-form]")).hasCount(0);
	}
}
