package cn.grassroots.platform.jobs;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.security.AccountPrincipal;
import cn.grassroots.platform.security.AccountStore;

/**
 * Two worker threads that claim queued jobs from the table and run them as their owners. On
 * start, jobs left RUNNING by an earlier process are marked FAILED (they can be re-run); queued
 * ones are picked up. Workers wake when a job is submitted and otherwise look every few seconds.
 */
@Component
class JobExecutor implements SmartLifecycle {

	static final String INTERRUPTED = "job.failed.interrupted";
	private static final Logger log = LoggerFactory.getLogger(JobExecutor.class);

	private final JobStore store;
	private final AccountStore accounts;
	private final ObjectProvider<JobHandler> handlerBeans;
	private volatile Map<String, JobHandler> handlers;
	private final int workerCount;
	private final Duration pollInterval;
	private final String runner = UUID.randomUUID().toString();
	private final Semaphore wake = new Semaphore(0);
	private volatile boolean running;
	private volatile boolean recovered;
	private ExecutorService workers;

	/** Handlers are looked up on first use: they may themselves submit jobs through {@link JobService}. */
	JobExecutor(JobStore store, AccountStore accounts, ObjectProvider<JobHandler> handlerBeans,
			@Value("${grassroots.jobs.workers:2}") int workerCount,
			@Value("${grassroots.jobs.poll-interval:PT2S}") Duration pollInterval) {
		this.store = store;
		this.accounts = accounts;
		this.handlerBeans = handlerBeans;
		this.workerCount = Math.max(1, workerCount);
		this.pollInterval = pollInterval;
	}

	private Map<String, JobHandler> handlers() {
		Map<String, JobHandler> map = handlers;
		if (map == null) {
			Map<String, JobHandler> found = new HashMap<>();
			handlerBeans.orderedStream().forEach(h -> {
				if (found.put(h.kind(), h) != null) {
					throw new IllegalStateException("two handlers for job kind " + h.kind());
				}
			});
			handlers = map = Map.copyOf(found);
		}
		return map;
	}

	boolean knows(String kind) {
		return handlers().containsKey(kind);
	}

	String runner() {
		return runner;
	}

	/** Marks FAILED the jobs left running by an earlier process; returns how many. */
	int recoverInterrupted() {
		int n = store.failInterrupted(runner, INTERRUPTED);
		if (n > 0) {
			log.warn("{} job(s) were interrupted by a restart and are marked failed", n);
		}
		return n;
	}

	/** Lets a worker look for work now. */
	void wakeUp() {
		wake.release();
	}

	@Override
	public synchronized void start() {
		if (running) {
			return;
		}
		if (!recovered) {
			recoverInterrupted();
			recovered = true;
		}
		handlers();
		running = true;
		AtomicInteger n = new AtomicInteger();
		workers = Executors.newFixedThreadPool(workerCount, r -> {
			Thread t = new Thread(r, "job-worker-" + n.incrementAndGet());
			t.setDaemon(true);
			return t;
		});
		for (int i = 0; i < workerCount; i++) {
			workers.execute(this::loop);
		}
	}

	@Override
	public synchronized void stop() {
		if (!running) {
			return;
		}
		running = false;
		wake.release(workerCount);
		workers.shutdown();
		try {
			if (!workers.awaitTermination(60, TimeUnit.SECONDS)) {
				workers.shutdownNow();
			}
		}
		catch (InterruptedException e) {
			workers.shutdownNow();
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void loop() {
		while (running) {
			try {
				Optional<Job> next = store.claimNext(runner);
				if (next.isPresent()) {
					execute(next.get());
					continue;
				}
				wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException e) {
				log.warn("job worker could not read the queue: {}", e.getMessage());
				try {
					Thread.sleep(pollInterval.toMillis());
				}
				catch (InterruptedException ie) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	void execute(Job job) {
		RunningJob context = new RunningJob(job, store, runner);
		try {
			JobHandler handler = handlers().get(job.kind());
			if (handler == null) {
				context.fail("job.failed.unknownKind");
				return;
			}
			Optional<AccountPrincipal> owner = accounts.findByUsername(job.owner())
				.filter(AccountStore.AccountRow::enabled)
				.map(a -> new AccountPrincipal(a.id(), a.username(), null, a.displayName(), a.personId(), a.enabled(), null));
			if (owner.isEmpty()) {
				context.fail("job.failed.owner");
				return;
			}
			SecurityContext security = SecurityContextHolder.createEmptyContext();
			security.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(owner.get(), null,
					owner.get().getAuthorities()));
			SecurityContextHolder.setContext(security);
			handler.run(context);
			context.succeed();
		}
		catch (JobFailedException e) {
			context.fail(e.getMessage());
		}
		catch (AccessDeniedException e) {
			context.fail("job.failed.forbidden");
		}
		catch (NotFoundException e) {
			context.fail("job.failed.notFound");
		}
		catch (InvalidInputException e) {
			context.fail("job.failed.invalid");
		}
		catch (ConflictException | DataIntegrityViolationException e) {
			log.info("job {} ({}) failed on a conflict: {}", job.id(), job.kind(), e.getMessage());
			context.fail("job.failed.conflict");
		}
		catch (Exception e) {
			log.error("job {} ({}) failed", job.id(), job.kind(), e);
			safely(() -> context.fail("job.failed.unexpected"));
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private static void safely(Runnable r) {
		try {
			r.run();
		}
		catch (RuntimeException e) {
			log.error("could not record a job's failure", e);
		}
	}
}
