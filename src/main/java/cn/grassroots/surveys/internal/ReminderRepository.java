package cn.grassroots.surveys.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.grassroots.platform.Sql;
import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.ScopeFilter;

/**
 * Reminder rounds (催办) over the outstanding per-person links of a questionnaire's distributions.
 * Every read and write is limited in SQL to the links whose region lies in the given scope (bound
 * code ranges); "outstanding" means a TOKENS link not used yet.
 */
@Repository
class ReminderRepository {

	private final JdbcClient jdbc;

	ReminderRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Which outstanding links: a questionnaire, optionally one distribution, a region range and a role. */
	record Filter(long questionnaireId, Long distributionId, Long from, Long to, String role) {
	}

	/** The WHERE text (over {@code i} and {@code d}) and its parameters for the outstanding links of a filter in scope. */
	private static Map.Entry<String, Map<String, Object>> outstanding(Filter f, AccessScope scope) {
		ScopeFilter.Condition c = ScopeFilter.onRegion("i.region_code").prefix("rs").condition(scope);
		Map<String, Object> params = new HashMap<>(c.params());
		StringBuilder sql = new StringBuilder("d.questionnaire_id = :q AND d.kind = 'TOKENS' AND ")
			.append(UNUSED).append(" AND ").append(c.sql());
		params.put("q", f.questionnaireId());
		if (f.distributionId() != null) {
			sql.append(" AND i.distribution_id = :dist");
			params.put("dist", f.distributionId());
		}
		if (f.from() != null) {
			sql.append(" AND i.region_code BETWEEN :from AND :to");
			params.put("from", f.from());
			params.put("to", f.to());
		}
		if (f.role() != null) {
			sql.append(" AND i.role = :role");
			params.put("role", f.role());
		}
		return Map.entry(sql.toString(), params);
	}

	/** The link has not been used, online or by an import. */
	private static final String UNUSED = "NOT EXISTS (SELECT 1 FROM survey_invitation_use u WHERE u.invitation_id = i.id)";

	private static final String FROM = " FROM survey_invitation i JOIN survey_distribution d ON d.id = i.distribution_id WHERE ";

	/** Outstanding links per distribution, role and region: how many, how many reminded at least once, the last reminder. */
	record CountRow(long distributionId, String role, long regionCode, long outstanding, long reminded, Instant lastReminded) {
	}

