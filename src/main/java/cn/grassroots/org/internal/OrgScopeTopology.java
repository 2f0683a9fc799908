package cn.grassroots.org.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.grassroots.platform.security.ScopeTopology;

/** Answers the platform's scope questions from the org tables (units and grids are shallow trees). */
@Component
class OrgScopeTopology implements ScopeTopology {

	private final JdbcClient jdbc;

	OrgScopeTopology(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Set<Long> unitSubtree(long unitId) {
		return subtree("unit", unitId);
	}

	@Override
	public Set<Long> gridSubtree(long gridId) {
		return subtree("grid", gridId);
	}

	/** Breadth-first down the parent links; the table name is one of two constants. */
	private Set<Long> subtree(String table, long root) {
		Set<Long> all = new HashSet<>();
		all.add(root);
		List<Long> frontier = List.of(root);
		while (!frontier.isEmpty()) {
			List<Long> next = jdbc.sql("SELECT id FROM " + table + " WHERE parent_id IN (:ids)")
				.param("ids", frontier)
				.query(Long.class)
				.list()
				.stream()
				.filter(all::add)
				.toList();
			frontier = next;
		}
		return all;
	}

	@Override
	public Optional<Long> gridRegion(long gridId) {
		return jdbc.sql("SELECT region_code FROM grid WHERE id = :id").param("id", gridId).query(Long.class).optional();
	}

	@Override
	public Optional<Long> unitRegion(long unitId) {
		return jdbc.sql("SELECT region_code FROM unit WHERE id = :id").param("id", unitId).query(Long.class).optional();
	}

	@Override
	public Optional<String> regionPath(long regionCode) {
		return jdbc.sql("SELECT path FROM region WHERE code = :c").param("c", regionCode).query(String.class).optional();
	}

	@Override
	public Optional<String> gridName(long gridId) {
		return jdbc.sql("""
				SELECT r.path || ' / ' || v.name FROM grid g JOIN grid_version v ON v.grid_id = g.id AND v.valid_to IS NULL
				JOIN region r ON r.code = g.region_code WHERE g.id = :id""")
			.param("id", gridId)
			.query(String.class)
			.optional();
	}

	@Override
	public Optional<String> unitName(long unitId) {
		return jdbc.sql("SELECT name FROM unit WHERE id = :id").param("id", unitId).query(String.class).optional();
	}
}
