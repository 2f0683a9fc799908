package cn.grassroots.measures.internal;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts, once, the reporting punctuality of measures that existed before the counters did (their
 * {@code cycles_on_time} is NULL); new measures start at 0 and count each cycle's first report as it
 * arrives. Runs at start-up in chunks, so the dashboard never groups every report of a mechanism.
 */
@Component
@Order(5)
class MeasureCounters implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(MeasureCounters.class);
	private static final int CHUNK = 500;

	private final MeasureRepository repository;
	private final TransactionTemplate tx;

	MeasureCounters(MeasureRepository repository, TransactionTemplate tx) {
		this.repository = repository;
		this.tx = tx;
	}

	@Override
	public void run(ApplicationArguments args) {
		int counted = 0;
		while (true) {
			List<Long> ids = repository.uncounted(CHUNK);
			if (ids.isEmpty()) {
				break;
			}
			tx.executeWithoutResult(s -> repository.recount(ids));
			counted += ids.size();
		}
		if (counted > 0) {
			log.info("Counted the reporting punctuality of {} measures", counted);
		}
	}
}
