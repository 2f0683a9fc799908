package cn.grassroots.surveys.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Per-minute counters for the public answering endpoints, by client address or by token: how many
 * open-link sessions an address may start, how many unknown links it may try (guessing tokens is
 * hopeless at 192 bits, but a client that tries is cut off), how often a draft may be saved.
 * Kept in memory and bounded; a fixed window is coarse but costs one map lookup per request.
 */
@Component
class AnswerRateLimiter {

	static final int STARTS_PER_MINUTE = 20;
	static final int MISSES_PER_MINUTE = 30;
	static final int DRAFTS_PER_MINUTE = 120;
	private static final int MAX_KEYS = 100_000;

	private record Window(long minute, int count) {
	}

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	/** Counts one event; false when the key has had {@code limit} events this minute already. */
	boolean allow(String kind, String key, int limit) {
		long minute = System.currentTimeMillis() / 60_000;
		if (windows.size() > MAX_KEYS) {
			windows.clear();
		}
		Window w = windows.compute(kind + ':' + key,
				(k, old) -> old == null || old.minute() != minute ? new Window(minute, 1) : new Window(minute, old.count() + 1));
		return w.count() <= limit;
	}

	/** Whether the key is over its limit this minute, without counting. */
	boolean exhausted(String kind, String key, int limit) {
		Window w = windows.get(kind + ':' + key);
		return w != null && w.minute() == System.currentTimeMillis() / 60_000 && w.count() >= limit;
	}
}
