package cn.grassroots.measures.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;
import cn.grassroots.platform.security.ScopeFilter;

/**
 * Who reaches which mechanism and measure. A region grant reaches every mechanism at and below
 * its region, whole; a unit grant reaches the mechanisms the unit is a member of: whole when it is
 * the lead or coordinating unit, otherwise only the measures it leads or partners on. A region
 * grant also reaches measures owned by a community inside it. Lists filter in SQL with bound
 * parameters ({@link #mechanisms}, {@link #measures}); single rows are checked with the same rules.
 */
@Component
public class MeasureAccess {

	public record Condition(String sql, Map<String, Object> params) {
	}

	private final CurrentUser user;

	MeasureAccess(CurrentUser user) {
		this.user = user;
	}

	public AccessScope read() {
		return user.require(Permission.MEASURE_READ);
	}

	public AccessScope report() {
		return user.scope(Permission.MEASURE_REPORT);
	}

	public AccessScope manage() {
		return user.scope(Permission.MEASURE_MANAGE);
	}

	/** Mechanisms (alias {@code mc}) the scope reaches at all. */
	public static Condition mechanisms(AccessScope scope) {
		if (scope.all()) {
			return new Condition("1=1", Map.of());
		}
		List<String> parts = new ArrayList<>();
		Map<String, Object> params = new LinkedHashMap<>();
		region("mc.region_code", "mr", scope, parts, params);
		if (!scope.unitIds().isEmpty()) {
			parts.add("EXISTS (SELECT 1 FROM measure_member mm WHERE mm.mechanism_id = mc.id AND mm.unit_id IN (:mUnits))");
			params.put("mUnits", List.copyOf(scope.unitIds()));
		}
		if (!scope.regionRanges().isEmpty()) {
			ScopeFilter.Condition owned = ScopeFilter.onRegion("mo.owner_region_code").prefix("mo").condition(regionsOnly(scope));
			parts.add("EXISTS (SELECT 1 FROM measure mo WHERE mo.mechanism_id = mc.id AND " + owned.sql() + ")");
			params.putAll(owned.params());
		}
		return join(parts, params);
	}

	/** Measures (alias {@code ms}, their mechanism {@code mc}) the scope reaches. */
	public static Condition measures(AccessScope scope) {
		if (scope.all()) {
			return new Condition("1=1", Map.of());
		}
		List<String> parts = new ArrayList<>();
		Map<String, Object> params = new LinkedHashMap<>();
		region("mc.region_code", "mr", scope, parts, params);
		region("ms.owner_region_code", "mo", scope, parts, params);
		if (!scope.unitIds().isEmpty()) {
			parts.add("EXISTS (SELECT 1 FROM measure_member mm WHERE mm.mechanism_id = mc.id"
					+ " AND mm.role IN ('LEAD', 'COORDINATING') AND mm.unit_id IN (:mUnits))");
			parts.add("ms.lead_unit_id IN (:mUnits)");
			parts.add("EXISTS (SELECT 1 FROM measure_partner mp WHERE mp.measure_id = ms.id AND mp.unit_id IN (:mUnits))");
			params.put("mUnits", List.copyOf(scope.unitIds()));
		}
		return join(parts, params);
	}

	private static void region(String column, String prefix, AccessScope scope, List<String> parts, Map<String, Object> params) {
		if (scope.regionRanges().isEmpty()) {
			return;
		}
		ScopeFilter.Condition c = ScopeFilter.onRegion(column).prefix(prefix).condition(regionsOnly(scope));
		parts.add(c.sql());
		params.putAll(c.params());
	}

	private static AccessScope regionsOnly(AccessScope scope) {
		return new AccessScope(false, scope.regionRanges(), Set.of(), Set.of(), null);
	}

	private static Condition join(List<String> parts, Map<String, Object> params) {
		return parts.isEmpty() ? new Condition("1=0", Map.of()) : new Condition("(" + String.join(" OR ", parts) + ")", params);
	}

	// single rows

	/** Whether the scope reaches the whole mechanism: its region, or as its lead or coordinating unit. */
	public static boolean wholeMechanism(AccessScope scope, MeasureRepository.Mechanism m) {
		return scope.reachesRegion(m.regionCode()) || has(scope, m.leadUnitId()) || has(scope, m.coordinatingUnitId());
	}

	private static boolean has(AccessScope scope, Long unitId) {
		return unitId != null && scope.unitIds().contains(unitId);
	}

	/** Whether the scope reaches this measure of the mechanism. */
	public static boolean measure(AccessScope scope, MeasureRepository.Mechanism m, MeasureRepository.Measure measure,
			Set<Long> partnerUnits) {
		return wholeMechanism(scope, m) || owns(scope, measure, partnerUnits);
	}

	/** Whether the scope's units lead or partner on the measure, or its regions hold the owning community. */
	public static boolean owns(AccessScope scope, MeasureRepository.Measure measure, Set<Long> partnerUnits) {
		return has(scope, measure.leadUnitId())
				|| partnerUnits.stream().anyMatch(scope.unitIds()::contains)
				|| (measure.ownerRegionCode() != null && scope.reachesRegion(measure.ownerRegionCode()));
	}

	/** The lead or coordinating unit reviews reports. */
	public boolean canReview(MeasureRepository.Mechanism m) {
		AccessScope s = report();
		return has(s, m.coordinatingUnitId()) || has(s, m.leadUnitId());
	}

	/** Only the coordinating unit closes a measure out. */
	public boolean canCloseOut(MeasureRepository.Mechanism m) {
		return has(report(), m.coordinatingUnitId());
	}

	/** Changing a mechanism and its measures: a region manager over it, or its lead or coordinating unit. */
	public boolean canManage(MeasureRepository.Mechanism m) {
		return manage().reachesRegion(m.regionCode()) || canReview(m);
	}

	public static ForbiddenException forbidden() {
		return new ForbiddenException("the mechanism or measure is outside your scope");
	}
}
