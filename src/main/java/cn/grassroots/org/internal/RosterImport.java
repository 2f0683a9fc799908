package cn.grassroots.org.internal;

import java.time.Instant;
import java.util.List;

import cn.grassroots.platform.jobs.JobError;

/** An uploaded roster file and the outcome of its validation; {@code errors} holds every row error. */
public record RosterImport(long id, String owner, String fileId, String fileName, State state, Long validateJobId,
		Long commitJobId, int rows, int toCreate, int toUpdate, int errorCount, List<JobError> errors, Instant createdAt,
		Instant expiresAt, Instant committedAt) {

	public enum State {
		/** The validation job has not finished. */
		VALIDATING,
		/** Every row is good: it may be committed. */
		VALID,
		/** Some rows are bad: nothing can be written until a corrected file is uploaded. */
		INVALID,
		/** The import job is writing the rows. */
		COMMITTING,
		COMMITTED,
		/** The validation itself could not run to the end. */
		FAILED;

		public String messageKey() {
			return "import.state." + name();
		}
	}

	/** Rows with at least one error. */
	public int badRows() {
		return (int) errors.stream().filter(e -> e.row() > 0).mapToLong(JobError::row).distinct().count();
	}

	public boolean committable() {
		return state == State.VALID;
	}
}
