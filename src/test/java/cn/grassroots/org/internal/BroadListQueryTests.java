package cn.grassroots.org.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.grassroots.IntegrationTest;
import cn.grassroots.org.Person;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.security.AccessScope;

/** The broad form of the roster query (used for lists of thousands) returns exactly what the narrow form does. */
@IntegrationTest
class BroadListQueryTests {

	@Autowired
	PersonRepository people;

	private List<Long> ids(AccessScope scope, PersonRepository.Criteria criteria, int page, long threshold) {
		people.broadListThreshold(threshold);
		try {
			return people.list(scope, criteria, new PageRequest(page, 20), true).content().stream().map(Person::id).toList();
		}
		finally {
			people.broadListThreshold(5_000);
		}
	}

	@Test
	void bothFormsGiveTheSamePages() {
		AccessScope province = new AccessScope(false, List.of(AccessScope.Range.of(230000000000L)), Set.of(), Set.of(), 1L);
		AccessScope everything = AccessScope.EVERYTHING;
		for (AccessScope scope : List.of(province, everything)) {
			for (Long region : new Long[] { null, 230000000000L, 230100000000L }) {
				var criteria = new PersonRepository.Criteria(region, null, null, null, null, null);
				for (int page = 0; page < 3; page++) {
					List<Long> narrow = ids(scope, criteria, page, Long.MAX_VALUE);
					List<Long> broad = ids(scope, criteria, page, 0);
					assertThat(broad).as("page %d of %s", page, region).isEqualTo(narrow);
				}
			}
		}
		assertThat(ids(province, new PersonRepository.Criteria(230000000000L, null, null, null, null, null), 0, 0)).hasSize(20);
	}
}
