package cn.grassroots.platform.security;

/** 数据权限: which rows a grant reaches. */
public enum DataScopeKind {
	ALL,
	/** A region and everything below it, or a grid and its micro-grids. */
	REGION_AND_BELOW,
	/** A chosen set of regions, each with everything below it. */
	CUSTOM,
	OWN_UNIT,
	UNIT_AND_BELOW,
	/** Only the account's own person's records. */
	SELF;

	public String messageKey() {
		return "scope." + name();
	}
}
