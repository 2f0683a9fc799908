package cn.grassroots.platform.jobs;

import java.time.Instant;
import java.util.List;

/**
 * The API's view of a job. Messages are translated for the caller; {@code resultUrl} downloads the
 * result file. {@code errors} holds at most the first 1,000 of {@code errorCount}.
 */
public record JobBody(long id, String kind, String kindName, JobState state, String stateName, double progress, long rows,
		long errorCount, List<ErrorBody> errors, String resultUrl, String message, Long rerunOf, Instant createdAt,
		Instant startedAt, Instant finishedAt) {

	public record ErrorBody(long row, String column, String message) {
	}
}
