package cn.grassroots.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import cn.grassroots.platform.RegionCode;

/**
 * The rows one permission reaches for one account: the union over the grants that carry the
 * permission. Modules turn it into a SQL condition with {@link ScopeFilter}; nothing filters
 * in memory.
 */
public record AccessScope(boolean all, List<Range> regionRanges, Set<Long> gridIds, Set<Long> unitIds,
		Long selfPersonId) {

	/** An inclusive range of 12-digit region codes: a region and everything below it. */
	public record Range(long from, long to) {

		public static Range of(long regionCode) {
			return new Range(regionCode, new RegionCode(regionCode).subtreeEnd());
		}

		public boolean contains(long code) {
			return code >= from && code <= to;
		}

		public boolean contains(Range other) {
			return other.from >= from && other.to <= to;
		}
	}

	public AccessScope {
		regionRanges = List.copyOf(regionRanges);
		gridIds = Set.copyOf(gridIds);
		unitIds = Set.copyOf(unitIds);
	}

	public static final AccessScope NONE = new AccessScope(false, List.of(), Set.of(), Set.of(), null);

	public static final AccessScope EVERYTHING = new AccessScope(true, List.of(), Set.of(), Set.of(), null);

	public boolean isEmpty() {
		return !all && regionRanges.isEmpty() && gridIds.isEmpty() && unitIds.isEmpty() && selfPersonId == null;
	}

	/** True when every row anchored at this region (and below) is reachable through a region grant. */
	public boolean coversRegion(long regionCode) {
		if (all) {
			return true;
		}
		Range target = Range.of(regionCode);
		return regionRanges.stream().anyMatch(r -> r.contains(target));
	}

	/** True when a single row anchored at this region is reachable through a region grant. */
	public boolean reachesRegion(long regionCode) {
		return all || regionRanges.stream().anyMatch(r -> r.contains(regionCode));
	}

	/** True when the region overlaps the scope at all (it is inside a granted range, or contains one). */
	public boolean overlapsRegion(long regionCode) {
		if (all) {
			return true;
		}
		Range target = Range.of(regionCode);
		return regionRanges.stream().anyMatch(r -> r.contains(target) || target.contains(r));
	}

	/**
	 * Whether a row with these anchors is reachable. Used to check a single row the caller is
	 * about to change, after it has been read; lists filter in SQL.
	 */
	public boolean permits(Long regionCode, Long gridId, Long unitId, Long personId) {
		if (all) {
			return true;
		}
		return (regionCode != null && reachesRegion(regionCode)) || (gridId != null && gridIds.contains(gridId))
				|| (unitId != null && unitIds.contains(unitId))
				|| (personId != null && personId.equals(selfPersonId));
	}

	AccessScope union(AccessScope other) {
		if (all || other.all) {
			return EVERYTHING;
		}
		List<Range> ranges = new ArrayList<>(regionRanges);
		for (Range r : other.regionRanges) {
			if (ranges.stream().noneMatch(x -> x.contains(r))) {
				ranges.removeIf(r::contains);
				ranges.add(r);
			}
		}
		return new AccessScope(false, ranges, merge(gridIds, other.gridIds), merge(unitIds, other.unitIds),
				selfPersonId != null ? selfPersonId : other.selfPersonId);
	}

	private static Set<Long> merge(Collection<Long> a, Collection<Long> b) {
		Set<Long> s = new LinkedHashSet<>(a);
		s.addAll(b);
		return s;
	}
}
