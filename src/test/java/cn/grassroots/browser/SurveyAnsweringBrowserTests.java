package cn.grassroots.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import cn.grassroots.surveys.Distributions;
import cn.grassroots.surveys.SurveyFixtures;
import cn.grassroots.surveys.XlsformFiles;

/**
 * A grid worker answers the every-type questionnaire on a 375-pixel phone: sections one at a time,
 * skip logic and the choice filter as they go, the answers saved and back after a reload, a
 * required answer asked for, then the receipt — and the same link again shows it.
 */
@AutoConfigureMockMvc
class SurveyAnsweringBrowserTests extends BrowserTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	void useSmallPhone() {
		context.close();
		context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN")
			.setViewportSize(375, 667)
			.setDeviceScaleFactor(2)
			.setIsMobile(true)
			.setHasTouch(true));
		context.setDefaultTimeout(15_000);
		page = context.newPage();
	}

	Locator choice(String question, String label) {
		return page.locator("#q-" + question + " label", new Page.LocatorOptions().setHasText(label));
	}

	@Test
	void aGridWorkerAnswersOnAPhoneResumesAfterAReloadAndGetsAReceipt() throws Exception {
		long questionnaire = SurveyFixtures.createQuestionnaire(mvc, "hlj-admin",
				XlsformFiles.everyType("b" + UUID.randomUUID().toString().substring(0, 8)).bytes());
		long distribution = Distributions.id(Distributions.create(mvc, "hlj-admin", questionnaire, "TOKENS", true, "23",
				new String[] { "GRID_WORKER", "230102", "1" }));
		String token = Distributions.links(mvc, "hlj-admin", questionnaire, distribution, "COUNT").get(0);

		useSmallPhone();
		page.navigate(url("/a/" + token));
		assertThat(page.locator(".ans-head h1")).hasText("网格工作调查");
		// the grid section is shown only to grid workers: two parts until the role is known
		assertThat(page.locator("#ans-progress-text")).hasText("第 1 / 2 部分");
		// the page fits the phone: nothing to scroll sideways
		assertThat((Integer) page.evaluate("document.documentElement.scrollWidth")).isLessThanOrEqualTo(375);

		choice("position", "网格员").click();
		assertThat(page.locator("#ans-progress-text")).hasText("第 1 / 3 部分");
		choice("city", "哈尔滨市").click();
		// the choice filter offers only Harbin's districts
		assertThat(choice("county", "龙沙区")).isHidden();
		choice("county", "道里区").click();
		page.fill("#q-years input", "5");
		page.locator("#q-years input").blur();
		assertThat(page.locator("#ans-saved")).hasText("已自动保存");

		// a reload brings the saved answers back
		page.reload();
		assertThat(page.locator("#q-position input[value=grid_worker]")).isChecked();
		assertThat(page.locator("#q-county input[value=daoli]")).isChecked();
		assertThat(page.locator("#q-years input")).hasValue("5");

		page.click("#ans-next");
		assertThat(page.locator("#q-problems")).isVisible();
		assertThat(page.locator("#q-position")).isHidden();
		// required in this section: the next button asks for it
		page.click("#ans-next");
		assertThat(page.locator("#q-problems .ans-error")).hasText("此题为必答题");
		choice("problems", "会议多").click();
		choice("problems", "其他").click();
		page.locator("#q-top3 select[data-place='1']").selectOption("other");
		page.locator("#q-top3 select[data-place='2']").selectOption("meetings");
		choice("burden", "4").click();
		page.click("#ans-next");

		// "detail" is asked for because "other" was picked
		assertThat(page.locator("#q-detail")).isVisible();
		assertThat(page.locator("#q-trained")).isVisible();
		choice("trained", "是").click();
		page.click("#ans-submit");
		assertThat(page.locator("#q-detail .ans-error")).hasText("此题为必答题");
		page.fill("#q-detail textarea", "报表太多\n会议也多");
		// where they live: picked level by level, each level fetched as the one above is chosen; the code follows
		Locator levels = page.locator("#q-home select.ans-region-level");
		assertThat(levels).hasCount(1);
		levels.nth(0).selectOption("230100000000");
		levels.nth(1).selectOption("230102000000");
		levels.nth(2).selectOption("230102001000");
		levels.nth(3).selectOption("230102001001");
		assertThat(page.locator("#q-home input")).hasValue("230102001001");
		// choosing higher up again drops the levels below and answers with that region
		levels.nth(1).selectOption("230103000000");
		assertThat(page.locator("#q-home input")).hasValue("230103000000");
		assertThat(levels).hasCount(3);
		levels.nth(2).selectOption(new com.microsoft.playwright.options.SelectOption().setIndex(1));
		String township = page.locator("#q-home input").inputValue();
		assertThat(township).startsWith("230103").hasSize(12);
		assertThat((Integer) page.evaluate("document.documentElement.scrollWidth")).isLessThanOrEqualTo(375);
		screenshot("survey-answer-phone");
		page.click("#ans-submit");
		assertThat(page.locator("#ans-done")).isVisible();
		String receipt = page.locator("#ans-receipt").textContent();
		assertThat(receipt).matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}");

		// the link again shows the receipt; one response is stored
		page.reload();
		assertThat(page.locator("#ans-receipt")).hasText(receipt);
		assertThat(page.locator("#ans-form")).hasCount(0);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM survey_response WHERE questionnaire_id = :q").param("q", questionnaire)
			.query(Long.class).single()).isEqualTo(1);
		List<String> rows = jdbc.sql("SELECT role FROM survey_response WHERE questionnaire_id = :q").param("q", questionnaire)
			.query(String.class).list();
		assertThat(rows).containsExactly("GRID_WORKER");
		// the answer is the division code the picker wrote
		assertThat(jdbc.sql("SELECT open_answers FROM survey_response WHERE questionnaire_id = :q").param("q", questionnaire)
			.query(String.class).single()).contains(township);
	}

	@Test
	void anOpenLinkStartsWithRoleAndRegionAndAnUnknownLinkSaysSo() throws Exception {
		long questionnaire = SurveyFixtures.createQuestionnaire(mvc, "hlj-admin", SurveyFixtures.analysisForm());
		String body = Distributions.create(mvc, "hlj-admin", questionnaire, "OPEN", true, "23",
				new String[] { "RESIDENT", "230102", "5" }, new String[] { "GRID_WORKER", "230202", "5" });
		String link = com.jayway.jsonpath.JsonPath.read(body, "$.openLink");
		useSmallPhone();
		page.navigate(url(link.substring(link.indexOf("/a/o/"))));
		page.locator("#ans-role").selectOption("RESIDENT");
		assertThat(page.locator("#ans-region option[value='230202000000']")).isHidden();
		page.locator("#ans-region").selectOption("230102000000");
		page.click("#ans-start button[type=submit]");
		page.waitForURL(java.util.regex.Pattern.compile(".*/a/[A-Za-z0-9_-]{32}$"));
		String session = page.url();
		choice("satisfied", "是").click();
		choice("burden", "2").click();
		page.click("#ans-submit");
		assertThat(page.locator("#ans-done")).isVisible();
		// the open link remembers this phone's session
		page.navigate(url(link.substring(link.indexOf("/a/o/"))));
		page.waitForURL(session);
		assertThat(page.locator("#ans-done")).isVisible();

		var response = page.navigate(url("/a/" + "Z".repeat(32)));
		assertThat(response.status()).isEqualTo(404);
		assertThat(page.locator("[data-testid=answer-refused]")).containsText("链接无效");
	}
}
