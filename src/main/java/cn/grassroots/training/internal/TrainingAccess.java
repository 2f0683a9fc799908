package cn.grassroots.training.internal;

import java.util.HashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;
import cn.grassroots.platform.security.ScopeFilter;

/**
 * Who sees which programme and classroom, as SQL conditions with bound parameters. A programme is
 * visible when its sponsor region, any of its classrooms or any of its enrolments is in the
 * caller's TRAINING_READ scope, or the caller is assigned to one of its classrooms or enrolled in
 * it. A classroom is visible when its region or its programme's sponsor region is in scope, or
 * the caller is assigned to it or enrolled in it.
 */
@Component
public class TrainingAccess {

	/** A condition and its parameters. */
	public record Condition(String sql, Map<String, Object> params) {
	}

	private final CurrentUser user;

	TrainingAccess(CurrentUser user) {
		this.user = user;
	}

	/** The caller's own person id, or a value no person has. */
	public long me() {
		Long id = user.principal().personId();
		return id == null ? -1L : id;
	}

	public AccessScope readScope() {
		return user.scope(Permission.TRAINING_READ);
	}

	public AccessScope manageScope() {
		return user.scope(Permission.TRAINING_MANAGE);
	}

	/** Rows of {@code training_programme} aliased {@code p} the caller may read. */
	public Condition programme() {
		AccessScope scope = readScope();
		if (scope.all()) {
			return new Condition("1=1", Map.of());
		}
		Map<String, Object> params = new HashMap<>();
		ScopeFilter.Condition sponsor = region("p.sponsor_region_code", "vs", scope, params);
		ScopeFilter.Condition room = region("vc.region_code", "vc", scope, params);
		ScopeFilter.Condition enrolled = region("ve.region_code", "ve", scope, params);
		params.put("vme", me());
		String sql = "(" + sponsor.sql()
				+ " OR EXISTS (SELECT 1 FROM training_classroom vc WHERE vc.programme_id = p.id AND " + room.sql() + ")"
				+ " OR EXISTS (SELECT 1 FROM training_enrolment ve WHERE ve.programme_id = p.id AND " + enrolled.sql() + ")"
				+ " OR EXISTS (SELECT 1 FROM training_staff vs1 JOIN training_classroom vc1 ON vc1.id = vs1.classroom_id"
				+ " WHERE vc1.programme_id = p.id AND vs1.person_id = :vme)"
				+ " OR EXISTS (SELECT 1 FROM training_enrolment ve1 WHERE ve1.programme_id = p.id AND ve1.person_id = :vme))";
		return new Condition(sql, params);
	}

	/** Rows of {@code training_classroom} aliased {@code c}, joined to its programme {@code p}, the caller may read. */
	public Condition classroom() {
		return classroom(readScope());
	}

	/** The same over the TRAINING_MANAGE scope, without the personal assignments: who may change the classroom. */
	public Condition manageableClassroom() {
		AccessScope scope = manageScope();
		if (scope.all()) {
			return new Condition("1=1", Map.of());
		}
		Map<String, Object> params = new HashMap<>();
		ScopeFilter.Condition own = region("c.region_code", "mc", scope, params);
		ScopeFilter.Condition sponsor = region("p.sponsor_region_code", "ms", scope, params);
		return new Condition("(" + own.sql() + " OR " + sponsor.sql() + ")", params);
	}

	/**
	 * Classrooms the caller sees as an officer or staff member (region, sponsor, assignment), not
	 * merely as a trainee: who may see everyone's results.
	 */
	public Condition officialClassroom() {
		AccessScope scope = readScope();
		if (scope.all()) {
			return new Condition("1=1", Map.of());
		}
		Map<String, Object> params = new HashMap<>();
		ScopeFilter.Condition own = region("c.region_code", "oc", scope, params);
		ScopeFilter.Condition sponsor = region("p.sponsor_region_code", "os", scope, params);
		params.put("ome", me());
		return new Condition("(" + own.sql() + " OR " + sponsor.sql()
				+ " OR EXISTS (SELECT 1 FROM training_staff os1 WHERE os1.classroom_id = c.id AND os1.person_id = :ome))", params);
	}

	private Condition classroom(AccessScope scope) {
		if (scope.all()) {
			return new Condition("1=1", Map.of());
		}
		Map<String, Object> params = new HashMap<>();
		ScopeFilter.Condition own = region("c.region_code", "cc", scope, params);
		ScopeFilter.Condition sponsor = region("p.sponsor_region_code", "cs", scope, params);
		params.put("cme", me());
		String sql = "(" + own.sql() + " OR " + sponsor.sql()
				+ " OR EXISTS (SELECT 1 FROM training_staff cs1 WHERE cs1.classroom_id = c.id AND cs1.person_id = :cme)"
				+ " OR EXISTS (SELECT 1 FROM training_enrolment ce1 WHERE ce1.classroom_id = c.id AND ce1.person_id = :cme))";
		return new Condition(sql, params);
	}

	private static ScopeFilter.Condition region(String column, String prefix, AccessScope scope,
			Map<String, Object> params) {
		ScopeFilter.Condition c = ScopeFilter.onRegion(column).prefix(prefix).condition(scope);
		params.putAll(c.params());
		return c;
	}
}
