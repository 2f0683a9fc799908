package cn.grassroots.platform.jobs;

/** Ends a job as FAILED with a message key (or plain text) for its owner. */
public class JobFailedException extends RuntimeException {

	public JobFailedException(String message) {
		super(message);
	}
}
