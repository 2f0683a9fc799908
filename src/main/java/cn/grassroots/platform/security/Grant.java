package cn.grassroots.platform.security;

import java.util.Set;

/** One role held within one data scope. Anchors are filled as the scope kind needs. */
public record Grant(Long id, Role role, DataScopeKind scopeKind, Long regionCode, Long gridId, Long unitId,
		Set<Long> customRegions) {

	public Grant {
		customRegions = customRegions == null ? Set.of() : Set.copyOf(customRegions);
	}

	public static Grant all(Role role) {
		return new Grant(null, role, DataScopeKind.ALL, null, null, null, Set.of());
	}

	public static Grant region(Role role, long regionCode) {
		return new Grant(null, role, DataScopeKind.REGION_AND_BELOW, regionCode, null, null, Set.of());
	}

	public static Grant grid(Role role, long gridId) {
		return new Grant(null, role, DataScopeKind.REGION_AND_BELOW, null, gridId, null, Set.of());
	}

	public static Grant unit(Role role, long unitId, boolean andBelow) {
		return new Grant(null, role, andBelow ? DataScopeKind.UNIT_AND_BELOW : DataScopeKind.OWN_UNIT, null, null,
				unitId, Set.of());
	}

	public static Grant custom(Role role, Set<Long> regions) {
		return new Grant(null, role, DataScopeKind.CUSTOM, null, null, null, regions);
	}

	public static Grant self(Role role) {
		return new Grant(null, role, DataScopeKind.SELF, null, null, null, Set.of());
	}
}
