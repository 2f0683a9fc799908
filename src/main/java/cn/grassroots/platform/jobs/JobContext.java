package cn.grassroots.platform.jobs;

/** What a running job reports; progress is written to the job row as it goes (at most a few times a second). */
public interface JobContext {

	long jobId();

	String owner();

	/** The parameters given at submission, as text (JSON by convention). */
	String parameters();

	/** Fraction done, 0..1. */
	void progress(double fraction);

	/** Rows processed so far. */
	void rows(long processed);

	/** A problem with one row; the first 1,000 are kept, all are counted. */
	void rowError(long row, String column, String message, Object... args);

	long errorCount();

	/** The file the job produced (a file store id). */
	void resultFile(String fileId);

	/** A message key (or plain text) shown with the result. */
	void message(String message);
}
