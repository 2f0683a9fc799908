package cn.grassroots.org.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.grassroots.org.Region;
import cn.grassroots.org.RegionKind;
import cn.grassroots.org.RegionLevel;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.platform.RegionCode;
import cn.grassroots.platform.Sql;

/** The administrative tree: public reference data, readable by every logged-in account. */
@Repository
public class RegionRepository {

	private static final String COLUMNS = "code, short_code, name, level, kind, parent_code, path, child_count";

	private final JdbcClient jdbc;

	RegionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Region> find(long code) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM region WHERE code = :c").param("c", code).query(RegionRepository::map).optional();
	}

	public List<Region> roots() {
		return jdbc.sql("SELECT " + COLUMNS + " FROM region WHERE parent_code IS NULL ORDER BY code")
			.query(RegionRepository::map)
			.list();
	}

	public PageResult<Region> children(long code, PageRequest page) {
		long total = jdbc.sql("SELECT COUNT(*) FROM region WHERE parent_code = :c").param("c", code).query(Long.class).single();
		List<Region> rows = jdbc.sql("SELECT " + COLUMNS + " FROM region WHERE parent_code = :c ORDER BY code LIMIT :l OFFSET :o")
			.param("c", code)
			.param("l", page.size())
			.param("o", page.offset())
			.query(RegionRepository::map)
			.list();
		return PageResult.of(rows, page, total);
	}

	/** The children of a region inside the range [from, to] (a subtree), in code order. */
	public List<Region> childrenWithin(long parentCode, long from, long to) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM region WHERE parent_code = :p AND code BETWEEN :from AND :to ORDER BY code")
			.param("p", parentCode)
			.param("from", from)
			.param("to", to)
			.query(RegionRepository::map)
			.list();
	}

	/** Every region whose name contains the text, or whose code starts with the digits given. */
	public PageResult<Region> search(String text, Long within, PageRequest page) {
		Map<String, Object> params = new java.util.HashMap<>();
		String where = searchCondition(text, within, params);
		long total = jdbc.sql("SELECT COUNT(*) FROM region WHERE " + where).params(params).query(Long.class).single();
		List<Region> rows = jdbc.sql("SELECT " + COLUMNS + " FROM region WHERE " + where + " ORDER BY code LIMIT :l OFFSET :o")
			.params(params)
			.param("l", page.size())
			.param("o", page.offset())
			.query(RegionRepository::map)
			.list();
		return PageResult.of(rows, page, total);
	}

	/** The first regions, in code order, that {@link #search} finds for the text: a picker's suggestions, without a count. */
	public List<Region> suggest(String text, int limit) {
		Map<String, Object> params = new java.util.HashMap<>();
		String where = searchCondition(text, null, params);
		return jdbc.sql("SELECT " + COLUMNS + " FROM region WHERE " + where + " ORDER BY code LIMIT :l")
			.params(params)
			.param("l", limit)
			.query(RegionRepository::map)
			.list();
	}

	/** Digits match a code prefix, anything else a part of the name; optionally within a region. */
	private static String searchCondition(String text, Long within, Map<String, Object> params) {
		String q = text.trim();
		StringBuilder where = new StringBuilder();
		if (!q.isEmpty() && q.chars().allMatch(Character::isDigit) && q.length() <= 12) {
			long from = Long.parseLong((q + "000000000000").substring(0, 12));
			long to = Long.parseLong((q + "999999999999").substring(0, 12));
			where.append("(code BETWEEN :from AND :to)");
			params.put("from", from);
			params.put("to", to);
		}
		else {
			where.append("name LIKE :q ESCAPE '\\'");
			params.put("q", Sql.likeContains(q));
		}
		if (within != null) {
			where.append(" AND code BETWEEN :wFrom AND :wTo");
			params.put("wFrom", within);
			params.put("wTo", new RegionCode(within).subtreeEnd());
		}
		return where.toString();
	}

	/** How many regions of each level lie strictly below the region. */
	public Map<RegionLevel, Long> countsBelow(long code) {
		Map<RegionLevel, Long> counts = new EnumMap<>(RegionLevel.class);
		jdbc.sql("SELECT level, COUNT(*) FROM region WHERE code > :from AND code <= :to GROUP BY level")
			.param("from", code)
			.param("to", new RegionCode(code).subtreeEnd())
			.query((rs, n) -> counts.put(RegionLevel.valueOf(rs.getString(1)), rs.getLong(2)))
			.list();
		return counts;
	}

	public long countBelow(long code) {
		return jdbc.sql("SELECT COUNT(*) FROM region WHERE code > :from AND code <= :to")
			.param("from", code)
			.param("to", new RegionCode(code).subtreeEnd())
			.query(Long.class)
			.single();
	}

	/** The region and its ancestors, province first. */
	public List<Region> lineage(long code) {
		List<Region> line = new ArrayList<>();
		Optional<Region> current = find(code);
		while (current.isPresent()) {
			line.add(0, current.get());
			Long parent = current.get().parentCode();
			current = parent == null ? Optional.empty() : find(parent);
		}
		return line;
	}

	public long count() {
		return jdbc.sql("SELECT COUNT(*) FROM region").query(Long.class).single();
	}

	static Region map(ResultSet rs, int n) throws SQLException {
		String kind = rs.getString("kind");
		return new Region(rs.getLong("code"), rs.getString("short_code"), rs.getString("name"),
				RegionLevel.valueOf(rs.getString("level")), kind == null ? null : RegionKind.valueOf(kind),
				Sql.nullableLong(rs, "parent_code"), rs.getString("path"), rs.getInt("child_count"));
	}
}
