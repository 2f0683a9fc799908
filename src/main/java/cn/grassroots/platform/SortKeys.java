package cn.grassroots.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sort keys one list accepts, each mapped to fixed ORDER BY expressions written in code, and
 * a unique tiebreaker that always comes last so that pages never overlap. A {@code sort}
 * parameter selects a key; its text never reaches SQL.
 */
public final class SortKeys {

	/** The parameter's largest sensible length; anything longer is no key of ours. */
	private static final int MAX_LENGTH = 40;

	private record Key(List<String> expressions, boolean nullsLast) {
	}

	private final Map<String, Key> keys;
	private final String tiebreaker;
	private final SortOrder defaultOrder;

	private SortKeys(Map<String, Key> keys, String tiebreaker, SortOrder defaultOrder) {
		this.keys = Map.copyOf(keys);
		this.tiebreaker = tiebreaker;
		this.defaultOrder = defaultOrder;
	}

	/** Starts a whitelist whose orders all end with the unique column {@code tiebreaker} (e.g. {@code p.id}). */
	public static Builder tiebreaker(String tiebreaker) {
		return new Builder(tiebreaker);
	}

	/** The order the parameter asks for: blank means the list's default; an unknown key is a 400 on field {@code sort}. */
	public SortOrder parse(String text) {
		if (text == null || text.isBlank()) {
			return defaultOrder;
		}
		String t = text.trim();
		boolean descending = t.startsWith("-");
		String key = descending ? t.substring(1) : t;
		if (t.length() > MAX_LENGTH || !keys.containsKey(key)) {
			throw InvalidInputException.of("sort", "sort.unknown");
		}
		return new SortOrder(key, descending);
	}

	public SortOrder defaultOrder() {
		return defaultOrder;
	}

	/** The ORDER BY list (without the words ORDER BY) for an order of one of this list's keys. */
	public String orderBy(SortOrder order) {
		Key key = keys.get(order.key());
		if (key == null) {
			throw InvalidInputException.of("sort", "sort.unknown");
		}
		String direction = order.descending() ? " DESC" : " ASC";
		StringBuilder sql = new StringBuilder();
		for (String expression : key.expressions()) {
			sql.append(expression).append(direction).append(key.nullsLast() ? " NULLS LAST" : "").append(", ");
		}
		return sql.append(tiebreaker).append(direction).toString();
	}

	/** Builds a whitelist; the first key added is the default unless {@link #defaultOrder(String)} says otherwise. */
	public static final class Builder {

		private final String tiebreaker;
		private final Map<String, Key> keys = new LinkedHashMap<>();
		private String defaultParam;

		private Builder(String tiebreaker) {
			this.tiebreaker = tiebreaker;
		}

		/** A key ordered by fixed SQL expressions over non-null columns. */
		public Builder key(String key, String... expressions) {
			keys.put(key, new Key(List.of(expressions), false));
			return this;
		}

		/** A key over a nullable column: rows without a value come last in both directions. */
		public Builder nullableKey(String key, String... expressions) {
			keys.put(key, new Key(List.of(expressions), true));
			return this;
		}

		/** The order when none is asked for, as written in the parameter ({@code -time}). */
		public Builder defaultOrder(String param) {
			this.defaultParam = param;
			return this;
		}

		public SortKeys build() {
			if (keys.isEmpty()) {
				throw new IllegalStateException("a list needs at least one sort key");
			}
			String param = defaultParam == null ? keys.keySet().iterator().next() : defaultParam;
			boolean descending = param.startsWith("-");
			String key = descending ? param.substring(1) : param;
			if (!keys.containsKey(key)) {
				throw new IllegalStateException("default sort key " + key + " is not a key");
			}
			return new SortKeys(keys, tiebreaker, new SortOrder(key, descending));
		}
	}
}
