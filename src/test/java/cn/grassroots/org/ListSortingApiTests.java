package cn.grassroots.org;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;

/**
 * {@code sort} on the org list APIs: each key orders as asked in both directions, ties fall back
 * on the id so pages never overlap, and an unknown key is a 400 problem on field {@code sort}.
 * Text orders are compared with the database's own ORDER BY, so they hold under any collation.
 */
@IntegrationTest
class ListSortingApiTests {

	private static final String HARBIN = "BETWEEN 230100000000 AND 230199999999";
	private static final String HEILONGJIANG = "BETWEEN 230000000000 AND 239999999999";
	private static final String NINGXIA = "BETWEEN 640000000000 AND 649999999999";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	private String list(String url, String account, String... params) throws Exception {
		MockHttpServletRequestBuilder request = get(url).with(as(account));
		boolean sized = false;
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
			sized |= params[i].equals("size");
		}
		if (!sized) {
			request.param("size", "100");
		}
		return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	private static List<Long> ids(String body) {
		List<Number> ids = JsonPath.read(body, "$.content[*].id");
		return ids.stream().map(Number::longValue).toList();
	}

	private List<Long> db(String sql) {
		return jdbc.sql(sql + " LIMIT 100").query(Long.class).list();
	}

	private void unknownKeyIsAProblem(String url, String account, String... unknown) throws Exception {
		for (String sort : unknown) {
			mvc.perform(get(url).param("sort", sort).with(as(account)))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
				.andExpect(jsonPath("$.errors[0].field").value("sort"));
		}
	}

	/** Values in order with the empty ones last, whichever the direction. */
	private static <T extends Comparable<T>> void assertOrderedNullsLast(List<T> values, boolean descending) {
		int firstNull = values.indexOf(null);
		List<T> present = firstNull < 0 ? values : values.subList(0, firstNull);
		assertThat(values.subList(present.size(), values.size())).allMatch(Objects::isNull);
		Comparator<T> order = descending ? Comparator.<T>reverseOrder() : Comparator.<T>naturalOrder();
		assertThat(present).isNotEmpty().isSortedAccordingTo(order);
	}

	@Test
	void peopleSortByNameBirthDateAndRegionBothWaysAndRefuseAnUnknownKey() throws Exception {
		String byName = list("/api/v1/people", "harbin-admin", "sort", "name");
		assertThat(ids(byName)).hasSize(100)
			.isEqualTo(db("SELECT id FROM person WHERE region_code " + HARBIN + " ORDER BY name, id"))
			.isEqualTo(ids(list("/api/v1/people", "harbin-admin")));
		assertThat(ids(list("/api/v1/people", "harbin-admin", "sort", "-name")))
			.isEqualTo(db("SELECT id FROM person WHERE region_code " + HARBIN + " ORDER BY name DESC, id DESC"));

		List<String> births = JsonPath.read(list("/api/v1/people", "harbin-admin", "sort", "birthDate"), "$.content[*].birthDate");
		assertOrderedNullsLast(births, false);
		births = JsonPath.read(list("/api/v1/people", "harbin-admin", "sort", "-birthDate"), "$.content[*].birthDate");
		assertOrderedNullsLast(births, true);

		List<String> regions = JsonPath.read(list("/api/v1/people", "hlj-admin", "sort", "-region"), "$.content[*].regionCode");
		assertThat(regions).isSortedAccordingTo(Comparator.reverseOrder());

		unknownKeyIsAProblem("/api/v1/people", "harbin-admin", "phone", "idNumber", "-", "name desc", "name;DROP TABLE person",
				"p.name", "--name");
	}

	@Test
	void manyTiesStillPageWithoutOverlap() throws Exception {
		List<Long> seen = new ArrayList<>();
		for (int page = 0; page < 3; page++) {
			seen.addAll(ids(list("/api/v1/people", "hlj-admin", "sort", "partyMember", "size", "20", "page",
					Integer.toString(page))));
		}
		assertThat(seen).hasSize(60);
		assertThat(new HashSet<>(seen)).hasSize(60);
	}

