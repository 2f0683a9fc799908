package cn.grassroots.platform.jobs;

/** QUEUED → RUNNING → SUCCEEDED or FAILED. */
public enum JobState {
	QUEUED, RUNNING, SUCCEEDED, FAILED;

	public boolean finished() {
		return this == SUCCEEDED || this == FAILED;
	}

	public String messageKey() {
		return "job.state." + name();
	}
}
