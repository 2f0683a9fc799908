package cn.grassroots.surveys.internal;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The writing half of an import: one transaction on a thread of its own, which stores the checked
 * rows a chunk at a time while the file is still being read and checked, and commits only when told
 * that the whole file was clean ({@link #finish}); otherwise ({@link #close} before that) it rolls
 * back and nothing stays. Reading and writing thus overlap on two cores instead of following each
 * other.
 * <p>
 * Each chunk first claims its links (their uses' primary key refuses a link used meanwhile, online
 * or by another import) and then stores its rows, the same order as an online answer takes (use,
 * then response), so the two never wait on each other in a circle.
 */
final class ImportWriting implements AutoCloseable {

	/** Rows to store with the links they use and those of the links that hold an online draft. */
	record Chunk(List<Long> links, List<Long> drafted, List<ResponseBulkWriter.Row> rows) {
	}

	private static final Chunk COMMIT = new Chunk(List.of(), List.of(), List.of());
	private static final Chunk ROLL_BACK = new Chunk(List.of(), List.of(), List.of());

	/** A few chunks ahead at most: the reader waits when the writer is behind, so memory stays bounded. */
	private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(4);
	private final CompletableFuture<Long> result = new CompletableFuture<>();
	private volatile long markNanos;
	private boolean ended;
	/** A chunk could not be handed over (the importing thread was interrupted). */
	private boolean lost;

	/**
	 * Starts the writing transaction. {@code beforeCommit} gets the number of rows written and runs in
	 * the transaction just before it commits (the audit event).
	 */
	ImportWriting(TransactionTemplate transaction, DistributionRepository distributions, ResponseBulkWriter writer,
			ResponseRepository responses, long questionnaireId, long versionId, long jobId, Instant at,
			LongConsumer beforeCommit) {
		SecurityContext security = SecurityContextHolder.getContext();
		Thread thread = new Thread(() -> {
			SecurityContextHolder.setContext(security);
			try {
				result.complete(transaction.execute(status -> {
					responses.touched(questionnaireId);
					long n = 0;
					while (true) {
						Chunk c = take();
						if (c == ROLL_BACK) {
							status.setRollbackOnly();
							return -1L;
						}
						if (c == COMMIT) {
							beforeCommit.accept(n);
							return n;
						}
						long m0 = System.nanoTime();
						distributions.markImported(c.links(), c.drafted(), at, jobId);
						markNanos += System.nanoTime() - m0;
						try {
							n += writer.write(c.rows(), questionnaireId, versionId, "IMPORT", jobId);
						}
						catch (java.io.IOException e) {
							throw new java.io.UncheckedIOException(e);
						}
						catch (java.sql.SQLException e) {
							throw new IllegalStateException("could not write the responses", e);
						}
					}
				}));
			}
			catch (Throwable e) {
				result.completeExceptionally(e);
			}
			finally {
				SecurityContextHolder.clearContext();
			}
		}, "survey-import-" + jobId + "-writer");
		thread.setDaemon(true);
		thread.start();
	}

	private Chunk take() {
		try {
			return queue.take();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return ROLL_BACK;
		}
	}

	/** Hands a chunk over, waiting while the writer is behind; false when writing has stopped (it failed). */
	boolean add(Chunk chunk) {
		try {
			while (!queue.offer(chunk, 200, TimeUnit.MILLISECONDS)) {
				if (result.isDone()) {
					return false;
				}
			}
			return !result.isDone();
		}
		catch (InterruptedException e) {
			// the chunk is lost, so this import must not commit
			Thread.currentThread().interrupt();
			lost = true;
			return false;
		}
	}

	/** Whether writing has stopped before being told to commit (a chunk failed). */
	boolean failed() {
		return result.isDone();
	}

	/**
	 * Commits everything handed over and returns the number of rows written; a failure of any chunk
	 * is thrown here as it happened (a {@link org.springframework.dao.DuplicateKeyException} for a
	 * link used meanwhile), and then nothing was stored.
	 */
	long finish() {
		if (lost) {
			close();
			throw new IllegalStateException("the import was interrupted before all its rows were handed over");
		}
		ended = true;
		send(COMMIT);
		return outcome();
	}

	/** Time spent claiming links, for the job's log line. */
	long markNanos() {
		return markNanos;
	}

	/**
	 * Hands over the order to commit or roll back, even if this thread is interrupted meanwhile: the
	 * writer must not be left waiting with its transaction open.
	 */
	private void send(Chunk order) {
		boolean interrupted = Thread.interrupted();
		try {
			while (!result.isDone()) {
				try {
					if (queue.offer(order, 200, TimeUnit.MILLISECONDS)) {
						return;
					}
				}
				catch (InterruptedException e) {
					interrupted = true;
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** Waits for the writer to end (uninterruptibly: it ends soon once told) and returns its result. */
	private long outcome() {
		boolean interrupted = Thread.interrupted();
		try {
			while (true) {
				try {
					return result.get();
				}
				catch (InterruptedException e) {
					interrupted = true;
				}
			}
		}
		catch (ExecutionException e) {
			if (e.getCause() instanceof RuntimeException r) {
				throw r;
			}
			throw new IllegalStateException("the import could not be written", e.getCause());
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** Rolls back unless {@link #finish} was called, and waits for the writer to end. */
	@Override
	public void close() {
		if (ended) {
			return;
		}
		ended = true;
		send(ROLL_BACK);
		try {
			outcome();
		}
		catch (RuntimeException e) {
			// the import fails for its own reason; a writer that failed too has rolled back already
		}
	}
}
