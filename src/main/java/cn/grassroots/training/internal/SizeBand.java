package cn.grassroots.training.internal;

/**
 * A community's size band by households, for "相似基础" (similar = same kind and same band). The
 * bounds follow the usual grading of urban communities (under 1,000 households small, 3,000 and
 * more large, 6,000 and more very large).
 */
public enum SizeBand {
	SMALL(0, 999), MEDIUM(1000, 2999), LARGE(3000, 5999), VERY_LARGE(6000, Integer.MAX_VALUE);

	private final int from;
	private final int to;

	SizeBand(int from, int to) {
		this.from = from;
		this.to = to;
	}

	public int from() {
		return from;
	}

	public int to() {
		return to;
	}

	public static SizeBand of(int households) {
		for (SizeBand b : values()) {
			if (households >= b.from && households <= b.to) {
				return b;
			}
		}
		return SMALL;
	}
}
