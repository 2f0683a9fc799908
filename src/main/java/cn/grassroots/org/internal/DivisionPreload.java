package cn.grassroots.org.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.springframework.context.annotation.DependsOn;
import org.springframework.stereotype.Component;

/**
 * Starts loading the divisions as soon as the schema has been migrated, on a thread of its own,
 * so that the load overlaps the rest of the start; {@link OrgStartup} waits for it before the
 * application reports itself ready.
 */
@Component
@DependsOn("flywayInitializer")
class DivisionPreload {

	private final CompletableFuture<Integer> loaded;

	DivisionPreload(DivisionLoader loader) {
		this.loaded = CompletableFuture.supplyAsync(loader::loadIfEmpty, task -> {
			Thread thread = new Thread(task, "division-load");
			thread.setDaemon(true);
			thread.start();
		});
	}

	/** Waits for the load; rethrows what made it fail. */
	int await() {
		try {
			return loaded.join();
		}
		catch (CompletionException e) {
			if (e.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw e;
		}
	}
}
