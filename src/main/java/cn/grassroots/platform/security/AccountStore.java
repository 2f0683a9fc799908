package cn.grassroots.platform.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;

import cn.grassroots.platform.Sql;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Accounts and their role grants. */
@Repository
public class AccountStore {

	public record AccountRow(long id, String username, String passwordHash, String displayName, Long personId,
			boolean enabled, int failedAttempts, Instant lockedUntil, boolean demo, Instant createdAt) {
	}

	private final JdbcClient jdbc;

	public AccountStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private static final String COLUMNS = "id, username, password_hash, display_name, person_id, enabled, failed_attempts, locked_until, demo, created_at";

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

	@Transactional
	public long create(String username, String passwordHash, String displayName, Long personId, boolean demo) {
		OffsetDateTime now = Sql.now();
		return Sql.insert(jdbc.sql("""
				INSERT INTO account (username, password_hash, display_name, person_id, enabled, failed_attempts, demo,
				    password_changed_at, created_at)
				VALUES (:u, :p, :d, :person, TRUE, 0, :demo, :now, :now)""")
			.param("u", username)
			.param("p", passwordHash)
			.param("d", displayName)
			.param("person", personId)
			.param("demo", demo)
			.param("now", now));
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

	public List<Grant> grantsOf(long accountId) {
		List<Grant> grants = jdbc.sql("""
				SELECT id, role, scope_kind, region_code, grid_id, unit_id FROM role_grant
				WHERE account_id = :a ORDER BY id""")
			.param("a", accountId)
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

	public Optional<Long> accountOfGrant(long grantId) {
		return jdbc.sql("SELECT account_id FROM role_grant WHERE id = :g").param("g", grantId).query(Long.class).optional();
	}

	private static AccountRow mapAccount(ResultSet rs, int n) throws SQLException {
		return new AccountRow(rs.getLong("id"), rs.getString("username"), rs.getString("password_hash"),
				rs.getString("display_name"), Sql.nullableLong(rs, "person_id"), rs.getBoolean("enabled"),
				rs.getInt("failed_attempts"), Sql.instant(rs, "locked_until"),
				rs.getBoolean("demo"), Sql.instant(rs, "created_at"));
	}
}
