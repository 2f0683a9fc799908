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
}
