package cn.grassroots.surveys.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import cn.grassroots.IntegrationTest;
import cn.grassroots.surveys.Distributions;
import cn.grassroots.surveys.SurveyFixtures;

/**
 * A link is used once even when an online answer and an import claim it at the same moment: both
 * insert the link's use, and the second waits for the first transaction and is refused when it
 * commits, whichever came first. A refused import leaves none of its uses behind and names the link
 * that was taken.
 */
@IntegrationTest
class LinkUseRaceTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DistributionRepository distributions;

	@Autowired
	TransactionTemplate tx;

	List<Long> linkIds(int count) throws Exception {
		long q = SurveyFixtures.createQuestionnaire(mvc, "hlj-admin", SurveyFixtures.analysisForm());
		long d = Distributions.id(Distributions.create(mvc, "hlj-admin", q, "TOKENS", false, "23",
				new String[] { "GRID_WORKER", "230102", Integer.toString(count) }));
		Distributions.links(mvc, "hlj-admin", q, d, "COUNT");
		return jdbc.sql("SELECT id FROM survey_invitation WHERE distribution_id = :d ORDER BY id").param("d", d)
			.query(Long.class).list();
	}

	long uses(List<Long> ids) {
		return jdbc.sql("SELECT COUNT(*) FROM survey_invitation_use WHERE invitation_id IN (:ids)").param("ids", ids)
			.query(Long.class).single();
	}

	/** Runs {@code first} in a transaction that stays open until {@code second}, in another thread, has been started. */
	void overlapping(Runnable first, Runnable second, CompletableFuture<Void>[] secondResult) throws Exception {
		CountDownLatch claimed = new CountDownLatch(1);
		tx.executeWithoutResult(status -> {
			first.run();
			secondResult[0] = CompletableFuture.runAsync(() -> {
				claimed.countDown();
				tx.executeWithoutResult(s -> second.run());
			});
			try {
				claimed.await(5, TimeUnit.SECONDS);
				// give the second claim time to reach the database and wait there on the uncommitted first
				Thread.sleep(300);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		});
	}

	@Test
	@SuppressWarnings("unchecked")
	void anOnlineAnswerWaitingOnAnUncommittedImportIsRefusedWhenTheImportCommits() throws Exception {
		List<Long> ids = linkIds(3);
		CompletableFuture<Void>[] online = new CompletableFuture[1];
		overlapping(() -> distributions.markImported(ids, List.of(), Instant.now(), 9001L),
				() -> distributions.markUsed(ids.get(1), Instant.now(), "R1"), online);
		assertThatThrownBy(() -> online[0].get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(DuplicateKeyException.class);
		assertThat(distributions.usedAmong(ids)).containsExactlyElementsOf(ids);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM survey_invitation_use WHERE invitation_id IN (:ids) AND import_job_id = 9001")
			.param("ids", ids).query(Long.class).single()).isEqualTo(3);
	}

	@Test
	@SuppressWarnings("unchecked")
	void anImportWaitingOnAnUncommittedOnlineAnswerIsRefusedWholeAndNamesTheLink() throws Exception {
		List<Long> ids = linkIds(3);
		CompletableFuture<Void>[] importing = new CompletableFuture[1];
		overlapping(() -> distributions.markUsed(ids.get(2), Instant.now(), "R2"),
				() -> distributions.markImported(ids, List.of(), Instant.now(), 9002L), importing);
		assertThatThrownBy(() -> importing[0].get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(DuplicateKeyException.class);
		// the import's other two uses were rolled back with it; the online answer's receipt stands
		assertThat(distributions.usedAmong(ids)).containsExactly(ids.get(2));
		assertThat(uses(ids)).isEqualTo(1);
		assertThat(jdbc.sql("SELECT receipt FROM survey_invitation_use WHERE invitation_id = :id").param("id", ids.get(2))
			.query(String.class).single()).isEqualTo("R2");
	}
}
