package cn.grassroots.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.options.AriaRole;

class MainFlowsBrowserTests extends BrowserTest {

	@Test
	void theUiIsChineseWhateverTheBrowserAsks() {
		logIn("hlj-admin");
		assertThat(page.locator(".gr-brand")).hasText("党建引领基层治理一体化平台");
		assertThat(page.locator(".gr-scope").first()).containsText("黑龙江省");
	}

	@Test
	void browseTheTreeDownToACommunity() {
		logIn("hlj-admin");
		page.locator("#gr-nav").getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("行政区划").setExact(true)).click();
		page.getByRole(AriaRole.LINK, new com.microsoft.playwright.Page.GetByRoleOptions().setName("黑龙江省")).click();
		assertThat(page.locator("[data-testid=region-code]")).hasText("230000000000");
		page.locator("[data-testid=region-children] a", new com.microsoft.playwright.Page.LocatorOptions().setHasText("哈尔滨市")).click();
		page.locator("[data-testid=region-children] a", new com.microsoft.playwright.Page.LocatorOptions().setHasText("道里区")).click();
		page.locator("[data-testid=region-children] a", new com.microsoft.playwright.Page.LocatorOptions().setHasText("兆麟街道")).click();
		page.locator("[data-testid=region-children] a", new com.microsoft.playwright.Page.LocatorOptions().setHasText("省报社社区居委会")).click();
		assertThat(page.locator("[data-testid=region-code]")).hasText("230102001001");
		assertThat(page.locator(".gr-breadcrumb")).containsText("兆麟街道");
		assertThat(page.locator(".gr-badge").nth(1)).hasText("社区");
		screenshot("region-community");
	}

	@Test
	void searchANameAcrossBothProvinces() {
		logIn("hlj-admin");
		page.navigate(url("/regions"));
		page.fill("#q", "红旗村委会");
		page.click("form.gr-filters button[type=submit]");
		assertThat(page.locator(".gr-pager")).containsText("共 34 条");
		assertThat(page.locator("[data-testid=region-results] tbody tr")).hasCount(20);
		assertThat(page.locator("[data-testid=region-results] tbody tr").first()).containsText("黑龙江省 / ");
		screenshot("region-search");
	}

	@Test
	void aCommunitySecretaryGetsTheForbiddenPageForANingxiaRegion() {
		logIn("hlj-secretary");
		var response = page.navigate(url("/people?region=64"));
		assertThat(response.status()).isEqualTo(403);
		assertThat(page.locator("[data-testid=error-403]")).containsText("无权访问");
	}

	@Test
	void thePeopleListFiltersInPlaceAndShowsMaskedNumbers() {
		logIn("harbin-admin");
		page.navigate(url("/people"));
		page.fill("#region", "230102001001");
		page.click("form.gr-filters button[type=submit]");
		assertThat(page.locator("[data-testid=people-results] tbody tr").first()).containsText("****");
		assertThat(page).hasURL(java.util.regex.Pattern.compile(".*region=230102001001.*"));
		screenshot("people-list");
	}

	@Test
	void englishIsOneClickAway() {
		logIn("hlj-admin");
		page.click(".gr-lang");
		assertThat(page.locator(".gr-brand")).hasText("Grassroots Governance Platform");
		page.navigate(url("/regions"));
		assertThat(page.locator("h1")).hasText("Administrative regions");
	}
}
