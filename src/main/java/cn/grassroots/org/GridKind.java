package cn.grassroots.org;

/** 网格 / 微网格. */
public enum GridKind {
	GRID, MICRO_GRID;

	public String messageKey() {
		return "grid.kind." + name();
	}
}
