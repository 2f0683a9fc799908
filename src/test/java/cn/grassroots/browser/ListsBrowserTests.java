package cn.grassroots.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.BoundingBox;

/** The list pages in a browser: sorting by a column header, the region picker, and the phone layout. */
class ListsBrowserTests extends BrowserTest {

	private static final double TAP = 44;

	@Test
	void clickingTheNameHeaderReordersThePeopleAndThePagerKeepsTheOrder() {
		logIn("harbin-admin");
		page.navigate(url("/people"));
		Locator nameHeader = page.locator("[data-testid=people-results] th:has(a[data-sort-key=name])");
		Locator names = page.locator("[data-testid=people-results] tbody td:first-child a");
		assertThat(nameHeader).hasAttribute("aria-sort", "ascending");
		List<String> ascending = names.allTextContents();
		assertThat(ascending).hasSize(20);

		nameHeader.locator("a", new Locator.LocatorOptions().setHasText("姓名")).click();
		assertThat(nameHeader).hasAttribute("aria-sort", "descending");
		assertThat(page).hasURL(Pattern.compile(".*[?&]sort=-name.*"));
		List<String> descending = names.allTextContents();
		assertThat(descending).hasSize(20).isNotEqualTo(ascending);
		assertThat(descending.get(0)).isNotEqualTo(ascending.get(0));
		assertThat(page.locator("[data-testid=people-results] th:has(a[data-sort-key=gender])"))
			.hasAttribute("aria-sort", "none");
		screenshot("people-sorted");

		page.locator(".gr-pager a", new com.microsoft.playwright.Page.LocatorOptions().setHasText("下一页")).click();
		assertThat(page).hasURL(Pattern.compile(".*sort=-name.*page=1.*"));
		assertThat(nameHeader).hasAttribute("aria-sort", "descending");
		assertThat(names.first()).not().hasText(descending.get(0));

		// a filter keeps the order too
		page.selectOption("#partyMember", "true");
		assertThat(page).hasURL(Pattern.compile(".*partyMember=true.*"));
		assertThat(page).hasURL(Pattern.compile(".*sort=-name.*"));
		assertThat(nameHeader).hasAttribute("aria-sort", "descending");

		nameHeader.locator("a").click();
		assertThat(nameHeader).hasAttribute("aria-sort", "ascending");
		assertThat(page).hasURL(Pattern.compile(".*[?&]sort=name.*"));
	}

	@Test
	void theRegionPickerFillsTheCodeAndFiltersThePeople() {
		logIn("harbin-admin");
		page.navigate(url("/people"));
		page.locator("#region-search").pressSequentially("省报社", new Locator.PressSequentiallyOptions().setDelay(50));
		Locator suggestion = page.locator("[data-pick-region][data-code='230102001001']");
		assertThat(suggestion).containsText("黑龙江省 / 哈尔滨市 / 道里区 / 兆麟街道 / 省报社社区居委会");
		screenshot("region-picker");
		suggestion.click();
		assertThat(page.locator("#region")).hasValue("230102001001");
		assertThat(page).hasURL(Pattern.compile(".*region=230102001001.*"));
		assertThat(page.locator("[data-testid=region-suggestions] li")).hasCount(0);
		assertThat(page.locator("[data-testid=people-results] tbody tr").first()).containsText("省报社社区居委会");
		assertThat(page.url()).doesNotContain("region-search");
	}

	@Test
	void aGridWorkerSeesThePeopleAsCardsOnAPhone() {
		usePhone();
		logIn("hlj-grid");
		page.navigate(url("/people"));
		Locator cards = page.locator("[data-testid=people-cards] .gr-card");
		assertThat(cards.first()).isVisible();
		assertThat(page.locator("[data-testid=people-results]")).isHidden();
		assertThat(cards.first()).containsText("省报社社区居委会");
		for (Locator card : cards.all()) {
			assertThat(card.boundingBox().height).isGreaterThanOrEqualTo(TAP);
		}
		// nothing wider than the phone
		assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(390);

		// the top bar keeps the user's name and logout, and drops the scope chips
		assertThat(page.locator(".gr-user-name")).isVisible();
		assertThat(page.locator(".gr-logout")).isVisible();
		assertThat(page.locator(".gr-logout").boundingBox().height).isGreaterThanOrEqualTo(TAP);
		assertThat(page.locator(".gr-scope").first()).isHidden();

		// filters stack in one column
		BoundingBox region = page.locator("#region").boundingBox();
		BoundingBox name = page.locator("#name").boundingBox();
		assertThat(name.y).isGreaterThan(region.y + region.height - 1);
		assertThat(Math.abs(name.x - region.x)).isLessThan(2);
		assertThat(page.locator("#name").boundingBox().height).isGreaterThanOrEqualTo(TAP);
		screenshot("people-phone");

		// the left navigation waits behind the toggle
		assertThat(page.locator("#gr-nav")).isHidden();
		page.locator("[data-toggle-nav]").click();
		assertThat(page.locator("#gr-nav")).isVisible();
		assertThat(page.locator("[data-toggle-nav]")).hasAttribute("aria-expanded", "true");
		screenshot("people-phone-nav");
		page.locator("#gr-nav a[href='/grids']").click();
		page.waitForURL(url("/grids"));
		assertThat(page.locator("[data-testid=grid-cards] .gr-card").first()).containsText("第一网格");
		assertThat(page.locator("[data-testid=grid-results]")).isHidden();
		screenshot("grids-phone");

		page.navigate(url("/people"));
		page.locator("[data-testid=people-cards] .gr-card-link").first().tap();
		assertThat(page).hasURL(Pattern.compile(".*/people/\\d+"));
	}
}
