package cn.grassroots.training;

import java.time.LocalDate;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * People in the roster for the coverage and yearly-hours tests, written straight into org's tables
 * (the tests need holders with chosen post start dates in a township nobody else uses).
 */
final class RosterFixtures {

	private final JdbcClient jdbc;

	RosterFixtures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A township of the city where nobody holds any post yet, and its first community or village. */
	long[] freshTownship(long cityCode) {
		long township = jdbc.sql("""
				SELECT t.code FROM region t WHERE t.level = 'TOWNSHIP' AND t.code BETWEEN :from AND :to
				AND NOT EXISTS (SELECT 1 FROM post_assignment a WHERE a.region_code BETWEEN t.code AND t.code + 999)
				AND EXISTS (SELECT 1 FROM region v WHERE v.level = 'VILLAGE' AND v.code BETWEEN t.code AND t.code + 999)
				ORDER BY t.code LIMIT 1""")
			.param("from", cityCode).param("to", cityCode + 99_999_999L).query(Long.class).single();
		long village = jdbc.sql("SELECT MIN(code) FROM region WHERE level = 'VILLAGE' AND code BETWEEN :t AND :e")
			.param("t", township).param("e", township + 999).query(Long.class).single();
		return new long[] { township, village };
	}

	/** A person in the region holding the post since the date. */
	long holder(String name, long regionCode, String post, LocalDate since) {
		jdbc.sql("INSERT INTO person (name, region_code, party_member, created_at, updated_at)"
				+ " VALUES (:n, :r, TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
			.param("n", name).param("r", regionCode).update();
		long id = jdbc.sql("SELECT MAX(id) FROM person WHERE name = :n AND region_code = :r").param("n", name)
			.param("r", regionCode).query(Long.class).single();
		// the roster's own writes keep person_count in step; so must a fixture that writes past them
		jdbc.sql("UPDATE person_count SET people = people + CASE WHEN region_code = :r THEN 1 ELSE 0 END,"
				+ " people_below = people_below + 1 WHERE region_code IN (:codes)")
			.param("r", regionCode).param("codes", new cn.grassroots.platform.RegionCode(regionCode).selfAndAncestors())
			.update();
		jdbc.sql("INSERT INTO post_assignment (person_id, post, region_code, start_date, created_at)"
				+ " VALUES (:p, :post, :r, :s, CURRENT_TIMESTAMP)")
			.param("p", id).param("post", post).param("r", regionCode).param("s", since).update();
		return id;
	}
}
