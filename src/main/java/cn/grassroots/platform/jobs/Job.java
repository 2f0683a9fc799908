package cn.grassroots.platform.jobs;

import java.time.Instant;
import java.util.List;

/** A background job as stored; {@code errors} holds at most the first 1,000 of {@code errorCount}. */
public record Job(long id, String kind, String owner, JobState state, double progress, long rows, long errorCount,
		List<JobError> errors, String parameters, String message, String resultFileId, Long rerunOf, Instant createdAt,
		Instant startedAt, Instant finishedAt) {
}
