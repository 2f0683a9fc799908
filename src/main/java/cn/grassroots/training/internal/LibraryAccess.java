package cn.grassroots.training.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;

/**
 * Who reads the lecturer list and the case library. A province's library is shared by all its
 * cities (a city chooses lecturers and cases from neighbouring cities too), so a row is readable
 * when it lies in a province the caller's TRAINING_READ scope reaches into; writing needs
 * TRAINING_MANAGE over the row's own region.
 */
@Component
class LibraryAccess {

	private static final long PROVINCE = 10_000_000_000L;

	private final CurrentUser user;

	LibraryAccess(CurrentUser user) {
		this.user = user;
	}

	/** A condition on a region column the caller may read in the library; throws 403 without TRAINING_READ. */
	TrainingAccess.Condition readable(String column, String prefix) {
		AccessScope scope = user.require(Permission.TRAINING_READ);
		if (scope.all()) {
			return new TrainingAccess.Condition("1=1", Map.of());
		}
		List<String> parts = new ArrayList<>();
		Map<String, Object> params = new HashMap<>();
		int i = 0;
		for (AccessScope.Range r : scope.regionRanges()) {
			long from = r.from() / PROVINCE * PROVINCE;
			params.put(prefix + "f" + i, from);
			params.put(prefix + "t" + i, from + PROVINCE - 1);
			parts.add(column + " BETWEEN :" + prefix + "f" + i + " AND :" + prefix + "t" + i);
			i++;
		}
		return new TrainingAccess.Condition(parts.isEmpty() ? "1=0" : "(" + String.join(" OR ", parts) + ")", params);
	}

	/** Whether the caller may read a row anchored at this region. */
	boolean canRead(long regionCode) {
		AccessScope scope = user.scope(Permission.TRAINING_READ);
		if (scope.all()) {
			return true;
		}
		return scope.regionRanges().stream().anyMatch(r -> r.from() / PROVINCE == regionCode / PROVINCE);
	}

	boolean canManage(long regionCode) {
		return user.scope(Permission.TRAINING_MANAGE).reachesRegion(regionCode);
	}

	String username() {
		return user.username();
	}
}
