package cn.grassroots.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SortKeysTest {

	private final SortKeys keys = SortKeys.tiebreaker("p.id")
		.key("name", "p.name")
		.key("region", "p.region_code", "p.code")
		.nullableKey("birthDate", "p.birth_date")
		.build();

	@Test
	void aKeyBecomesItsFixedExpressionsWithTheTiebreakerLastInTheSameDirection() {
		assertThat(keys.orderBy(keys.parse("name"))).isEqualTo("p.name ASC, p.id ASC");
		assertThat(keys.orderBy(keys.parse("-name"))).isEqualTo("p.name DESC, p.id DESC");
		assertThat(keys.orderBy(keys.parse(" -region "))).isEqualTo("p.region_code DESC, p.code DESC, p.id DESC");
		assertThat(keys.orderBy(keys.parse("-birthDate"))).isEqualTo("p.birth_date DESC NULLS LAST, p.id DESC");
	}

	@Test
	void blankMeansTheDefaultWhichIsTheFirstKeyUnlessNamed() {
		assertThat(keys.parse(null)).isEqualTo(new SortOrder("name", false));
		assertThat(keys.parse("  ")).isEqualTo(keys.defaultOrder());
		SortKeys newestFirst = SortKeys.tiebreaker("id").key("time", "occurred_at").defaultOrder("-time").build();
		assertThat(newestFirst.orderBy(newestFirst.parse(""))).isEqualTo("occurred_at DESC, id DESC");
	}

	@Test
	void anythingButAKeyIsAnInvalidSortField() {
		for (String text : new String[] { "phone", "-", "--name", "+name", "NAME", "name desc", "p.name", "name;DROP TABLE person",
				"x".repeat(5000) }) {
			assertThatThrownBy(() -> keys.parse(text)).isInstanceOfSatisfying(InvalidInputException.class,
					e -> assertThat(e.errors().get(0).field()).isEqualTo("sort"));
		}
		assertThatThrownBy(() -> keys.orderBy(new SortOrder("p.name; --", false))).isInstanceOf(InvalidInputException.class);
	}

	@Test
	void theOrderKnowsWhatAColumnHeaderShows() {
		SortOrder order = keys.parse("name");
		assertThat(order.ariaSort("name")).isEqualTo("ascending");
		assertThat(order.ariaSort("region")).isEqualTo("none");
		assertThat(order.next("name")).isEqualTo("-name");
		assertThat(order.next("region")).isEqualTo("region");
		assertThat(keys.parse("-name").next("name")).isEqualTo("name");
		assertThat(keys.parse("-name").ariaSort("name")).isEqualTo("descending");
		assertThat(keys.parse("-name").param()).isEqualTo("-name");
	}
}
