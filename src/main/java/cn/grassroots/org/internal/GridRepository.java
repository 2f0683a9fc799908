package cn.grassroots.org.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.grassroots.org.GridKind;
import cn.grassroots.org.PostType;
import cn.grassroots.org.Region;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.platform.RegionCode;
import cn.grassroots.platform.SortKeys;
import cn.grassroots.platform.SortOrder;
import cn.grassroots.platform.Sql;
import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.ScopeFilter;

/** Grids and micro-grids as drawn now, their version history and their workers. Lists filter by scope in SQL. */
@Repository
public class GridRepository {

	/** The scope's anchor columns on the grid table. */
	static final ScopeFilter GRID_SCOPE = ScopeFilter.onRegion("g.region_code").grid("g.id");

	/** A grid with its current version, its parent and what hangs on it. */
	public record GridView(long id, String code, GridKind kind, long regionCode, String regionPath, Long parentId,
			String parentCode, String parentName, int version, String name, String boundary, int households,
			int buildings, LocalDate validFrom, LocalDate retiredOn, String retiredReason, int workerCount,
			int microGridCount) {

		public boolean retired() {
			return retiredOn != null;
		}

		/** The name of the grid's community or village, the last of its region path. */
		public String regionName() {
			return Region.lastName(regionPath);
		}
	}

	/** One drawn version; the current one has no {@code validTo}. */
	public record Version(int version, String name, String boundary, int households, int buildings, LocalDate validFrom,
			LocalDate validTo, String reason, String createdBy, Instant createdAt) {

		public boolean current() {
			return validTo == null;
		}
	}

	/** A GRID_WORKER post held at the grid. */
	public record Worker(long assignmentId, long personId, String name, boolean partyMember, LocalDate startDate,
			LocalDate endDate) {

		public boolean current() {
			LocalDate today = LocalDate.now();
			return !startDate.isAfter(today) && (endDate == null || !endDate.isBefore(today));
		}

		/** Not ended yet: current, or starting later. */
		public boolean open() {
			return endDate == null || !endDate.isBefore(LocalDate.now());
		}
	}

	/** A post assignment row, for ending one. */
	public record Assignment(long id, long personId, String post, Long gridId, LocalDate startDate, LocalDate endDate) {
	}

	/** The grid list's sort keys; by code unless asked otherwise. {@code workers} is the select list's count. */
	public static final SortKeys SORT = SortKeys.tiebreaker("g.id")
		.key("code", "g.code")
		.key("name", "v.name")
		.key("kind", "g.kind")
		.key("region", "g.region_code")
		.key("households", "v.households")
		.key("buildings", "v.buildings")
		.key("workers", "worker_count")
		.key("validFrom", "v.valid_from")
		.build();

	/** Filters for the grid list. */
	public record Criteria(Long regionCode, GridKind kind, String name, Long parentId, boolean includeRetired) {
	}

	private static final String FROM = """
			FROM grid g JOIN grid_version v ON v.grid_id = g.id AND v.valid_to IS NULL
			JOIN region r ON r.code = g.region_code
			""";

	private static final String SELECT = """
			SELECT g.id, g.code, g.kind, g.region_code, r.path, g.parent_id, pg.code AS parent_code, pv.name AS parent_name,
			       v.version, v.name, v.boundary, v.households, v.buildings, v.valid_from, g.retired_on, g.retired_reason,
			       (SELECT COUNT(*) FROM post_assignment a WHERE a.grid_id = g.id AND a.post = 'GRID_WORKER'
			          AND a.start_date <= :today AND (a.end_date IS NULL OR a.end_date >= :today)) AS worker_count,
			       (SELECT COUNT(*) FROM grid m WHERE m.parent_id = g.id AND m.retired_on IS NULL) AS micro_count
			""" + FROM + """
			LEFT JOIN grid pg ON pg.id = g.parent_id
			LEFT JOIN grid_version pv ON pv.grid_id = g.parent_id AND pv.valid_to IS NULL
			""";

	private final JdbcClient jdbc;

	GridRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public PageResult<GridView> list(AccessScope scope, Criteria criteria, SortOrder sort, PageRequest page) {
		ScopeFilter.Condition condition = GRID_SCOPE.condition(scope);
		StringBuilder where = new StringBuilder(" WHERE ").append(condition.sql());
		Map<String, Object> params = new HashMap<>(condition.params());
		if (criteria.regionCode() != null) {
			where.append(" AND g.region_code BETWEEN :regionFrom AND :regionTo");
			params.put("regionFrom", criteria.regionCode());
			params.put("regionTo", new RegionCode(criteria.regionCode()).subtreeEnd());
		}
		if (criteria.kind() != null) {
			where.append(" AND g.kind = :kind");
			params.put("kind", criteria.kind().name());
		}
		if (criteria.name() != null && !criteria.name().isBlank()) {
			where.append(" AND (v.name LIKE :name ESCAPE '\\' OR g.code LIKE :name ESCAPE '\\')");
			params.put("name", Sql.likeContains(criteria.name().trim()));
		}
		if (criteria.parentId() != null) {
			where.append(" AND g.parent_id = :parentId");
			params.put("parentId", criteria.parentId());
		}
		if (!criteria.includeRetired()) {
			where.append(" AND g.retired_on IS NULL");
		}
		long total = jdbc.sql("SELECT COUNT(*) " + FROM + where).params(params).query(Long.class).single();
		List<GridView> rows = jdbc.sql(SELECT + where + " ORDER BY " + SORT.orderBy(sort) + " LIMIT :limit OFFSET :offset")
			.params(params)
			.param("today", LocalDate.now())
			.param("limit", page.size())
			.param("offset", page.offset())
			.query(GridRepository::map)
			.list();
		return PageResult.of(rows, page, total);
	}

	public Optional<GridView> find(long id) {
		return jdbc.sql(SELECT + " WHERE g.id = :id")
			.param("id", id)
			.param("today", LocalDate.now())
			.query(GridRepository::map)
			.optional();
	}

	/** The micro-grids of a grid that the scope reaches, retired ones included, in code order. */
	public List<GridView> microGrids(AccessScope scope, long parentId) {
		ScopeFilter.Condition condition = GRID_SCOPE.condition(scope);
		return jdbc.sql(SELECT + " WHERE g.parent_id = :parentId AND " + condition.sql() + " ORDER BY g.code")
			.params(condition.params())
			.param("parentId", parentId)
			.param("today", LocalDate.now())
			.query(GridRepository::map)
			.list();
	}

	public List<Version> versions(long gridId) {
		return jdbc.sql("""
				SELECT version, name, boundary, households, buildings, valid_from, valid_to, reason, created_by, created_at
				FROM grid_version WHERE grid_id = :g ORDER BY version""")
			.param("g", gridId)
			.query((rs, n) -> new Version(rs.getInt("version"), rs.getString("name"), rs.getString("boundary"),
					rs.getInt("households"), rs.getInt("buildings"), Sql.date(rs, "valid_from"), Sql.date(rs, "valid_to"),
					rs.getString("reason"), rs.getString("created_by"), Sql.instant(rs, "created_at")))
			.list();
	}

	/** The grid's GRID_WORKER posts: current and future ones, or all of them with the ended. */
	public List<Worker> workers(long gridId, boolean includeEnded) {
		return jdbc.sql("""
				SELECT a.id, a.person_id, p.name, p.party_member, a.start_date, a.end_date
				FROM post_assignment a JOIN person p ON p.id = a.person_id
				WHERE a.grid_id = :g AND a.post = :post""" + (includeEnded ? "" : " AND (a.end_date IS NULL OR a.end_date >= :today)")
				+ " ORDER BY a.start_date, a.id")
			.param("g", gridId)
			.param("post", PostType.GRID_WORKER.name())
			.param("today", LocalDate.now())
			.query((rs, n) -> new Worker(rs.getLong("id"), rs.getLong("person_id"), rs.getString("name"),
					rs.getBoolean("party_member"), Sql.date(rs, "start_date"), Sql.date(rs, "end_date")))
			.list();
	}

	/** Whether the person holds, or will hold, GRID_WORKER at the grid on or after the day. */
	public boolean isWorkerFrom(long gridId, long personId, LocalDate day) {
		return jdbc.sql("""
				SELECT COUNT(*) FROM post_assignment WHERE grid_id = :g AND person_id = :p AND post = :post
				AND (end_date IS NULL OR end_date >= :day)""")
			.param("g", gridId)
			.param("p", personId)
			.param("post", PostType.GRID_WORKER.name())
			.param("day", day)
			.query(Long.class)
			.single() > 0;
	}

