package cn.grassroots.org;

/**
 * Kinds of township- and village-level regions, read from the last three digits of the code
 * (the statistical code ranges), not from the name.
 */
public enum RegionKind {
	STREET, TOWN, XIANG, COMMUNITY, VILLAGE_COMMITTEE, OTHER;

	public static RegionKind of(RegionLevel level, String shortCode) {
		if (level != RegionLevel.TOWNSHIP && level != RegionLevel.VILLAGE) {
			return null;
		}
		int tail = Integer.parseInt(shortCode.substring(shortCode.length() - 3));
		if (level == RegionLevel.TOWNSHIP) {
			if (tail >= 1 && tail <= 99) {
				return STREET;
			}
			if (tail >= 100 && tail <= 199) {
				return TOWN;
			}
			if (tail >= 200 && tail <= 399) {
				return XIANG;
			}
			return OTHER;
		}
		if (tail >= 1 && tail <= 199) {
			return COMMUNITY;
		}
		if (tail >= 200 && tail <= 399) {
			return VILLAGE_COMMITTEE;
		}
		return OTHER;
	}

	public String messageKey() {
		return "region.kind." + name();
	}
}
