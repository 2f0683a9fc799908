package cn.grassroots.org.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.grassroots.org.PartyOrganisationKind;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.platform.RegionCode;
import cn.grassroots.platform.SortKeys;
import cn.grassroots.platform.SortOrder;
import cn.grassroots.platform.Sql;
import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.ScopeFilter;

/** Party organisations and their hierarchy. Lists filter by scope (on the region) in SQL. */
@Repository
public class PartyOrganisationRepository {

	/** Party organisations are anchored on their region only. */
	static final ScopeFilter PARTY_ORG_SCOPE = ScopeFilter.onRegion("o.region_code");

	/** A party organisation with its parent's and unit's names and its version. */
	public record PartyOrganisationView(long id, String code, String name, PartyOrganisationKind kind, long regionCode,
			String regionPath, Long parentId, String parentName, Long unitId, String unitName, int version) {
	}

	/** The list's sort keys; by region, then code, unless asked otherwise. */
	public static final SortKeys SORT = SortKeys.tiebreaker("o.id")
		.key("region", "o.region_code", "o.code")
		.key("code", "o.code")
		.key("name", "o.name")
		.key("kind", "o.kind")
		.nullableKey("parent", "po.name")
		.nullableKey("unit", "u.name")
		.build();

	/** Filters for the list; {@code q} matches the name or the code. */
	public record Criteria(Long regionCode, PartyOrganisationKind kind, String q, Long unitId) {
	}

	private static final String FROM = " FROM party_organisation o JOIN region r ON r.code = o.region_code";

	private static final String SELECT = """
			SELECT o.id, o.code, o.name, o.kind, o.region_code, r.path, o.parent_id, po.name AS parent_name, o.unit_id,
			       u.name AS unit_name, o.version"""
			+ FROM + " LEFT JOIN party_organisation po ON po.id = o.parent_id LEFT JOIN unit u ON u.id = o.unit_id";

	/** The most rows a tree shows; a region with more is narrowed first. */
	public static final int TREE_LIMIT = 2000;

	private final JdbcClient jdbc;

	PartyOrganisationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public PageResult<PartyOrganisationView> list(AccessScope scope, Criteria criteria, PageRequest page) {
		return list(scope, criteria, SORT.defaultOrder(), page);
	}

	public PageResult<PartyOrganisationView> list(AccessScope scope, Criteria criteria, SortOrder sort,
			PageRequest page) {
		ScopeFilter.Condition condition = PARTY_ORG_SCOPE.condition(scope);
		StringBuilder where = new StringBuilder(" WHERE ").append(condition.sql());
		Map<String, Object> params = new HashMap<>(condition.params());
		if (criteria.regionCode() != null) {
			where.append(" AND o.region_code BETWEEN :regionFrom AND :regionTo");
			params.put("regionFrom", criteria.regionCode());
			params.put("regionTo", new RegionCode(criteria.regionCode()).subtreeEnd());
		}
		if (criteria.kind() != null) {
			where.append(" AND o.kind = :kind");
			params.put("kind", criteria.kind().name());
		}
		if (criteria.q() != null && !criteria.q().isBlank()) {
			where.append(" AND (o.name LIKE :q ESCAPE '\\' OR o.code LIKE :q ESCAPE '\\')");
			params.put("q", Sql.likeContains(criteria.q().trim()));
		}
		if (criteria.unitId() != null) {
			where.append(" AND o.unit_id = :unitId");
			params.put("unitId", criteria.unitId());
		}
		long total = jdbc.sql("SELECT COUNT(*)" + FROM + where).params(params).query(Long.class).single();
		List<PartyOrganisationView> rows = jdbc.sql(SELECT + where + " ORDER BY " + SORT.orderBy(sort) + " LIMIT :limit OFFSET :offset")
			.params(params)
			.param("limit", page.size())
			.param("offset", page.offset())
			.query(PartyOrganisationRepository::map)
			.list();
		return PageResult.of(rows, page, total);
	}

	/** Every organisation the scope reaches at or below the region, for the tree; at most TREE_LIMIT + 1 rows. */
	public List<PartyOrganisationView> under(AccessScope scope, long regionCode) {
		ScopeFilter.Condition condition = PARTY_ORG_SCOPE.condition(scope);
		return jdbc.sql(SELECT + " WHERE " + condition.sql()
				+ " AND o.region_code BETWEEN :regionFrom AND :regionTo ORDER BY o.region_code, o.code LIMIT :limit")
			.params(condition.params())
			.param("regionFrom", regionCode)
			.param("regionTo", new RegionCode(regionCode).subtreeEnd())
			.param("limit", TREE_LIMIT + 1)
			.query(PartyOrganisationRepository::map)
			.list();
	}

	public Optional<PartyOrganisationView> find(long id) {
		return jdbc.sql(SELECT + " WHERE o.id = :id").param("id", id).query(PartyOrganisationRepository::map).optional();
	}

	public List<PartyOrganisationView> children(AccessScope scope, long parentId) {
		ScopeFilter.Condition condition = PARTY_ORG_SCOPE.condition(scope);
		return jdbc.sql(SELECT + " WHERE o.parent_id = :parentId AND " + condition.sql() + " ORDER BY o.code")
			.params(condition.params())
			.param("parentId", parentId)
			.query(PartyOrganisationRepository::map)
			.list();
	}

	public boolean hasChildren(long id) {
		return jdbc.sql("SELECT COUNT(*) FROM party_organisation WHERE parent_id = :id").param("id", id)
			.query(Long.class).single() > 0;
	}

	/** The kinds of the organisation's direct children. */
	public List<PartyOrganisationKind> childKinds(long id) {
		return jdbc.sql("SELECT DISTINCT kind FROM party_organisation WHERE parent_id = :id")
			.param("id", id)
			.query((rs, n) -> PartyOrganisationKind.valueOf(rs.getString(1)))
			.list();
	}

	public Optional<Long> idByCode(String code) {
		return jdbc.sql("SELECT id FROM party_organisation WHERE code = :c").param("c", code).query(Long.class).optional();
	}

	public Optional<Long> parentOf(long id) {
		return jdbc.sql("SELECT parent_id FROM party_organisation WHERE id = :id")
			.param("id", id)
			.query((rs, n) -> Optional.ofNullable(Sql.nullableLong(rs, "parent_id")))
			.optional()
			.flatMap(p -> p);
	}

	public void lock(long id) {
		jdbc.sql("SELECT id FROM party_organisation WHERE id = :id FOR UPDATE").param("id", id).query(Long.class).list();
	}

	public boolean update(long id, String code, String name, PartyOrganisationKind kind, long regionCode, Long parentId,
			Long unitId, int version) {
		return jdbc.sql("""
				UPDATE party_organisation SET code = :code, name = :name, kind = :kind, region_code = :region,
				    parent_id = :parent, unit_id = :unit, updated_at = :now, version = version + 1
				WHERE id = :id AND version = :version""")
			.param("code", code)
			.param("name", name)
			.param("kind", kind.name())
			.param("region", regionCode)
			.param("parent", parentId)
			.param("unit", unitId)
			.param("now", Sql.now())
			.param("id", id)
			.param("version", version)
			.update() == 1;
	}

	static PartyOrganisationView map(ResultSet rs, int n) throws SQLException {
		return new PartyOrganisationView(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
				PartyOrganisationKind.valueOf(rs.getString("kind")), rs.getLong("region_code"), rs.getString("path"),
				Sql.nullableLong(rs, "parent_id"), rs.getString("parent_name"), Sql.nullableLong(rs, "unit_id"),
				rs.getString("unit_name"), rs.getInt("version"));
	}
}
