package cn.grassroots.surveys.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Per-minute counters for the public answering endpoints, by client address or by token: how many
 * open-link sessions an address may start, how many unknown links it may try (guessing is hopeless
 * at 192 bits, but a client that keeps trying is cut off), how often a draft may be saved, how many region-picker levels a link may fetch. Kept in
 * memory and bounded; a fixed window is coarse but costs one map operation per request. Limits
 * are settings ({@code grassroots.answering.*}): an office behind one address may need more.
 */
@Component
class AnswerRateLimiter {

	private static final int MAX_KEYS = 100_000;

	private record Window(long minute, int count) {
	}

	private final Map<String, Window> windows = new ConcurrentHashMap<>();
	final int startsPerMinute;
	final int missesPerMinute;
	final int draftsPerMinute;
	final int regionsPerMinute;

	AnswerRateLimiter(@Value("${grassroots.answering.starts-per-minute:20}") int startsPerMinute,
			@Value("${grassroots.answering.misses-per-minute:30}") int missesPerMinute,
			@Value("${grassroots.answering.drafts-per-minute:120}") int draftsPerMinute,
			@Value("${grassroots.answering.regions-per-minute:120}") int regionsPerMinute) {
		this.regionsPerMinute = regionsPerMinute;
		this.startsPerMinute = startsPerMinute;
		this.missesPerMinute = missesPerMinute;
		this.draftsPerMinute = draftsPerMinute;
	}

	private static long minute() {
		return System.currentTimeMillis() / 60_000;
	}

	/** Counts one event; false when the key has had {@code limit} events this minute already. */
	boolean allow(String kind, String key, int limit) {
		count(kind, key);
		return windows.get(kind + ':' + key).count() <= limit;
	}

	/** Counts one event. */
	void count(String kind, String key) {
		long minute = minute();
		if (windows.size() > MAX_KEYS) {
			windows.clear();
		}
		windows.compute(kind + ':' + key,
				(k, old) -> old == null || old.minute() != minute ? new Window(minute, 1) : new Window(minute, old.count() + 1));
	}

	/** Whether the key has had {@code limit} events this minute, without counting. */
	boolean exhausted(String kind, String key, int limit) {
		Window w = windows.get(kind + ':' + key);
		return w != null && w.minute() == minute() && w.count() >= limit;
	}
}
