package cn.grassroots.platform.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an {@link AccessScope} into a SQL condition over a table's anchor columns. Only the
 * column names (fixed by the calling code) become SQL text; every value is a bound parameter.
 */
public final class ScopeFilter {

	/** A condition and its named parameters, ready for {@code JdbcClient.sql(...).params(...)}. */
	public record Condition(String sql, Map<String, Object> params) {
	}

	private final String regionColumn;
	private String gridColumn;
	private String unitColumn;
	private String personColumn;
	private String prefix = "scope";

	private ScopeFilter(String regionColumn) {
		this.regionColumn = regionColumn;
	}

	/** A table whose rows are anchored on a region column (may be null for tables without one). */
	public static ScopeFilter onRegion(String regionColumn) {
		return new ScopeFilter(regionColumn);
	}

	public ScopeFilter grid(String column) {
		this.gridColumn = column;
		return this;
	}

	public ScopeFilter unit(String column) {
		this.unitColumn = column;
		return this;
	}

	public ScopeFilter person(String column) {
		this.personColumn = column;
		return this;
	}

	/** Parameter name prefix, for queries that filter two tables. */
	public ScopeFilter prefix(String prefix) {
		this.prefix = prefix;
		return this;
	}

	public Condition condition(AccessScope scope) {
		if (scope.all()) {
			return new Condition("1=1", Map.of());
		}
		List<String> parts = new ArrayList<>();
		Map<String, Object> params = new LinkedHashMap<>();
		if (regionColumn != null) {
			int i = 0;
			for (AccessScope.Range r : scope.regionRanges()) {
				String from = prefix + "From" + i;
				String to = prefix + "To" + i;
				parts.add(regionColumn + " BETWEEN :" + from + " AND :" + to);
				params.put(from, r.from());
				params.put(to, r.to());
				i++;
			}
		}
		if (gridColumn != null && !scope.gridIds().isEmpty()) {
			parts.add(gridColumn + " IN (:" + prefix + "Grids)");
			params.put(prefix + "Grids", List.copyOf(scope.gridIds()));
		}
		if (unitColumn != null && !scope.unitIds().isEmpty()) {
			parts.add(unitColumn + " IN (:" + prefix + "Units)");
			params.put(prefix + "Units", List.copyOf(scope.unitIds()));
		}
		if (personColumn != null && scope.selfPersonId() != null) {
			parts.add(personColumn + " = :" + prefix + "Self");
			params.put(prefix + "Self", scope.selfPersonId());
		}
		if (parts.isEmpty()) {
			return new Condition("1=0", Map.of());
		}
		return new Condition("(" + String.join(" OR ", parts) + ")", params);
	}
}
