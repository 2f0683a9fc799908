package cn.grassroots.platform;

/**
 * A list's order as asked for: one public sort key and a direction, written {@code name} or
 * {@code -name} in a URL. Only a {@link SortKeys} whitelist turns it into SQL.
 */
public record SortOrder(String key, boolean descending) {

	/** How the order is written in the {@code sort} parameter. */
	public String param() {
		return descending ? "-" + key : key;
	}

	/** Whether the list is ordered by the key. */
	public boolean by(String k) {
		return key.equals(k);
	}

	/** The order a click on the key's column asks for: the other direction on the current column, ascending elsewhere. */
	public String next(String k) {
		return by(k) && !descending ? "-" + k : k;
	}

	/** The column's {@code aria-sort}: ascending or descending on the current column, none on the others. */
	public String ariaSort(String k) {
		return !by(k) ? "none" : descending ? "descending" : "ascending";
	}

	@Override
	public String toString() {
		return param();
	}
}
