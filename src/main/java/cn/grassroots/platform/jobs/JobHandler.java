package cn.grassroots.platform.jobs;

/**
 * Runs the jobs of one kind. Modules implement it as a bean; the executor runs each job on a
 * worker thread as the job's owner (their current grants, so {@code CurrentUser} and the audit
 * work as in a request). Returning normally means SUCCEEDED; throwing means FAILED, with the
 * message of a {@link JobFailedException} or a generic one.
 */
public interface JobHandler {

	String kind();

	void run(JobContext context) throws Exception;
}
