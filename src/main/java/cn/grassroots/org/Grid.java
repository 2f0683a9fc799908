package cn.grassroots.org;

import java.time.LocalDate;

/** A grid or micro-grid as currently drawn (its latest version). */
public record Grid(long id, String code, GridKind kind, long regionCode, String regionPath, Long parentId, int version,
		String name, String boundary, int households, int buildings, LocalDate validFrom) {
}
