package cn.grassroots.platform.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;

import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.platform.SortKeys;
import cn.grassroots.platform.SortOrder;
import cn.grassroots.platform.Sql;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Accounts and their role grants. */
@Repository
public class AccountStore {

	/**
	 * One account. {@code homeRegionCode} is the region of the account's person (null for accounts
	 * without a person): account administration is scoped by it.
	 */
	public record AccountRow(long id, String username, String passwordHash, String displayName, Long personId,
			boolean enabled, int failedAttempts, Instant lockedUntil, boolean demo, Instant createdAt,
			Long homeRegionCode, Instant passwordChangedAt) {

		/** Locked by too many failed logins, and the lock has not run out yet. */
		public boolean locked() {
			return lockedUntil != null && lockedUntil.isAfter(Instant.now());
		}
	}

	/** Filters for the account list; each may be null. */
	public record Criteria(String username, Role role, Boolean locked) {
	}

	/** The account list's sort keys; by username unless asked otherwise. */
	public static final SortKeys SORT = SortKeys.tiebreaker("a.id")
		.key("username", "a.username")
		.key("displayName", "a.display_name")
		.key("createdAt", "a.created_at")
		.key("enabled", "a.enabled")
		.build();

	/** Account lists are filtered on the home region, in SQL. */
	private static final ScopeFilter HOME_SCOPE = ScopeFilter.onRegion("a.home_region_code").prefix("acct");

	private final JdbcClient jdbc;

	public AccountStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private static final String COLUMNS = "id, username, password_hash, display_name, person_id, enabled, failed_attempts, "
			+ "locked_until, demo, created_at, home_region_code, password_changed_at";
	static final String A_COLUMNS = "a.id, a.username, a.password_hash, a.display_name, a.person_id, a.enabled, "
			+ "a.failed_attempts, a.locked_until, a.demo, a.created_at, a.home_region_code, a.password_changed_at";

