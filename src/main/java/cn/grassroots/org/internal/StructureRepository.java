package cn.grassroots.org.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.grassroots.org.Grid;
import cn.grassroots.org.GridKind;
import cn.grassroots.org.PartyOrganisationKind;
import cn.grassroots.org.Unit;
import cn.grassroots.org.UnitKind;
import cn.grassroots.platform.RegionCode;
import cn.grassroots.platform.Sql;

/** Units, party organisations and grids (with their drawn versions). */
@Repository
public class StructureRepository {

	private final JdbcClient jdbc;

	StructureRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public long insertUnit(String code, String name, UnitKind kind, long regionCode, Long parentId) {
		return Sql.insert(jdbc.sql("""
				INSERT INTO unit (code, name, kind, region_code, parent_id, created_at, updated_at)
				VALUES (:code, :name, :kind, :region, :parent, :now, :now)""")
			.param("code", code)
			.param("name", name)
			.param("kind", kind.name())
			.param("region", regionCode)
			.param("parent", parentId)
			.param("now", Sql.now()));
	}

	public Optional<Unit> findUnit(long id) {
		return jdbc.sql(UNIT_SELECT + " WHERE u.id = :id").param("id", id).query(StructureRepository::mapUnit).optional();
	}

	public Optional<Unit> findUnitByName(String name) {
		return jdbc.sql(UNIT_SELECT + " WHERE u.name = :n ORDER BY u.id").param("n", name).query(StructureRepository::mapUnit)
			.list().stream().findFirst();
	}

	public List<Unit> unitsUnder(long regionCode) {
		return jdbc.sql(UNIT_SELECT + " WHERE u.region_code BETWEEN :from AND :to ORDER BY u.code")
			.param("from", regionCode)
			.param("to", new RegionCode(regionCode).subtreeEnd())
			.query(StructureRepository::mapUnit)
			.list();
	}

	private static final String UNIT_SELECT = """
			SELECT u.id, u.code, u.name, u.kind, u.region_code, r.path, u.parent_id FROM unit u
			JOIN region r ON r.code = u.region_code""";

	static Unit mapUnit(ResultSet rs, int n) throws SQLException {
		return new Unit(rs.getLong("id"), rs.getString("code"), rs.getString("name"), UnitKind.valueOf(rs.getString("kind")),
				rs.getLong("region_code"), rs.getString("path"), Sql.nullableLong(rs, "parent_id"));
	}

	public long insertPartyOrganisation(String code, String name, PartyOrganisationKind kind, long regionCode, Long parentId,
			Long unitId) {
		return Sql.insert(jdbc.sql("""
				INSERT INTO party_organisation (code, name, kind, region_code, parent_id, unit_id, created_at, updated_at)
				VALUES (:code, :name, :kind, :region, :parent, :unit, :now, :now)""")
			.param("code", code)
			.param("name", name)
			.param("kind", kind.name())
			.param("region", regionCode)
			.param("parent", parentId)
			.param("unit", unitId)
			.param("now", Sql.now()));
	}

	public long insertGrid(String code, GridKind kind, long regionCode, Long parentId, String name, String boundary,
			int households, int buildings, LocalDate validFrom, String by) {
		long id = Sql.insert(jdbc.sql("""
				INSERT INTO grid (code, kind, region_code, parent_id, created_at) VALUES (:code, :kind, :region, :parent, :now)""")
			.param("code", code)
			.param("kind", kind.name())
			.param("region", regionCode)
			.param("parent", parentId)
			.param("now", Sql.now()));
		insertGridVersion(id, 1, name, boundary, households, buildings, validFrom, null, by);
		return id;
	}

	public void insertGridVersion(long gridId, int version, String name, String boundary, int households, int buildings,
			LocalDate validFrom, String reason, String by) {
		jdbc.sql("""
				INSERT INTO grid_version (grid_id, version, name, boundary, households, buildings, valid_from, reason,
				    created_by, created_at)
				VALUES (:g, :v, :name, :boundary, :households, :buildings, :from, :reason, :by, :now)""")
			.param("g", gridId)
			.param("v", version)
			.param("name", name)
			.param("boundary", boundary)
			.param("households", households)
			.param("buildings", buildings)
			.param("from", validFrom)
			.param("reason", reason)
			.param("by", by)
			.param("now", Sql.now())
			.update();
	}

	public Optional<Grid> findGrid(long id) {
		return jdbc.sql(GRID_SELECT + " WHERE g.id = :id").param("id", id).query(StructureRepository::mapGrid).optional();
	}

	public List<Grid> gridsIn(long regionCode) {
		return jdbc.sql(GRID_SELECT + " WHERE g.region_code = :r ORDER BY g.code")
			.param("r", regionCode)
			.query(StructureRepository::mapGrid)
			.list();
	}

	private static final String GRID_SELECT = """
			SELECT g.id, g.code, g.kind, g.region_code, r.path, g.parent_id, v.version, v.name, v.boundary, v.households,
			       v.buildings, v.valid_from
			FROM grid g JOIN grid_version v ON v.grid_id = g.id AND v.valid_to IS NULL
			JOIN region r ON r.code = g.region_code""";

	static Grid mapGrid(ResultSet rs, int n) throws SQLException {
		return new Grid(rs.getLong("id"), rs.getString("code"), GridKind.valueOf(rs.getString("kind")), rs.getLong("region_code"),
				rs.getString("path"), Sql.nullableLong(rs, "parent_id"), rs.getInt("version"), rs.getString("name"),
				rs.getString("boundary"), rs.getInt("households"), rs.getInt("buildings"), Sql.date(rs, "valid_from"));
	}
}
