package cn.grassroots.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.grassroots.IntegrationTest;

/**
 * After the demo ran, every seminar list it wrote is ADOPTED with its items, and measures took
 * every item in as a 照单落实 measure of the sponsor region's one mechanism, although the lists
 * were published together.
 */
@IntegrationTest
class DemoAdoptsEverySeminarListTests {

	@Autowired
	JdbcClient jdbc;

	/** The demo's programme: the first that holds seminars the demo wrote. */
	private long demoProgramme() {
		return jdbc.sql("""
				SELECT MIN(c.programme_id) FROM training_seminar s JOIN training_classroom c ON c.id = s.classroom_id
				WHERE s.created_by = 'demo'""").query(Long.class).single();
	}

	@Test
	void everyListOfTheDemoSeminarsIsAdoptedAndArrivesInMeasures() {
		long programme = demoProgramme();
		List<Long> lists = jdbc.sql("""
				SELECT l.id FROM training_action_list l JOIN training_seminar_group g ON g.id = l.group_id
				JOIN training_seminar s ON s.id = g.seminar_id JOIN training_classroom c ON c.id = s.classroom_id
				WHERE c.programme_id = :p ORDER BY l.id""").param("p", programme).query(Long.class).list();
		// up to three seminars of two groups each
		assertThat(lists).hasSizeGreaterThanOrEqualTo(4);
		assertThat(jdbc.sql("""
				SELECT COUNT(*) FROM training_action_list l JOIN training_seminar_group g ON g.id = l.group_id
				JOIN training_seminar s ON s.id = g.seminar_id
				WHERE s.created_by = 'demo' AND (l.status <> 'ADOPTED' OR l.adopted_at IS NULL)""").query(Long.class).single())
			.as("demo lists not adopted").isZero();
		long sponsor = jdbc.sql("SELECT sponsor_region_code FROM training_programme WHERE id = :p").param("p", programme)
			.query(Long.class).single();
		for (long list : lists) {
			long items = jdbc.sql("SELECT COUNT(*) FROM training_action_item WHERE list_id = :l").param("l", list)
				.query(Long.class).single();
			assertThat(items).as("items of list %d", list).isPositive();
			Awaitility.await().atMost(Duration.ofSeconds(60))
				.until(() -> jdbc.sql("SELECT COUNT(*) FROM measure WHERE code LIKE :c").param("c", "ZD-" + list + "-%")
					.query(Long.class).single() == items);
		}
		// all of them in the sponsor region's one 照单落实 mechanism
		assertThat(jdbc.sql("SELECT COUNT(*) FROM measure_mechanism WHERE source_key = :k")
			.param("k", "TRAINING:" + sponsor).query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("""
				SELECT COUNT(DISTINCT m.mechanism_id) FROM measure m JOIN measure_mechanism mc ON mc.id = m.mechanism_id
				WHERE m.code LIKE 'ZD-%' AND mc.source_key = :k AND m.source_item_id IN (
				    SELECT i.id FROM training_action_item i JOIN training_action_list l ON l.id = i.list_id
				    JOIN training_seminar_group g ON g.id = l.group_id JOIN training_seminar s ON s.id = g.seminar_id
				    JOIN training_classroom c ON c.id = s.classroom_id WHERE c.programme_id = :p)""")
			.param("k", "TRAINING:" + sponsor).param("p", programme).query(Long.class).single()).isEqualTo(1);
	}
}
