package cn.grassroots.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * On the demo programme: (a) hlj-secretary, on a phone-sized window, checks in by opening the
 * rotating QR code hlj-teacher shows and takes a quiz, her answers saved as she gives them;
 * (b) hlj-admin approves a branch classroom's submitted plan from the desk page.
 */
class TrainingBrowserTests extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	private long programme() {
		return jdbc.sql("SELECT id FROM training_programme WHERE name LIKE '%全省社区党组织书记常态化培训班' ORDER BY id")
			.query(Long.class).list().get(0);
	}

	private long classroom(String name) {
		return jdbc.sql("SELECT id FROM training_classroom WHERE programme_id = :p AND name = :n").param("p", programme())
			.param("n", name).query(Long.class).single();
	}

	/** A quiz of the demo bank open for the next hours: a single choice, a true/false and a short answer. */
	private long openQuiz() {
		long p = programme();
		OffsetDateTime now = OffsetDateTime.now();
		var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
		jdbc.sql("""
				INSERT INTO training_test (programme_id, kind, title, opens_at, closes_at, created_at)
				VALUES (:p, 'QUIZ', :title, :opens, :closes, :opens)""")
			.param("p", p).param("title", "浏览器随堂测试" + System.nanoTime() % 100000).param("opens", now.minusHours(1))
			.param("closes", now.plusHours(3)).update(key, "id");
		long test = key.getKey().longValue();
		List<Long> questions = List.of(question(p, "SINGLE"), question(p, "TRUE_FALSE"), question(p, "SHORT"));
		for (int i = 0; i < questions.size(); i++) {
			jdbc.sql("INSERT INTO training_test_question (test_id, question_id, position) VALUES (:t, :q, :i)")
				.param("t", test).param("q", questions.get(i)).param("i", i).update();
		}
		return test;
	}

	private long question(long programme, String kind) {
		return jdbc.sql("SELECT MIN(id) FROM training_question WHERE programme_id = :p AND kind = :k").param("p", programme)
			.param("k", kind).query(Long.class).single();
	}

	@Test
	void aTraineeChecksInByTheQrCodeOnHerPhoneAndTakesAQuiz() {
		long daoli = classroom("道里区分课堂");
		long session = jdbc.sql("""
				SELECT s.id FROM training_session s JOIN training_plan p ON p.id = s.plan_id
				WHERE p.classroom_id = :c AND s.session_date = :d
				  AND p.version_no = (SELECT MAX(version_no) FROM training_plan WHERE classroom_id = :c)
				ORDER BY s.start_time DESC""")
			.param("c", daoli).param("d", LocalDate.now(ZoneId.of("Asia/Shanghai"))).query(Long.class).list().get(0);
		long quiz = openQuiz();

		// the head teacher shows the session's rotating code
		logIn("hlj-teacher");
		page.navigate(url("/training/teach/sessions/" + session + "/qr"));
		assertThat(page.locator("[data-testid=qr-image]")).isVisible();
		String link = page.locator("[data-testid=qr-link]").getAttribute("href");
		assertThat(link).contains("/training/check-in?session=" + session + "&code=");
		screenshot("training-qr");

		// the trainee's phone opens what the QR code carries
		usePhone();
		logIn("hlj-secretary");
		page.navigate(link);
		assertThat(page.locator("#code")).hasValue(link.substring(link.indexOf("code=") + 5));
		page.click("[data-testid=check-in-submit]");
		assertThat(page.locator("[data-testid=check-in-result]")).isVisible();
		screenshot("training-phone-check-in");
		// her timetable in that classroom (other tests may have enrolled her elsewhere too)
		page.navigate(url("/training/me?classroom=" + daoli));
		assertThat(page.locator("[data-testid=session-" + session + "] [data-testid=my-status]")).isVisible();
		screenshot("training-phone-timetable");

		// the quiz, answered on the phone: each answer saved as it is given, then submitted once
		page.click("[data-testid=phone-tabs] >> text=测试");
		page.click("[data-testid=test-" + quiz + "]");
		long single = question(programme(), "SINGLE");
		long trueFalse = question(programme(), "TRUE_FALSE");
		long shortAnswer = question(programme(), "SHORT");
		page.locator("[data-testid=question-" + single + "] input[value=A]").check();
		assertThat(page.locator("#saved-" + single)).hasText("已保存");
		page.locator("[data-testid=question-" + trueFalse + "] input[value=T]").check();
		assertThat(page.locator("#saved-" + trueFalse)).hasText("已保存");
		page.locator("[data-testid=question-" + shortAnswer + "] textarea").fill("以党建引领整合网格、物业和志愿服务力量");
		assertThat(page.locator("#saved-" + shortAnswer)).hasText("已保存");
		screenshot("training-phone-quiz");
		page.onDialog(dialog -> dialog.accept());
		page.click("[data-testid=test-submit]");
		assertThat(page.locator("[data-testid=test-result]")).isVisible();
		screenshot("training-phone-quiz-submitted");
		assertThat(jdbc.sql("""
				SELECT COUNT(*) FROM training_submission s JOIN account a ON a.person_id = s.person_id
				WHERE s.test_id = :t AND a.username = 'hlj-secretary'""").param("t", quiz).query(Long.class).single())
			.isEqualTo(1);
		assertThat(jdbc.sql("""
				SELECT a.method FROM training_attendance a JOIN account u ON u.person_id = a.person_id
				WHERE a.session_id = :s AND u.username = 'hlj-secretary'""").param("s", session).query(String.class).single())
			.isEqualTo("QR");
	}

	@Test
	void anOfficerApprovesASubmittedPlan() {
		long classroom = jdbc.sql("""
				SELECT c.id FROM training_classroom c JOIN training_plan p ON p.classroom_id = c.id
				WHERE c.programme_id = :p AND p.status = 'SUBMITTED'
				  AND p.version_no = (SELECT MAX(version_no) FROM training_plan WHERE classroom_id = c.id)
				ORDER BY c.id""").param("p", programme()).query(Long.class).list().get(0);
		logIn("hlj-admin");
		page.navigate(url("/training/programmes/" + programme()));
		screenshot("training-programme");
		page.navigate(url("/training/classrooms/" + classroom + "/plan"));
		assertThat(page.locator("[data-testid=plan-rules]")).isVisible();
		assertThat(page.locator("[data-testid=plan-review]")).isVisible();
		page.fill("#comment", "方案符合要求，同意实施");
		screenshot("training-plan-review");
		page.click("[data-testid=plan-review] button.gr-primary");
		assertThat(page.locator("[data-testid=plan-status]")).containsText("已通过");
		assertThat(page.locator("[data-testid=plan-review]")).hasCount(0);
		assertThat(jdbc.sql("""
				SELECT status FROM training_plan WHERE classroom_id = :c
				AND version_no = (SELECT MAX(version_no) FROM training_plan WHERE classroom_id = :c)""")
			.param("c", classroom).query(String.class).single()).isEqualTo("APPROVED");
	}
}