	@Test
	void gridsSortByCodeHouseholdsAndWorkersBothWaysAndRefuseAnUnknownKey() throws Exception {
		String scope = "SELECT g.id FROM grid g WHERE g.retired_on IS NULL AND g.region_code " + HEILONGJIANG;
		assertThat(ids(list("/api/v1/grids", "hlj-admin"))).isEqualTo(db(scope + " ORDER BY g.code, g.id"));
		assertThat(ids(list("/api/v1/grids", "hlj-admin", "sort", "-code"))).isEqualTo(db(scope + " ORDER BY g.code DESC, g.id DESC"));

		List<Integer> households = JsonPath.read(list("/api/v1/grids", "hlj-admin", "sort", "households"), "$.content[*].households");
		assertThat(households).hasSizeGreaterThan(2).isSorted();
		households = JsonPath.read(list("/api/v1/grids", "hlj-admin", "sort", "-households"), "$.content[*].households");
		assertThat(households).isSortedAccordingTo(Comparator.reverseOrder());

		List<Integer> workers = JsonPath.read(list("/api/v1/grids", "hlj-admin", "sort", "workers"), "$.content[*].workerCount");
		assertThat(workers).isSorted();
		workers = JsonPath.read(list("/api/v1/grids", "hlj-admin", "sort", "-workers"), "$.content[*].workerCount");
		assertThat(workers).isSortedAccordingTo(Comparator.reverseOrder());
		assertThat(workers.get(0)).isPositive();

		unknownKeyIsAProblem("/api/v1/grids", "hlj-admin", "boundary", "-status", "g.code");
	}

	@Test
	void unitsSortByNameAndParentBothWaysAndRefuseAnUnknownKey() throws Exception {
		String scope = "SELECT u.id FROM unit u LEFT JOIN unit pu ON pu.id = u.parent_id WHERE u.region_code " + HEILONGJIANG;
		assertThat(ids(list("/api/v1/units", "hlj-admin"))).isEqualTo(db(scope + " ORDER BY u.region_code, u.code, u.id"));
		assertThat(ids(list("/api/v1/units", "hlj-admin", "sort", "name"))).isEqualTo(db(scope + " ORDER BY u.name, u.id"));
		assertThat(ids(list("/api/v1/units", "hlj-admin", "sort", "-name")))
			.isEqualTo(db(scope + " ORDER BY u.name DESC, u.id DESC"));

		// units without a parent come last both ways
		for (String sort : List.of("parent", "-parent")) {
			List<Object> parents = JsonPath.read(list("/api/v1/units", "hlj-admin", "sort", sort), "$.content[*].parent");
			assertThat(parents).contains((Object) null);
			assertThat(parents.subList(parents.indexOf(null), parents.size())).allMatch(Objects::isNull);
		}
		assertThat(ids(list("/api/v1/units", "hlj-admin", "sort", "-parent")))
			.isEqualTo(db(scope + " ORDER BY pu.name DESC NULLS LAST, u.id DESC"));

		unknownKeyIsAProblem("/api/v1/units", "hlj-admin", "version", "Name");
	}

	@Test
	void partyOrganisationsSortByCodeAndNameBothWaysAndRefuseAnUnknownKey() throws Exception {
		String scope = "SELECT o.id FROM party_organisation o WHERE o.region_code " + NINGXIA;
		assertThat(ids(list("/api/v1/party-organisations", "nx-admin"))).isNotEmpty()
			.isEqualTo(db(scope + " ORDER BY o.region_code, o.code, o.id"));
		assertThat(ids(list("/api/v1/party-organisations", "nx-admin", "sort", "code")))
			.isEqualTo(db(scope + " ORDER BY o.code, o.id"));
		assertThat(ids(list("/api/v1/party-organisations", "nx-admin", "sort", "-code")))
			.isEqualTo(db(scope + " ORDER BY o.code DESC, o.id DESC"));
		assertThat(ids(list("/api/v1/party-organisations", "nx-admin", "sort", "-name")))
			.isEqualTo(db(scope + " ORDER BY o.name DESC, o.id DESC"));

		unknownKeyIsAProblem("/api/v1/party-organisations", "nx-admin", "members", "+name");
	}

	@Test
	void accountsSortByUsernameAndDisplayNameBothWaysAndRefuseAnUnknownKey() throws Exception {
		assertThat(ids(list("/api/v1/accounts", "sys-admin"))).hasSizeGreaterThanOrEqualTo(11)
			.isEqualTo(db("SELECT id FROM account ORDER BY username, id"));
		assertThat(ids(list("/api/v1/accounts", "sys-admin", "sort", "-username")))
			.isEqualTo(db("SELECT id FROM account ORDER BY username DESC, id DESC"));
		assertThat(ids(list("/api/v1/accounts", "sys-admin", "sort", "displayName")))
			.isEqualTo(db("SELECT id FROM account ORDER BY display_name, id"));
		assertThat(ids(list("/api/v1/accounts", "sys-admin", "sort", "-createdAt")))
			.isEqualTo(db("SELECT id FROM account ORDER BY created_at DESC, id DESC"));

		unknownKeyIsAProblem("/api/v1/accounts", "sys-admin", "password", "passwordHash", "-password_hash");
	}
}
