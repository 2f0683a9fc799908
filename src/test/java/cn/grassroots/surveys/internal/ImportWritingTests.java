package cn.grassroots.surveys.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.grassroots.IntegrationTest;
import cn.grassroots.surveys.SurveyFixtures;

/**
 * The writing half of an import stores what it is handed only when told to commit: closed without
 * that, nothing stays; told to commit, everything does, even when the importing thread is
 * interrupted on the way (the writer is never left waiting with its transaction open); a chunk lost
 * to an interrupt makes the whole import roll back.
 */
@IntegrationTest
class ImportWritingTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	DistributionRepository distributions;

	@Autowired
	ResponseBulkWriter writer;

	@Autowired
	ResponseRepository responses;

	long questionnaire;
	long version;

	ImportWriting start(AtomicLong audited) throws Exception {
		questionnaire = SurveyFixtures.createQuestionnaire(mvc, "hlj-admin", SurveyFixtures.analysisForm());
		version = jdbc.sql("SELECT MAX(id) FROM survey_version WHERE questionnaire_id = :q").param("q", questionnaire)
			.query(Long.class).single();
		return new ImportWriting(new TransactionTemplate(transactions), distributions, writer, responses, questionnaire, version,
				7L, Instant.now(), audited::set);
	}

	static ImportWriting.Chunk rows(int n) {
		List<ResponseBulkWriter.Row> rows = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			rows.add(new ResponseBulkWriter.Row(230102000000L, RespondentRole.GRID_WORKER, Instant.now(), null, "01", "", null));
		}
		return new ImportWriting.Chunk(List.of(), List.of(), rows);
	}

	long stored() {
		return jdbc.sql("SELECT COUNT(*) FROM survey_response WHERE questionnaire_id = :q").param("q", questionnaire)
			.query(Long.class).single();
	}

	@Test
	void closedWithoutBeingToldToCommitItLeavesNothing() throws Exception {
		AtomicLong audited = new AtomicLong(-1);
		try (ImportWriting writing = start(audited)) {
			assertThat(writing.add(rows(3))).isTrue();
			assertThat(writing.add(rows(2))).isTrue();
		}
		assertThat(stored()).isZero();
		assertThat(audited.get()).isEqualTo(-1);
	}

	@Test
	void toldToCommitItStoresEveryChunkEvenWhenTheImportingThreadIsInterrupted() throws Exception {
		AtomicLong audited = new AtomicLong(-1);
		long written;
		try (ImportWriting writing = start(audited)) {
			writing.add(rows(3));
			writing.add(rows(2));
			Thread.currentThread().interrupt();
			written = writing.finish();
			assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
		}
		assertThat(written).isEqualTo(5);
		assertThat(stored()).isEqualTo(5);
		assertThat(audited.get()).isEqualTo(5);
	}

	@Test
	void aChunkThatCouldNotBeHandedOverMakesTheImportRollBack() throws Exception {
		AtomicLong audited = new AtomicLong(-1);
		try (ImportWriting writing = start(audited)) {
			writing.add(rows(3));
			Thread.currentThread().interrupt();
			// interrupted, the chunk is not handed over
			assertThat(writing.add(rows(1))).isFalse();
			assertThat(Thread.interrupted()).isTrue();
			assertThatThrownBy(writing::finish).isInstanceOf(IllegalStateException.class);
		}
		assertThat(stored()).isZero();
		assertThat(audited.get()).isEqualTo(-1);
	}
}
