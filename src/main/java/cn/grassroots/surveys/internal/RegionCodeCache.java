package cn.grassroots.surveys.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.RegionLevel;
import cn.grassroots.platform.RegionCode;

/**
 * Division codes checked against the region tree in bulk: the first code of a province loads that
 * province's codes at every level (five queries, about 15,000 codes for Heilongjiang), and every
 * later code of the province is a set look-up. An import of 339,000 rows over 14,000 villages thus
 * asks the database a handful of times instead of once per distinct code. One instance per job:
 * the tree changes rarely, but a job should see it as it was when the job started.
 */
final class RegionCodeCache {

	private static final long PROVINCE_DIVISOR = 10_000_000_000L;

	private final OrgDirectory org;
	private final Map<Long, Set<Long>> provinces = new HashMap<>();
	private final Map<String, Optional<Long>> texts = new HashMap<>();

	RegionCodeCache(OrgDirectory org) {
		this.org = org;
	}

	/** The 12-digit code of an existing region for a typed code (short or 12 digits), or empty. */
	Optional<Long> lookup(String text) {
		Optional<Long> known = texts.get(text);
		if (known != null) {
			return known;
		}
		Optional<Long> found = resolve(text);
		if (texts.size() < 200_000) {
			texts.put(text, found);
		}
		return found;
	}

	private Optional<Long> resolve(String text) {
		if (text == null || text.isBlank() || text.length() > 12 || !RegionCode.isValid(text.strip())) {
			return Optional.empty();
		}
		long code = RegionCode.parse(text.strip()).value();
		long province = code / PROVINCE_DIVISOR * PROVINCE_DIVISOR;
		Set<Long> codes = provinces.computeIfAbsent(province, this::load);
		return codes.contains(code) ? Optional.of(code) : Optional.empty();
	}

	private Set<Long> load(long province) {
		Set<Long> codes = new HashSet<>();
		for (RegionLevel level : RegionLevel.values()) {
			codes.addAll(org.regionCodesAt(province, level));
		}
		return codes;
	}
}
