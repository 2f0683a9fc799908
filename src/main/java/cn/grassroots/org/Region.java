package cn.grassroots.org;

import cn.grassroots.platform.RegionCode;

/** One administrative division. {@code path} is the names from the province down, joined by " / ". */
public record Region(long code, String shortCode, String name, RegionLevel level, RegionKind kind, Long parentCode,
		String path, int childCount) {

	public String fullCode() {
		return Long.toString(code);
	}

	public RegionCode regionCode() {
		return new RegionCode(code);
	}

	public long subtreeEnd() {
		return regionCode().subtreeEnd();
	}

	/** The last name of a path ("黑龙江省 / … / 省报社社区居委会" gives the community): where there is room for one. */
	public static String lastName(String path) {
		if (path == null) {
			return null;
		}
		int i = path.lastIndexOf(" / ");
		return i < 0 ? path : path.substring(i + 3);
	}
}
