package cn.grassroots.org.internal;

import java.time.LocalDate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.grassroots.org.GridKind;
import cn.grassroots.org.PartyOrganisationKind;
import cn.grassroots.org.UnitKind;
import cn.grassroots.platform.Sql;

/** Writes of units, party organisations and grids used by the demo data and the grid service; reads live in their own repositories. */
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
}
