package cn.grassroots.platform.jobs;

import java.util.ArrayList;
import java.util.List;

/** The context of one job on a worker thread: collects what the handler reports and writes it now and then. */
final class RunningJob implements JobContext {

	static final int MAX_ERRORS = 1000;
	private static final long FLUSH_NANOS = 300_000_000L;

	private final Job job;
	private final JobStore store;
	private final String runner;
	private double progress;
	private long rows;
	private long errorCount;
	private final List<JobError> errors = new ArrayList<>();
	private String resultFile;
	private String message;
	private long lastFlush = System.nanoTime();

	RunningJob(Job job, JobStore store, String runner) {
		this.job = job;
		this.store = store;
		this.runner = runner;
	}

	@Override
	public long jobId() {
		return job.id();
	}

	@Override
	public String owner() {
		return job.owner();
	}

	@Override
	public String parameters() {
		return job.parameters();
	}

	@Override
	public void progress(double fraction) {
		double p = Double.isNaN(fraction) ? 0 : Math.max(0, Math.min(1, fraction));
		if (p != progress) {
			progress = p;
			changed();
		}
	}

	@Override
	public void rows(long processed) {
		if (processed != rows) {
			rows = Math.max(0, processed);
			changed();
		}
	}

	@Override
	public void rowError(long row, String column, String message, Object... args) {
		errorCount++;
		if (errors.size() < MAX_ERRORS) {
			errors.add(JobError.of(row, column, message, args));
		}
		changed();
	}

	@Override
	public long errorCount() {
		return errorCount;
	}

	@Override
	public void resultFile(String fileId) {
		this.resultFile = fileId;
	}

	@Override
	public void message(String message) {
		this.message = message;
	}

	private void changed() {
		long now = System.nanoTime();
		if (now - lastFlush >= FLUSH_NANOS) {
			flush(now);
		}
	}

	private void flush(long now) {
		lastFlush = now;
		store.progress(job.id(), runner, progress, rows, errorCount, List.copyOf(errors));
	}

	void succeed() {
		store.finish(job.id(), runner, JobState.SUCCEEDED, 1, rows, errorCount, List.copyOf(errors), message, resultFile);
	}

	void fail(String failure) {
		store.finish(job.id(), runner, JobState.FAILED, progress, rows, errorCount, List.copyOf(errors), failure, resultFile);
	}
}
