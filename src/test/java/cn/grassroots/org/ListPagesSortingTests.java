package cn.grassroots.org;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import cn.grassroots.IntegrationTest;

/** Sortable column headers on the list pages, the sort kept in the pager and the filters, phone cards, the region picker. */
@IntegrationTest
class ListPagesSortingTests {

	@Autowired
	MockMvc mvc;

	private String page(String url, String account, String sort, boolean htmx) throws Exception {
		var request = get(url).param("sort", sort).param("size", "10").with(as(account));
		if (htmx) {
			request.header("HX-Request", "true");
		}
		return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	@Test
	void everyListPageSortsByAColumnAndKeepsTheSortInThePagerAndTheFilters() throws Exception {
		// list page, account, a descending key, the form that carries the sort
		Map<String, String[]> lists = Map.of(
				"/people", new String[] { "harbin-admin", "gender", "people-filters" },
				"/grids", new String[] { "hlj-admin", "households", "grid-filters" },
				"/units", new String[] { "hlj-admin", "name", "unit-filters" },
				"/party-organisations", new String[] { "hlj-admin", "name", "party-org-filters" },
				"/accounts", new String[] { "sys-admin", "displayName", "account-filters" },
				"/audit", new String[] { "auditor", "action", "audit-filters" });
		for (var list : lists.entrySet()) {
			String url = list.getKey();
			String account = list.getValue()[0];
			String key = list.getValue()[1];
			for (boolean htmx : new boolean[] { false, true }) {
				String html = page(url, account, "-" + key, htmx);
				assertThat(html).as(url).contains("aria-sort=\"descending\"", "gr-sort-desc")
					// a second click sorts ascending again
					.containsPattern("href=\"" + Pattern.quote(url) + "\\?[^\"]*sort=" + key + "\"")
					// the form keeps the sort when a filter changes, the pager when the page does
					.contains("name=\"sort\" form=\"" + list.getValue()[2] + "\" value=\"-" + key + "\"")
					.containsPattern("class=\"gr-pager\"[\\s\\S]*sort=-" + key + "&amp;size=50");
				assertThat(html.contains("<html")).as(url).isEqualTo(!htmx);
			}
			mvc.perform(get(url).param("sort", "nonsense").with(as(account)))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("error-400")));
			mvc.perform(get(url).param("sort", "-nonsense").header("HX-Request", "true").with(as(account)))
				.andExpect(status().isBadRequest());
		}
	}

	@Test
	void theDefaultOrderShowsOnItsColumnAndStaysOutOfTheLinks() throws Exception {
		String people = mvc.perform(get("/people").with(as("harbin-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(people).contains("aria-sort=\"ascending\"", "sort=-name\"").doesNotContain("name=\"sort\"");
		String audit = mvc.perform(get("/audit").with(as("auditor")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(audit).contains("aria-sort=\"descending\"", "sort=time\"");
		String jobs = mvc.perform(get("/jobs").param("sort", "rows").with(as("harbin-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(jobs).contains("aria-sort=\"ascending\"", "/jobs?sort=-rows\"");
		mvc.perform(get("/jobs").param("sort", "owner").with(as("harbin-admin"))).andExpect(status().isBadRequest());
	}

	@Test
	void thePeopleAndGridListsCarryACardPerRowForPhones() throws Exception {
		String people = page("/people", "hlj-grid", "name", true);
		assertThat(people).contains("data-testid=\"people-cards\"", "data-testid=\"people-results\"", "省报社社区居委会",
				"class=\"gr-card-link\"");
		assertThat(count(people, "class=\"gr-card\"")).isEqualTo(count(people, "<tr>") - 1);
		String grids = page("/grids", "hlj-secretary", "code", true);
		assertThat(grids).contains("data-testid=\"grid-cards\"", "第一网格", "省报社社区居委会");
	}

	private static int count(String text, String part) {
		Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
		int n = 0;
		while (m.find()) {
			n++;
		}
		return n;
	}

	@Test
	void theRegionPickerSuggestsTenRegionsWithTheirPathsAndCodes() throws Exception {
		String page = mvc.perform(get("/people").with(as("harbin-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("data-region-picker", "data-code-field=\"region\"", "hx-get=\"/regions/suggest\"");
		for (String list : new String[] { "/grids", "/units", "/party-organisations" }) {
			mvc.perform(get(list).with(as("hlj-admin"))).andExpect(content().string(containsString("data-region-picker")));
		}

		String many = mvc.perform(get("/regions/suggest").param("q", "红旗村委会").header("HX-Request", "true")
				.with(as("hlj-grid")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(count(many, "data-pick-region")).isEqualTo(10);
		assertThat(many).contains("黑龙江省 / ").doesNotContain("<html", "<ul");

		String harbin = mvc.perform(get("/regions/suggest").param("q", "哈尔滨").header("HX-Request", "true")
				.with(as("harbin-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(harbin).contains("data-code=\"230100000000\"", "data-name=\"哈尔滨市\"", "黑龙江省 / 哈尔滨市");

		String byCode = mvc.perform(get("/regions/suggest").param("q", "2301020010").header("HX-Request", "true")
				.with(as("harbin-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(byCode).contains("data-code=\"230102001001\"", "省报社社区居委会");

		String none = mvc.perform(get("/regions/suggest").param("q", "没有这个地方").header("HX-Request", "true")
				.with(as("harbin-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(none).contains("没有匹配的区域").doesNotContain("data-pick-region");
		String blank = mvc.perform(get("/regions/suggest").param("q", " ").header("HX-Request", "true")
				.with(as("harbin-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(blank).doesNotContain("<li");
		mvc.perform(get("/regions/suggest").param("q", "%_\\'\"<>".repeat(20)).header("HX-Request", "true")
				.with(as("harbin-admin")))
			.andExpect(status().isOk());
		mvc.perform(get("/regions/suggest").param("q", "哈尔滨").with(as("harbin-admin")))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/regions?q=%E5%93%88%E5%B0%94%E6%BB%A8"));
	}
}
