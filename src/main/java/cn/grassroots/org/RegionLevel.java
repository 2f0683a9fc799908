package cn.grassroots.org;

/** 行政区划层级. */
public enum RegionLevel {
	PROVINCE(2), CITY(4), COUNTY(6), TOWNSHIP(9), VILLAGE(12);

	private final int shortLength;

	RegionLevel(int shortLength) {
		this.shortLength = shortLength;
	}

	public int shortLength() {
		return shortLength;
	}

	public static RegionLevel ofShortLength(int length) {
		for (RegionLevel l : values()) {
			if (l.shortLength == length) {
				return l;
			}
		}
		throw new IllegalArgumentException("no level has codes of " + length + " digits");
	}

	public String messageKey() {
		return "region.level." + name();
	}
}