	public Optional<AccountRow> findByUsername(String username) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE username = :u")
			.param("u", username)
			.query(AccountStore::mapAccount)
			.optional();
	}

	public Optional<AccountRow> findById(long id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE id = :id")
			.param("id", id)
			.query(AccountStore::mapAccount)
			.optional();
	}

	public List<AccountRow> findByIds(Set<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE id IN (:ids) ORDER BY username")
			.param("ids", List.copyOf(ids))
			.query(AccountStore::mapAccount)
			.list();
	}

	public List<AccountRow> findAll() {
		return jdbc.sql("SELECT " + COLUMNS + " FROM account ORDER BY username").query(AccountStore::mapAccount).list();
	}

	public boolean anyDemoAccount() {
		return jdbc.sql("SELECT COUNT(*) FROM account WHERE demo = TRUE").query(Long.class).single() > 0;
	}

	public boolean exists(String username) {
		return jdbc.sql("SELECT COUNT(*) FROM account WHERE username = :u").param("u", username).query(Long.class).single() > 0;
	}

	/**
	 * Creates an account. {@code homeRegionCode} is the region of the account's person; null (for
	 * accounts without a person) leaves the account visible only to ALL-scope security admins.
	 */
	@Transactional
	public long create(String username, String passwordHash, String displayName, Long personId, Long homeRegionCode,
			boolean demo) {
		OffsetDateTime now = Sql.now();
		return Sql.insert(jdbc.sql("""
				INSERT INTO account (username, password_hash, display_name, person_id, home_region_code, enabled,
				    failed_attempts, demo, password_changed_at, created_at)
				VALUES (:u, :p, :d, :person, :home, TRUE, 0, :demo, :now, :now)""")
			.param("u", username)
			.param("p", passwordHash)
			.param("d", displayName)
			.param("person", personId)
			.param("home", homeRegionCode)
			.param("demo", demo)
			.param("now", now));
	}

	/** An account without a home region: only ALL-scope security admins administer it. */
	public long create(String username, String passwordHash, String displayName, Long personId, boolean demo) {
		return create(username, passwordHash, displayName, personId, null, demo);
	}

	/** Keeps the accounts of a person in step when the person moves to another region. */
	public int updateHomeRegionOfPerson(long personId, long homeRegionCode) {
		return jdbc.sql("UPDATE account SET home_region_code = :r WHERE person_id = :p")
			.param("r", homeRegionCode)
			.param("p", personId)
			.update();
	}

	/** The accounts whose home region the scope reaches, filtered, in the given order. */
	public PageResult<AccountRow> search(AccessScope scope, Criteria criteria, SortOrder sort, PageRequest page) {
		ScopeFilter.Condition condition = HOME_SCOPE.condition(scope);
		StringBuilder where = new StringBuilder(" WHERE ").append(condition.sql());
		Map<String, Object> params = new HashMap<>(condition.params());
		if (criteria.username() != null && !criteria.username().isBlank()) {
			where.append(" AND LOWER(a.username) LIKE :username ESCAPE '\\'");
			params.put("username", Sql.likeContains(criteria.username().trim().toLowerCase(java.util.Locale.ROOT)));
		}
		if (criteria.role() != null) {
			where.append(" AND EXISTS (SELECT 1 FROM role_grant g WHERE g.account_id = a.id AND g.role = :role)");
			params.put("role", criteria.role().name());
		}
		if (criteria.locked() != null) {
			where.append(criteria.locked() ? " AND a.locked_until IS NOT NULL AND a.locked_until > :now"
					: " AND (a.locked_until IS NULL OR a.locked_until <= :now)");
			params.put("now", Sql.now());
		}
		long total = jdbc.sql("SELECT COUNT(*) FROM account a" + where).params(params).query(Long.class).single();
		List<AccountRow> rows = jdbc.sql("SELECT " + A_COLUMNS + " FROM account a" + where
				+ " ORDER BY " + SORT.orderBy(sort) + " LIMIT :limit OFFSET :offset")
			.params(params)
			.param("limit", page.size())
			.param("offset", page.offset())
			.query(AccountStore::mapAccount)
			.list();
		return PageResult.of(rows, page, total);
	}

	public void updatePassword(long accountId, String passwordHash) {
		jdbc.sql("UPDATE account SET password_hash = :p, password_changed_at = :now WHERE id = :id")
			.param("p", passwordHash)
			.param("now", Sql.now())
			.param("id", accountId)
			.update();
	}

	public void setEnabled(long accountId, boolean enabled) {
		jdbc.sql("UPDATE account SET enabled = :e WHERE id = :id").param("e", enabled).param("id", accountId).update();
	}

	/** Counts a failed login; returns the new count. */
	@Transactional
	public int recordFailure(long accountId) {
		jdbc.sql("UPDATE account SET failed_attempts = failed_attempts + 1 WHERE id = :id").param("id", accountId).update();
		return jdbc.sql("SELECT failed_attempts FROM account WHERE id = :id").param("id", accountId).query(Integer.class).single();
	}

	public void lock(long accountId, Instant until) {
		jdbc.sql("UPDATE account SET locked_until = :until, failed_attempts = 0 WHERE id = :id")
			.param("until", Sql.utc(until))
			.param("id", accountId)
			.update();
	}

	public void unlock(long accountId) {
		jdbc.sql("UPDATE account SET locked_until = NULL, failed_attempts = 0 WHERE id = :id").param("id", accountId).update();
	}

	/** Clears the failure count after a good login; writes nothing when there is nothing to clear. */
	public void recordSuccess(long accountId) {
		jdbc.sql("UPDATE account SET failed_attempts = 0 WHERE id = :id AND failed_attempts > 0").param("id", accountId).update();
	}

	/**
	 * The grants in force for a request: none while the account is disabled, so disabling an
	 * account takes effect at once, also for sessions opened before.
	 */
	public List<Grant> grantsInForce(long accountId) {
		return grants(accountId, true);
	}

	public List<Grant> grantsOf(long accountId) {
		return grants(accountId, false);
	}

	/** One read for the common case; a second only when a grant has a custom set of regions. */
	private List<Grant> grants(long accountId, boolean onlyIfEnabled) {
		List<Grant> grants = jdbc.sql("""
				SELECT g.id, g.role, g.scope_kind, g.region_code, g.grid_id, g.unit_id
				FROM role_grant g JOIN account a ON a.id = g.account_id
				WHERE g.account_id = :a AND (a.enabled = TRUE OR :all = TRUE) ORDER BY g.id""")
			.param("a", accountId)
			.param("all", !onlyIfEnabled)
			.query((rs, n) -> new Grant(rs.getLong("id"), Role.valueOf(rs.getString("role")),
					DataScopeKind.valueOf(rs.getString("scope_kind")), Sql.nullableLong(rs, "region_code"),
					Sql.nullableLong(rs, "grid_id"), Sql.nullableLong(rs, "unit_id"), Set.of()))
			.list();
		if (grants.stream().noneMatch(g -> g.scopeKind() == DataScopeKind.CUSTOM)) {
			return grants;
		}
		Map<Long, Set<Long>> custom = new HashMap<>();
		jdbc.sql("""
				SELECT r.grant_id, r.region_code FROM role_grant_region r JOIN role_grant g ON g.id = r.grant_id
				WHERE g.account_id = :a""")
			.param("a", accountId)
			.query((rs, n) -> custom.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getLong(2)))
			.list();
		List<Grant> result = new ArrayList<>();
		for (Grant g : grants) {
			result.add(g.scopeKind() == DataScopeKind.CUSTOM ? new Grant(g.id(), g.role(), g.scopeKind(),
					g.regionCode(), g.gridId(), g.unitId(), custom.getOrDefault(g.id(), Set.of())) : g);
		}
		return result;
	}

	@Transactional
	public long addGrant(long accountId, Grant grant, String grantedBy) {
		long id = Sql.insert(jdbc.sql("""
				INSERT INTO role_grant (account_id, role, scope_kind, region_code, grid_id, unit_id, granted_by, granted_at)
				VALUES (:a, :role, :kind, :region, :grid, :unit, :by, :now)""")
			.param("a", accountId)
			.param("role", grant.role().name())
			.param("kind", grant.scopeKind().name())
			.param("region", grant.regionCode())
			.param("grid", grant.gridId())
			.param("unit", grant.unitId())
			.param("by", grantedBy)
			.param("now", Sql.now()));
		for (Long region : grant.customRegions()) {
			jdbc.sql("INSERT INTO role_grant_region (grant_id, region_code) VALUES (:g, :r)")
				.param("g", id)
				.param("r", region)
				.update();
		}
		return id;
	}

	public void removeGrant(long grantId) {
		jdbc.sql("DELETE FROM role_grant_region WHERE grant_id = :g").param("g", grantId).update();
		jdbc.sql("DELETE FROM role_grant WHERE id = :g").param("g", grantId).update();
	}

	/** The grants of several accounts at once, for lists; accounts without grants map to an empty list. */
	public Map<Long, List<Grant>> grantsOf(Collection<Long> accountIds) {
		Map<Long, List<Grant>> result = new LinkedHashMap<>();
		if (accountIds.isEmpty()) {
			return result;
		}
		List<Long> ids = List.copyOf(new LinkedHashSet<>(accountIds));
		ids.forEach(id -> result.put(id, new ArrayList<>()));
		Map<Long, Set<Long>> custom = new HashMap<>();
		jdbc.sql("""
				SELECT r.grant_id, r.region_code FROM role_grant_region r JOIN role_grant g ON g.id = r.grant_id
				WHERE g.account_id IN (:ids)""")
			.param("ids", ids)
			.query((rs, n) -> custom.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getLong(2)))
			.list();
		jdbc.sql("""
				SELECT id, account_id, role, scope_kind, region_code, grid_id, unit_id FROM role_grant
				WHERE account_id IN (:ids) ORDER BY id""")
			.param("ids", ids)
			.query((rs, n) -> result.get(rs.getLong("account_id"))
				.add(new Grant(rs.getLong("id"), Role.valueOf(rs.getString("role")),
						DataScopeKind.valueOf(rs.getString("scope_kind")), Sql.nullableLong(rs, "region_code"),
						Sql.nullableLong(rs, "grid_id"), Sql.nullableLong(rs, "unit_id"),
						custom.getOrDefault(rs.getLong("id"), Set.of()))))
			.list();
		return result;
	}

	public Optional<Long> accountOfGrant(long grantId) {
		return jdbc.sql("SELECT account_id FROM role_grant WHERE id = :g").param("g", grantId).query(Long.class).optional();
	}

	static AccountRow mapAccount(ResultSet rs, int n) throws SQLException {
		return new AccountRow(rs.getLong("id"), rs.getString("username"), rs.getString("password_hash"),
				rs.getString("display_name"), Sql.nullableLong(rs, "person_id"), rs.getBoolean("enabled"),
				rs.getInt("failed_attempts"), Sql.instant(rs, "locked_until"),
				rs.getBoolean("demo"), Sql.instant(rs, "created_at"), Sql.nullableLong(rs, "home_region_code"),
				Sql.instant(rs, "password_changed_at"));
	}
}
