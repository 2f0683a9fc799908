package cn.grassroots.org.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.grassroots.org.UnitKind;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.platform.RegionCode;
import cn.grassroots.platform.SortKeys;
import cn.grassroots.platform.SortOrder;
import cn.grassroots.platform.Sql;
import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.ScopeFilter;

/** Units and their hierarchy. Lists filter by scope in SQL. */
@Repository
public class UnitRepository {

	/** The scope's anchor columns on the unit table. */
	static final ScopeFilter UNIT_SCOPE = ScopeFilter.onRegion("u.region_code").unit("u.id");

	/** A unit with its parent's name and its version, for showing and editing. */
	public record UnitView(long id, String code, String name, UnitKind kind, long regionCode, String regionPath,
			Long parentId, String parentName, int version) {
	}

	/** The unit list's sort keys; by region, then code, unless asked otherwise. */
	public static final SortKeys SORT = SortKeys.tiebreaker("u.id")
		.key("region", "u.region_code", "u.code")
		.key("code", "u.code")
		.key("name", "u.name")
		.key("kind", "u.kind")
		.nullableKey("parent", "pu.name")
		.build();

	/** Filters for the unit list; {@code q} matches the name or the code. */
	public record Criteria(Long regionCode, UnitKind kind, String q, Long parentId) {
	}

	private static final String FROM = " FROM unit u JOIN region r ON r.code = u.region_code";

	private static final String SELECT = """
			SELECT u.id, u.code, u.name, u.kind, u.region_code, r.path, u.parent_id, pu.name AS parent_name, u.version"""
			+ FROM + " LEFT JOIN unit pu ON pu.id = u.parent_id";

	private final JdbcClient jdbc;

	UnitRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public PageResult<UnitView> list(AccessScope scope, Criteria criteria, SortOrder sort, PageRequest page) {
		ScopeFilter.Condition condition = UNIT_SCOPE.condition(scope);
		StringBuilder where = new StringBuilder(" WHERE ").append(condition.sql());
		Map<String, Object> params = new HashMap<>(condition.params());
		if (criteria.regionCode() != null) {
			where.append(" AND u.region_code BETWEEN :regionFrom AND :regionTo");
			params.put("regionFrom", criteria.regionCode());
			params.put("regionTo", new RegionCode(criteria.regionCode()).subtreeEnd());
		}
		if (criteria.kind() != null) {
			where.append(" AND u.kind = :kind");
			params.put("kind", criteria.kind().name());
		}
		if (criteria.q() != null && !criteria.q().isBlank()) {
			where.append(" AND (u.name LIKE :q ESCAPE '\\' OR u.code LIKE :q ESCAPE '\\')");
			params.put("q", Sql.likeContains(criteria.q().trim()));
		}
		if (criteria.parentId() != null) {
			where.append(" AND u.parent_id = :parentId");
			params.put("parentId", criteria.parentId());
		}
		long total = jdbc.sql("SELECT COUNT(*)" + FROM + where).params(params).query(Long.class).single();
		List<UnitView> rows = jdbc.sql(SELECT + where + " ORDER BY " + SORT.orderBy(sort) + " LIMIT :limit OFFSET :offset")
			.params(params)
			.param("limit", page.size())
			.param("offset", page.offset())
			.query(UnitRepository::map)
			.list();
		return PageResult.of(rows, page, total);
	}

	public Optional<UnitView> find(long id) {
		return jdbc.sql(SELECT + " WHERE u.id = :id").param("id", id).query(UnitRepository::map).optional();
	}

	/** The sub-units the scope reaches, in code order. */
	public List<UnitView> children(AccessScope scope, long parentId) {
		ScopeFilter.Condition condition = UNIT_SCOPE.condition(scope);
		return jdbc.sql(SELECT + " WHERE u.parent_id = :parentId AND " + condition.sql() + " ORDER BY u.code")
			.params(condition.params())
			.param("parentId", parentId)
			.query(UnitRepository::map)
			.list();
	}

	public Optional<Long> idByCode(String code) {
		return jdbc.sql("SELECT id FROM unit WHERE code = :c").param("c", code).query(Long.class).optional();
	}

	public Optional<Long> parentOf(long id) {
		return jdbc.sql("SELECT parent_id FROM unit WHERE id = :id")
			.param("id", id)
			.query((rs, n) -> Optional.ofNullable(Sql.nullableLong(rs, "parent_id")))
			.optional()
			.flatMap(p -> p);
	}

	/** Locks the unit's row while its place in the hierarchy changes. */
	public void lock(long id) {
		jdbc.sql("SELECT id FROM unit WHERE id = :id FOR UPDATE").param("id", id).query(Long.class).list();
	}

	/** Updates unless someone else changed the row meanwhile; returns whether it was written. */
	public boolean update(long id, String code, String name, UnitKind kind, long regionCode, Long parentId, int version) {
		return jdbc.sql("""
				UPDATE unit SET code = :code, name = :name, kind = :kind, region_code = :region, parent_id = :parent,
				    updated_at = :now, version = version + 1
				WHERE id = :id AND version = :version""")
			.param("code", code)
			.param("name", name)
			.param("kind", kind.name())
			.param("region", regionCode)
			.param("parent", parentId)
			.param("now", Sql.now())
			.param("id", id)
			.param("version", version)
			.update() == 1;
	}

	static UnitView map(ResultSet rs, int n) throws SQLException {
		return new UnitView(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
				UnitKind.valueOf(rs.getString("kind")), rs.getLong("region_code"), rs.getString("path"),
				Sql.nullableLong(rs, "parent_id"), rs.getString("parent_name"), rs.getInt("version"));
	}
}
