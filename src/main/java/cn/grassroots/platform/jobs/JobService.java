package cn.grassroots.platform.jobs;

import java.time.Duration;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.platform.SortOrder;
import cn.grassroots.platform.security.CurrentUser;

/** Submits background jobs for the current user and shows each user their own. */
@Service
public class JobService {

	private final JobStore store;
	private final JobExecutor executor;
	private final CurrentUser user;

	JobService(JobStore store, JobExecutor executor, CurrentUser user) {
		this.store = store;
		this.executor = executor;
		this.user = user;
	}

	/** Queues a job of a known kind for the current user; it starts once the caller's transaction commits. */
	public Job submit(String kind, String parameters) {
		return queue(kind, user.username(), parameters, null);
	}

	private Job queue(String kind, String owner, String parameters, Long rerunOf) {
		if (!executor.knows(kind)) {
			throw new IllegalArgumentException("no handler for job kind " + kind);
		}
		long id = store.insert(kind, owner, parameters, rerunOf);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					executor.wakeUp();
				}
			});
		}
		else {
			executor.wakeUp();
		}
		return store.find(id).orElseThrow();
	}

	/** One of the caller's jobs: 404 when unknown, 403 when another user's. */
	public Job get(long id) {
		Job job = store.find(id).orElseThrow(() -> new NotFoundException("no job " + id));
		if (!job.owner().equals(user.username())) {
			throw new ForbiddenException("the job belongs to another user");
		}
		return job;
	}

	/** A job by id whoever owns it, for modules that check ownership themselves. */
	public Optional<Job> find(long id) {
		return store.find(id);
	}

	/** The caller's jobs in the given order (newest first by default). */
	public PageResult<Job> mine(SortOrder sort, PageRequest page) {
		return store.listOf(user.username(), sort, page);
	}


	/** A new job with the same kind and parameters as a finished one of the caller's. */
	public Job rerun(long id) {
		Job job = get(id);
		if (!job.state().finished()) {
			throw new ConflictException("the job has not finished yet");
		}
		return queue(job.kind(), job.owner(), job.parameters(), job.id());
	}

	/** Waits (bounded) until the job has finished; returns its latest state either way. */
	public Job await(long id, Duration max) {
		long deadline = System.nanoTime() + max.toNanos();
		Job job = store.find(id).orElseThrow(() -> new NotFoundException("no job " + id));
		while (!job.state().finished() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				break;
			}
			job = store.find(id).orElseThrow();
		}
		return job;
	}

	/**
	 * Marks FAILED every job left RUNNING by an earlier process (called on start; they can be re-run).
	 * Jobs this process is running are left alone. Returns how many were marked.
	 */
	public int recoverInterrupted() {
		return executor.recoverInterrupted();
	}
}