	public Optional<Assignment> assignment(long id) {
		return jdbc.sql("SELECT id, person_id, post, grid_id, start_date, end_date FROM post_assignment WHERE id = :id")
			.param("id", id)
			.query((rs, n) -> new Assignment(rs.getLong("id"), rs.getLong("person_id"), rs.getString("post"),
					Sql.nullableLong(rs, "grid_id"), Sql.date(rs, "start_date"), Sql.date(rs, "end_date")))
			.optional();
	}

	/** Ends an open assignment; 0 when someone ended it meanwhile. */
	public int endAssignment(long id, LocalDate end) {
		return jdbc.sql("UPDATE post_assignment SET end_date = :end WHERE id = :id AND (end_date IS NULL OR end_date > :end)")
			.param("end", end)
			.param("id", id)
			.update();
	}

	/** Posts at the grid still held after the day: a grid cannot be retired on a day with any. */
	public long postsOpenAfter(long gridId, LocalDate day) {
		return jdbc.sql("""
				SELECT COUNT(*) FROM post_assignment WHERE grid_id = :g AND (end_date IS NULL OR end_date > :day)""")
			.param("g", gridId)
			.param("day", day)
			.query(Long.class)
			.single();
	}

	public long activeMicroGrids(long gridId) {
		return jdbc.sql("SELECT COUNT(*) FROM grid WHERE parent_id = :g AND retired_on IS NULL")
			.param("g", gridId)
			.query(Long.class)
			.single();
	}

	/** Codes already given under a prefix: the grids of a community, or the micro-grids of a grid. Retired ones keep theirs. */
	public List<String> codesUnder(String prefix, int length) {
		return jdbc.sql("SELECT code FROM grid WHERE code LIKE :p ESCAPE '\\'")
			.param("p", prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
			.query(String.class)
			.list()
			.stream()
			.filter(c -> c.length() == length)
			.toList();
	}

	/** Whether an active sibling (same community, same parent) already has the name. */
	public boolean nameTaken(long regionCode, Long parentId, String name, Long exceptId) {
		return jdbc.sql("SELECT COUNT(*) " + FROM + """
				 WHERE g.region_code = :r AND g.retired_on IS NULL AND v.name = :n AND g.id <> :except
				 AND """ + (parentId == null ? " g.parent_id IS NULL" : " g.parent_id = :parent"))
			.param("r", regionCode)
			.param("n", name)
			.param("except", exceptId == null ? -1L : exceptId)
			.param("parent", parentId == null ? -1L : parentId)
			.query(Long.class)
			.single() > 0;
	}

	/** Locks the community's row so that two grids created at once cannot take the same code. */
	public void lockRegion(long regionCode) {
		jdbc.sql("SELECT code FROM region WHERE code = :c FOR UPDATE").param("c", regionCode).query(Long.class).list();
	}

	/** Locks the grid's row for a redraw, a retirement or a new micro-grid. */
	public void lockGrid(long id) {
		jdbc.sql("SELECT id FROM grid WHERE id = :id FOR UPDATE").param("id", id).query(Long.class).list();
	}

	/** Closes the current version; 0 when it is no longer current. */
	public int closeVersion(long gridId, int version, LocalDate validTo) {
		return jdbc.sql("UPDATE grid_version SET valid_to = :to WHERE grid_id = :g AND version = :v AND valid_to IS NULL")
			.param("to", validTo)
			.param("g", gridId)
			.param("v", version)
			.update();
	}

	public int retire(long id, LocalDate on, String reason) {
		return jdbc.sql("UPDATE grid SET retired_on = :on, retired_reason = :reason WHERE id = :id AND retired_on IS NULL")
			.param("on", on)
			.param("reason", reason)
			.param("id", id)
			.update();
	}

	static GridView map(ResultSet rs, int n) throws SQLException {
		return new GridView(rs.getLong("id"), rs.getString("code"), GridKind.valueOf(rs.getString("kind")),
				rs.getLong("region_code"), rs.getString("path"), Sql.nullableLong(rs, "parent_id"),
				rs.getString("parent_code"), rs.getString("parent_name"), rs.getInt("version"), rs.getString("name"),
				rs.getString("boundary"), rs.getInt("households"), rs.getInt("buildings"), Sql.date(rs, "valid_from"),
				Sql.date(rs, "retired_on"), rs.getString("retired_reason"), rs.getInt("worker_count"),
				rs.getInt("micro_count"));
	}
}