	List<CountRow> counts(Filter f, AccessScope scope) {
		var where = outstanding(f, scope);
		return jdbc.sql("SELECT i.distribution_id, i.role, i.region_code, COUNT(*) AS outstanding, "
				+ "SUM(CASE WHEN i.reminder_count > 0 THEN 1 ELSE 0 END) AS reminded, MAX(i.reminded_at) AS last_reminded"
				+ FROM + where.getKey() + " GROUP BY i.distribution_id, i.role, i.region_code")
			.params(where.getValue())
			.query((rs, n) -> new CountRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
					Sql.instant(rs, "last_reminded")))
			.list();
	}

	/** One outstanding link as the officer sees it (never its token). */
	record LinkRow(long id, long distributionId, String distributionName, RespondentRole role, long regionCode, Long personId,
			String personName, Instant createdAt, Instant draftAt, int reminders, Instant remindedAt) {
	}

	private static final String LINK_COLUMNS = "SELECT i.id, i.distribution_id, d.name, i.role, i.region_code, i.person_id, "
			+ "i.person_name, i.created_at, i.draft_at, i.reminder_count, i.reminded_at";

	private static LinkRow link(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new LinkRow(rs.getLong("id"), rs.getLong("distribution_id"), rs.getString("name"),
				RespondentRole.valueOf(rs.getString("role")), rs.getLong("region_code"), Sql.nullableLong(rs, "person_id"),
				rs.getString("person_name"), Sql.instant(rs, "created_at"), Sql.instant(rs, "draft_at"),
				rs.getInt("reminder_count"), Sql.instant(rs, "reminded_at"));
	}

	List<LinkRow> links(Filter f, AccessScope scope, long offset, int limit) {
		var where = outstanding(f, scope);
		Map<String, Object> params = new HashMap<>(where.getValue());
		params.put("limit", limit);
		params.put("offset", offset);
		return jdbc.sql(LINK_COLUMNS + FROM + where.getKey()
				+ " ORDER BY i.region_code, i.role, i.person_name, i.id LIMIT :limit OFFSET :offset")
			.params(params)
			.query(ReminderRepository::link)
			.list();
	}

	long countLinks(Filter f, AccessScope scope) {
		var where = outstanding(f, scope);
		return jdbc.sql("SELECT COUNT(*)" + FROM + where.getKey()).params(where.getValue()).query(Long.class).single();
	}

	/**
	 * Makes a round: the round row, then the links outstanding at this moment (in scope, matching the
	 * filter) as its members, then one more reminder on each. Returns the number of links taken in; 0
	 * leaves a round without members, which the caller rolls back.
	 */
	long insertRound(Filter f, AccessScope scope, Long regionCode, String by, Instant at, long expected) {
		long id = Sql.insert(jdbc.sql("""
				INSERT INTO survey_reminder (distribution_id, region_code, role, link_count, created_by, created_at)
				VALUES (:d, :region, :role, :n, :by, :at)""")
			.param("d", f.distributionId())
			.param("region", regionCode)
			.param("role", f.role())
			.param("n", Math.max(1, expected))
			.param("by", by)
			.param("at", Sql.utc(at)));
		var where = outstanding(f, scope);
		Map<String, Object> params = new HashMap<>(where.getValue());
		params.put("r", id);
		int n = jdbc.sql("INSERT INTO survey_reminder_link (reminder_id, invitation_id) SELECT CAST(:r AS BIGINT), i.id" + FROM + where.getKey())
			.params(params)
			.update();
		if (n > 0) {
			jdbc.sql("UPDATE survey_invitation SET reminder_count = reminder_count + 1, reminded_at = :at "
					+ "WHERE id IN (SELECT invitation_id FROM survey_reminder_link WHERE reminder_id = :r)")
				.param("at", Sql.utc(at))
				.param("r", id)
				.update();
			if (n != expected) {
				jdbc.sql("UPDATE survey_reminder SET link_count = :n WHERE id = :r").param("n", n).param("r", id).update();
			}
		}
		return n == 0 ? 0 : id;
	}

	/** A round as the caller sees it: its links in the caller's scope and how many of them were answered since. */
	record RoundRow(long id, long distributionId, String distributionName, Long regionCode, String role, int linkCount,
			String createdBy, Instant createdAt, long inScope, long answeredSince) {
	}

	/** The rounds of a questionnaire (or one distribution) that took in links in the scope, newest first. */
	List<RoundRow> rounds(long questionnaireId, Long distributionId, AccessScope scope, Long roundId) {
		ScopeFilter.Condition c = ScopeFilter.onRegion("i.region_code").prefix("rs").condition(scope);
		Map<String, Object> params = new HashMap<>(c.params());
		params.put("q", questionnaireId);
		String filter = "";
		if (distributionId != null) {
			filter += " AND r.distribution_id = :dist";
			params.put("dist", distributionId);
		}
		if (roundId != null) {
			filter += " AND r.id = :round";
			params.put("round", roundId);
		}
		return jdbc.sql("SELECT r.id, r.distribution_id, d.name, r.region_code, r.role, r.link_count, r.created_by, r.created_at, "
				+ "COUNT(*) AS in_scope, COUNT(u.invitation_id) AS answered FROM survey_reminder r "
				+ "JOIN survey_distribution d ON d.id = r.distribution_id "
				+ "JOIN survey_reminder_link l ON l.reminder_id = r.id JOIN survey_invitation i ON i.id = l.invitation_id "
				+ "LEFT JOIN survey_invitation_use u ON u.invitation_id = i.id "
				+ "WHERE d.questionnaire_id = :q AND " + c.sql() + filter
				+ " GROUP BY r.id, r.distribution_id, d.name, r.region_code, r.role, r.link_count, r.created_by, r.created_at "
				+ "ORDER BY r.id DESC")
			.params(params)
			.query((rs, n) -> new RoundRow(rs.getLong(1), rs.getLong(2), rs.getString(3), Sql.nullableLong(rs, "region_code"),
					rs.getString(5), rs.getInt(6), rs.getString(7), Sql.instant(rs, "created_at"), rs.getLong(9),
					rs.getLong(10)))
			.list();
	}

	/** A link of a round still outstanding, with its token encrypted (null for links made before reminders). */
	record SheetRow(LinkRow link, String tokenCipher) {
	}

	/** The links of a round in the scope that are still not answered, in region, role and name order. */
	List<SheetRow> sheet(long roundId, AccessScope scope) {
		ScopeFilter.Condition c = ScopeFilter.onRegion("i.region_code").prefix("rs").condition(scope);
		Map<String, Object> params = new HashMap<>(c.params());
		params.put("r", roundId);
		return jdbc.sql(LINK_COLUMNS + ", i.token_cipher FROM survey_reminder_link l "
				+ "JOIN survey_invitation i ON i.id = l.invitation_id JOIN survey_distribution d ON d.id = i.distribution_id "
				+ "WHERE l.reminder_id = :r AND " + UNUSED + " AND " + c.sql()
				+ " ORDER BY i.region_code, i.role, i.person_name, i.id")
			.params(params)
			.query((rs, n) -> new SheetRow(link(rs, n), rs.getString("token_cipher")))
			.list();
	}
}
