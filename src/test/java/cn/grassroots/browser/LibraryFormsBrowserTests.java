package cn.grassroots.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.Locator;

/**
 * harbin-admin records a case on the desk: the community is found with the region picker, which
 * refreshes the form in place with the community's size band and its secretaries; a lecturer form sent
 * without a name comes back in place with the message beside the field.
 */
class LibraryFormsBrowserTests extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	void anOfficerRecordsACaseOfACommunityPickedByName() {
		logIn("harbin-admin");
		page.navigate(url("/training/library"));
		page.locator("[data-testid=new-case]").click();
		page.waitForURL(url("/training/cases/new"));
		String title = "楼栋议事会" + System.nanoTime() % 1_000_000;
		page.locator("#title").fill(title);
		page.locator("#topic").selectOption("MASS_WORK");
		page.locator("#practice").fill("每栋楼推选楼栋长，每月召开议事会");
		page.locator("#results").fill("居民诉求当月办结率九成");
		page.locator("#communityCode-search").pressSequentially("省报社", new Locator.PressSequentiallyOptions().setDelay(50));
		page.locator("[data-pick-region][data-code='230102001001']").click();
		// the form came back with the community's path; the typed fields kept
		assertThat(page.locator("[data-testid=community-path]")).containsText("省报社社区居委会");
		assertThat(page.locator("#title")).hasValue(title);
		page.locator("#households").fill("1500");
		page.locator("#households").dispatchEvent("change");
		assertThat(page.locator("[data-testid=community-facts]")).containsText("1000–2999");
		screenshot("case-form");
		page.locator("[data-testid=save]").click();
		page.waitForURL(Pattern.compile(".*/training/cases/\\d+$"));
		assertThat(page.locator("h1")).hasText(title);
		assertThat(page.locator("[data-testid=case-history]")).containsText("TRAINING_CASE_CREATE");
		screenshot("case-page");
		assertThat(jdbc.sql("SELECT community_code FROM training_case WHERE title = :t").param("t", title).query(Long.class)
			.single()).isEqualTo(230102001001L);
	}

	@Test
	void aLecturerWithoutANameComesBackInPlaceWithTheFieldMarked() {
		logIn("harbin-admin");
		page.navigate(url("/training/lecturers/new"));
		page.locator("#name").evaluate("e => e.removeAttribute('required')");
		page.locator("#topic-MASS_WORK").check();
		page.locator("[data-testid=save]").click();
		assertThat(page.locator("#name")).hasClass(Pattern.compile(".*is-invalid.*"));
		assertThat(page.locator("[data-testid=form-errors]")).isVisible();
		assertThat(page).hasURL(url("/training/lecturers/new"));
		assertThat(page.locator("#topic-MASS_WORK")).isChecked();
		screenshot("lecturer-form-errors");
	}
}
