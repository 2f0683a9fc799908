package cn.grassroots.measures.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.grassroots.platform.Sql;

/** Supervision notices and reminders. */
@Repository
public class NoticeRepository {

	public record Notice(long id, long measureId, NoticeColour colour, Long unitId, String reason, LocalDate issuedOn,
			String issuedBy, LocalDate responseDue, String response, String respondedBy, Instant respondedAt,
			LocalDate closedOn) {

		public boolean open() {
			return closedOn == null;
		}
	}

	/** An open notice's key: which measure and colour. */
	public record OpenKey(long id, long measureId, NoticeColour colour) {
	}

	private static final String SELECT = """
			SELECT id, measure_id, colour, unit_id, reason, issued_on, issued_by, response_due, response, responded_by,
			    responded_at, closed_on FROM measure_notice""";

	private final JdbcClient jdbc;

	NoticeRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private static Notice map(ResultSet rs, int n) throws SQLException {
		return new Notice(rs.getLong("id"), rs.getLong("measure_id"), NoticeColour.valueOf(rs.getString("colour")),
				Sql.nullableLong(rs, "unit_id"), rs.getString("reason"), Sql.date(rs, "issued_on"), rs.getString("issued_by"),
				Sql.date(rs, "response_due"), rs.getString("response"), rs.getString("responded_by"),
				Sql.instant(rs, "responded_at"), Sql.date(rs, "closed_on"));
	}

	static String key(long measureId, NoticeColour colour) {
		return measureId + ":" + colour.name();
	}

	public Optional<Notice> find(long id) {
		return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(NoticeRepository::map).optional();
	}

	/** Open notices addressed to the units, oldest response date first. */
	public List<Notice> openForUnits(java.util.Collection<Long> units, int limit) {
		if (units.isEmpty()) {
			return List.of();
		}
		return jdbc.sql(SELECT + " WHERE unit_id IN (:u) AND closed_on IS NULL ORDER BY response_due, id LIMIT :limit")
			.param("u", List.copyOf(units)).param("limit", limit).query(NoticeRepository::map).list();
	}

	public List<Notice> ofMeasure(long measureId) {
		return jdbc.sql(SELECT + " WHERE measure_id = :m ORDER BY issued_on DESC, id DESC").param("m", measureId)
			.query(NoticeRepository::map).list();
	}

	/** Every open notice (id, measure, colour). */
	public List<OpenKey> openKeys() {
		return jdbc.sql("SELECT id, measure_id, colour FROM measure_notice WHERE open_key IS NOT NULL")
			.query((rs, n) -> new OpenKey(rs.getLong("id"), rs.getLong("measure_id"), NoticeColour.valueOf(rs.getString("colour"))))
			.list();
	}

	public boolean hasOpen(long measureId, NoticeColour colour) {
		return jdbc.sql("SELECT COUNT(*) FROM measure_notice WHERE open_key = :k").param("k", key(measureId, colour))
			.query(Long.class).single() > 0;
	}

	public long insert(long measureId, NoticeColour colour, Long unitId, String reason, LocalDate issuedOn, String by,
			LocalDate responseDue) {
		return Sql.insert(jdbc.sql("""
				INSERT INTO measure_notice (measure_id, colour, unit_id, reason, issued_on, issued_by, response_due, open_key)
				VALUES (:m, :colour, :unit, :reason, :on, :by, :due, :key)""")
			.param("m", measureId)
			.param("colour", colour.name())
			.param("unit", unitId)
			.param("reason", reason)
			.param("on", issuedOn)
			.param("by", by)
			.param("due", responseDue)
			.param("key", key(measureId, colour)));
	}

	/** Closes open notices by id; returns how many. */
	public int close(Collection<Long> ids, LocalDate on) {
		int n = 0;
		for (List<Long> part : MeasureRepository.chunked(ids, p -> List.of(p))) {
			n += jdbc.sql("UPDATE measure_notice SET closed_on = :on, open_key = NULL WHERE id IN (:ids) AND open_key IS NOT NULL")
				.param("on", on).param("ids", part).update();
		}
		return n;
	}

	public boolean respond(long id, String response, String by, Instant at) {
		return jdbc.sql("""
				UPDATE measure_notice SET response = :r, responded_by = :by, responded_at = :at
				WHERE id = :id AND response IS NULL""")
			.param("r", response).param("by", by).param("at", Sql.utc(at)).param("id", id).update() == 1;
	}

	/** Records a reminder unless the addressee already had one this cycle; true when it is new. */
	public boolean remind(String addressee, String cycleLabel, LocalDate on, int measures) {
		return jdbc.sql("""
				INSERT INTO measure_reminder (addressee, cycle_label, sent_on, measure_count)
				SELECT :a, :c, :on, :n FROM (VALUES (1)) AS one(x)
				WHERE NOT EXISTS (SELECT 1 FROM measure_reminder WHERE addressee = :a AND cycle_label = :c)""")
			.param("a", addressee).param("c", cycleLabel).param("on", on).param("n", measures).update() == 1;
	}

	public long reminderCount() {
		return jdbc.sql("SELECT COUNT(*) FROM measure_reminder").query(Long.class).single();
	}
}
