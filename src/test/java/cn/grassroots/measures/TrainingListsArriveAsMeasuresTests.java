package cn.grassroots.measures;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;

import cn.grassroots.training.ActionListAdopted;

/** training.ActionListAdopted arrives as measures of the sponsor region's 照单落实 mechanism, once per item. */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
class TrainingListsArriveAsMeasuresTests {

	private static final long HEILONGJIANG = 230000000000L;
	private static final long SHENGBAOSHE = 230102001001L;
	private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L * 10);

	@Autowired
	JdbcClient jdbc;

	private long measuresOf(long listId) {
		return jdbc.sql("SELECT COUNT(*) FROM measure WHERE code LIKE :c").param("c", "ZD-" + listId + "-%").query(Long.class).single();
	}

	private ActionListAdopted list(long listId, long... itemIds) {
		List<ActionListAdopted.Item> items = new java.util.ArrayList<>();
		for (long id : itemIds) {
			items.add(new ActionListAdopted.Item(id, "网格员入户走访全覆盖" + id, 1L, SHENGBAOSHE, LocalDate.of(2099, 6, 30),
					"每月走访一遍"));
		}
		return new ActionListAdopted(listId, 7L, HEILONGJIANG, items);
	}

	@Test
	void anAdoptedListsItemsBecomeMeasuresOwnedByTheirCommunities(Scenario scenario) {
		long listId = IDS.incrementAndGet();
		scenario.publish(list(listId, IDS.incrementAndGet(), IDS.incrementAndGet(), IDS.incrementAndGet()))
			.andWaitForStateChange(() -> measuresOf(listId), n -> n == 3)
			.andVerify(n -> {
				assertThat(n).isEqualTo(3);
				List<Long> owners = jdbc.sql("SELECT owner_region_code FROM measure WHERE code LIKE :c")
					.param("c", "ZD-" + listId + "-%").query(Long.class).list();
				assertThat(owners).containsOnly(SHENGBAOSHE);
				String mechanism = jdbc.sql("""
						SELECT mc.name FROM measure ms JOIN measure_mechanism mc ON mc.id = ms.mechanism_id
						WHERE ms.code LIKE :c AND mc.region_code = :r AND mc.source_key = :k""")
					.param("c", "ZD-" + listId + "-%").param("r", HEILONGJIANG).param("k", "TRAINING:" + HEILONGJIANG)
					.query(String.class).list().get(0);
				assertThat(mechanism).isEqualTo("黑龙江省成果转化清单照单落实机制");
			});
	}

	@Test
	void aListDeliveredTwiceIsTakenInOnceAndLaterListsJoinTheSameMechanism(Scenario scenario) {
		long listId = IDS.incrementAndGet();
		long a = IDS.incrementAndGet();
		long b = IDS.incrementAndGet();
		scenario.publish(list(listId, a, b)).andWaitForStateChange(() -> measuresOf(listId), n -> n == 2)
			.andVerify(n -> assertThat(n).isEqualTo(2));
		long again = IDS.incrementAndGet();
		// the same list again (at-least-once delivery), now with one more item
		scenario.publish(list(listId, a, b, again))
			.andWaitForStateChange(() -> measuresOf(listId), n -> n == 3)
			.andVerify(n -> assertThat(n).isEqualTo(3));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM measure_mechanism WHERE source_key = :k")
			.param("k", "TRAINING:" + HEILONGJIANG).query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("SELECT COUNT(DISTINCT source_item_id) FROM measure WHERE code LIKE :c")
			.param("c", "ZD-" + listId + "-%").query(Long.class).single()).isEqualTo(3);
	}

	@Autowired
	cn.grassroots.measures.internal.TrainingIntake intake;

	@Test
	void twoListsOfANewRegionArrivingAtOnceShareOneMechanismAndBothAreTakenIn() throws Exception {
		// counties of Heilongjiang with no 照单落实 mechanism yet; each round races two lists to create it
		List<Long> counties = jdbc.sql("""
				SELECT r.code FROM region r WHERE r.level = 'COUNTY' AND r.code BETWEEN 230000000000 AND 239999999999
				AND NOT EXISTS (SELECT 1 FROM measure_mechanism m WHERE m.region_code = r.code) ORDER BY r.code""")
			.query(Long.class).list().subList(0, 5);
		var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
		try {
			for (long county : counties) {
				var start = new java.util.concurrent.CyclicBarrier(2);
				List<java.util.concurrent.Future<Integer>> deliveries = new java.util.ArrayList<>();
				for (int i = 0; i < 2; i++) {
					ActionListAdopted one = new ActionListAdopted(IDS.incrementAndGet(), 7L, county,
							list(0, IDS.incrementAndGet(), IDS.incrementAndGet()).items());
					deliveries.add(pool.submit(() -> {
						start.await();
						return intake.take(one);
					}));
				}
				for (var delivery : deliveries) {
					assertThat(delivery.get()).isEqualTo(2);
				}
				assertThat(jdbc.sql("SELECT COUNT(*) FROM measure_mechanism WHERE source_key = :k")
					.param("k", "TRAINING:" + county).query(Long.class).single()).isEqualTo(1);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}
}
