package cn.grassroots.surveys.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.grassroots.platform.Sql;
import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.ScopeFilter;

/** Distributions, their targets and invitations (links); reads for rates filter by scope in SQL. */
@Repository
class DistributionRepository {

	private static final String SELECT = "SELECT d.id, d.questionnaire_id, d.version_id, d.name, d.kind, d.anonymous, "
			+ "d.region_code, d.opens_at, d.closes_at, d.open_key, d.created_by, d.created_at FROM survey_distribution d ";

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	/** Reads many rows in steps (a cursor on PostgreSQL, inside a transaction) instead of all at once. */
	private final NamedParameterJdbcTemplate streaming;

	DistributionRepository(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
		JdbcTemplate t = new JdbcTemplate(template.getDataSource());
		t.setFetchSize(5000);
		this.streaming = new NamedParameterJdbcTemplate(t);
	}

	private static Distribution map(ResultSet rs, int n) throws SQLException {
		return new Distribution(rs.getLong("id"), rs.getLong("questionnaire_id"), rs.getLong("version_id"),
				rs.getString("name"), Distribution.Kind.valueOf(rs.getString("kind")), rs.getBoolean("anonymous"),
				rs.getLong("region_code"), Sql.instant(rs, "opens_at"), Sql.instant(rs, "closes_at"),
				rs.getString("open_key"), rs.getString("created_by"), Sql.instant(rs, "created_at"));
	}

	long insert(Distribution d, long regionEnd) {
		return Sql.insert(jdbc.sql("""
				INSERT INTO survey_distribution (questionnaire_id, version_id, name, kind, anonymous, region_code, region_end,
				    opens_at, closes_at, open_key, created_by, created_at)
				VALUES (:q, :v, :name, :kind, :anon, :region, :regionEnd, :opens, :closes, :openKey, :by, :at)""")
			.param("q", d.questionnaireId())
			.param("v", d.versionId())
			.param("name", d.name())
			.param("kind", d.kind().name())
			.param("anon", d.anonymous())
			.param("region", d.regionCode())
			.param("regionEnd", regionEnd)
			.param("opens", Sql.utc(d.opensAt()))
			.param("closes", Sql.utc(d.closesAt()))
			.param("openKey", d.openKey())
			.param("by", d.createdBy())
			.param("at", Sql.utc(d.createdAt())));
	}

	void insertTarget(long distributionId, Distribution.Target t) {
		jdbc.sql("""
				INSERT INTO survey_target (distribution_id, role, region_code, region_end, quota, taken)
				VALUES (:d, :role, :region, :end, :quota, 0)""")
			.param("d", distributionId)
			.param("role", t.role().name())
			.param("region", t.regionCode())
			.param("end", new cn.grassroots.platform.RegionCode(t.regionCode()).subtreeEnd())
			.param("quota", t.quota())
			.update();
	}

	Optional<Distribution> find(long id) {
		return jdbc.sql(SELECT + "WHERE d.id = :id").param("id", id).query(DistributionRepository::map).optional();
	}

	Optional<Distribution> findByOpenKey(String key) {
		return jdbc.sql(SELECT + "WHERE d.open_key = :k").param("k", key).query(DistributionRepository::map).optional();
	}

	/** The questionnaire's distributions whose region overlaps the scope, newest first. */
	List<Distribution> list(long questionnaireId, AccessScope scope) {
		ScopeFilter.Condition inside = ScopeFilter.onRegion("d.region_code").prefix("a").condition(scope);
		// a distribution over a whole province is listed to a city officer too: its ranges contain the officer's region
		StringBuilder sql = new StringBuilder(SELECT + "WHERE d.questionnaire_id = :q AND (" + inside.sql());
		Map<String, Object> params = new HashMap<>(inside.params());
		int i = 0;
		if (!scope.all()) {
			for (AccessScope.Range r : scope.regionRanges()) {
				sql.append(" OR (d.region_code <= :c").append(i).append(" AND d.region_end >= :c").append(i).append(')');
				params.put("c" + i, r.from());
				i++;
			}
		}
		sql.append(") ORDER BY d.id DESC");
		params.put("q", questionnaireId);
		return jdbc.sql(sql.toString()).params(params).query(DistributionRepository::map).list();
	}

	List<Distribution.Target> targets(long distributionId) {
		return jdbc.sql("SELECT id, role, region_code, quota, taken FROM survey_target WHERE distribution_id = :d ORDER BY region_code, role")
			.param("d", distributionId)
			.query((rs, n) -> new Distribution.Target(rs.getLong("id"), RespondentRole.valueOf(rs.getString("role")),
					rs.getLong("region_code"), rs.getInt("quota"), rs.getInt("taken")))
			.list();
	}

	void closeNow(long id, Instant at) {
		jdbc.sql("UPDATE survey_distribution SET closes_at = :at WHERE id = :id AND closes_at > :at")
			.param("at", Sql.utc(at))
			.param("id", id)
			.update();
	}

	/**
	 * A link to be stored: its token's hash, whom it is for, and the token encrypted (so that a reminder
	 * round can hand it out again).
	 */
	record NewInvitation(String tokenHash, RespondentRole role, long regionCode, Long targetId, Long personId,
			String personName, String tokenCipher) {
	}

	void insertInvitations(long distributionId, List<NewInvitation> rows, Instant at) {
		for (int from = 0; from < rows.size(); from += 1000) {
			List<NewInvitation> chunk = rows.subList(from, Math.min(rows.size(), from + 1000));
			template.batchUpdate("""
					INSERT INTO survey_invitation (distribution_id, token_hash, role, region_code, target_id, person_id,
					    person_name, created_at, token_cipher) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", chunk, chunk.size(),
					(PreparedStatement ps, NewInvitation r) -> {
						ps.setLong(1, distributionId);
						ps.setString(2, r.tokenHash());
						ps.setString(3, r.role().name());
						ps.setLong(4, r.regionCode());
						setLong(ps, 5, r.targetId());
						setLong(ps, 6, r.personId());
						ps.setString(7, r.personName());
						ps.setObject(8, Sql.utc(at));
						ps.setString(9, r.tokenCipher());
					});
		}
	}

	private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
		if (v == null) {
			ps.setNull(i, Types.BIGINT);
		}
		else {
			ps.setLong(i, v);
		}
	}

	/** An invitation with what answering needs of its distribution, read in one query by token hash. */
	record Link(long id, long distributionId, RespondentRole role, long regionCode, Long targetId, Long personId,
			String draft, Instant usedAt, String receipt, Long importJobId, Distribution distribution) {

		/** Whether the link's answers came in by a bulk import (paper), not online. */
		boolean imported() {
			return importJobId != null;
		}
	}

	Optional<Link> link(String tokenHash) {
		return jdbc.sql("""
				SELECT i.id AS i_id, i.role AS i_role, i.region_code AS i_region, i.target_id, i.person_id, i.draft,
				    u.used_at, u.receipt, u.import_job_id, d.id, d.questionnaire_id, d.version_id, d.name, d.kind, d.anonymous, d.region_code,
				    d.opens_at, d.closes_at, d.open_key, d.created_by, d.created_at
				FROM survey_invitation i JOIN survey_distribution d ON d.id = i.distribution_id
				    LEFT JOIN survey_invitation_use u ON u.invitation_id = i.id
				WHERE i.token_hash = :h""")
			.param("h", tokenHash)
			.query((rs, n) -> new Link(rs.getLong("i_id"), rs.getLong("id"), RespondentRole.valueOf(rs.getString("i_role")),
					rs.getLong("i_region"), Sql.nullableLong(rs, "target_id"), Sql.nullableLong(rs, "person_id"),
					rs.getString("draft"), Sql.instant(rs, "used_at"), rs.getString("receipt"),
					Sql.nullableLong(rs, "import_job_id"), map(rs, n)))
			.optional();
	}

	/**
	 * Marks the invitation used by an online answer and clears its draft. The use's primary key
	 * decides between parallel claims: when the link was used already (online or by an import) this
	 * throws {@link org.springframework.dao.DuplicateKeyException}, which must end the transaction
	 * (PostgreSQL refuses anything after the failed insert).
	 */
	void markUsed(long invitationId, Instant at, String receipt) {
		jdbc.sql("INSERT INTO survey_invitation_use (invitation_id, used_at, receipt) VALUES (:id, :at, :r)")
			.param("id", invitationId)
			.param("at", Sql.utc(at))
			.param("r", receipt)
			.update();
		jdbc.sql("UPDATE survey_invitation SET draft = NULL, draft_at = NULL WHERE id = :id AND draft_at IS NOT NULL")
			.param("id", invitationId)
			.update();
	}

	/** Takes one place of a quota; false when it is full. The condition is checked under the row lock. */
	boolean takePlace(long targetId) {
		return jdbc.sql("UPDATE survey_target SET taken = taken + 1 WHERE id = :id AND taken < quota")
			.param("id", targetId)
			.update() == 1;
	}

	boolean saveDraft(long invitationId, String draft, Instant at) {
		return jdbc.sql("UPDATE survey_invitation SET draft = :draft, draft_at = :at WHERE id = :id "
				+ "AND NOT EXISTS (SELECT 1 FROM survey_invitation_use u WHERE u.invitation_id = :id)")
			.param("draft", draft)
			.param("at", Sql.utc(at))
			.param("id", invitationId)
			.update() == 1;
	}

	/** One row of the rates: per role and region, how many were expected and how many answered. */
	record RateRow(String role, long regionCode, long expected, long responded) {
	}

	/**
	 * Expected and answered per role and region in scope: per-person links count one each; an open
	 * link's targets count their quota, and its sessions count when submitted.
	 */
	List<RateRow> rates(long questionnaireId, AccessScope scope, Long from, Long to, String role, Long distributionId) {
		ScopeFilter.Condition ci = ScopeFilter.onRegion("i.region_code").prefix("si").condition(scope);
		ScopeFilter.Condition ct = ScopeFilter.onRegion("t.region_code").prefix("st").condition(scope);
		Map<String, Object> params = new HashMap<>(ci.params());
		params.putAll(ct.params());
		params.put("q", questionnaireId);
		String filterI = "";
		String filterT = "";
		if (from != null) {
			filterI += " AND i.region_code BETWEEN :from AND :to";
			filterT += " AND t.region_code BETWEEN :from AND :to";
			params.put("from", from);
			params.put("to", to);
		}
		if (role != null) {
			filterI += " AND i.role = :role";
			filterT += " AND t.role = :role";
			params.put("role", role);
		}
		if (distributionId != null) {
			filterI += " AND d.id = :dist";
			filterT += " AND d.id = :dist";
			params.put("dist", distributionId);
		}
		String sql = "SELECT i.role, i.region_code, "
				+ "SUM(CASE WHEN d.kind = 'TOKENS' THEN 1 ELSE 0 END) AS expected, COUNT(u.invitation_id) AS responded "
				+ "FROM survey_invitation i JOIN survey_distribution d ON d.id = i.distribution_id "
				+ "LEFT JOIN survey_invitation_use u ON u.invitation_id = i.id "
				+ "WHERE d.questionnaire_id = :q AND " + ci.sql() + filterI + " GROUP BY i.role, i.region_code "
				+ "UNION ALL SELECT t.role, t.region_code, SUM(t.quota) AS expected, 0 AS responded "
				+ "FROM survey_target t JOIN survey_distribution d ON d.id = t.distribution_id "
				+ "WHERE d.questionnaire_id = :q AND d.kind = 'OPEN' AND " + ct.sql() + filterT
				+ " GROUP BY t.role, t.region_code";
		return jdbc.sql(sql).params(params)
			.query((rs, n) -> new RateRow(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
			.list();
	}

	long invitationCount(long distributionId) {
		return jdbc.sql("SELECT COUNT(*) FROM survey_invitation WHERE distribution_id = :d")
			.param("d", distributionId)
			.query(Long.class)
			.single();
	}

	Map<Long, Integer> invitationsPerTarget(long distributionId) {
		Map<Long, Integer> m = new HashMap<>();
		jdbc.sql("SELECT target_id, COUNT(*) FROM survey_invitation WHERE distribution_id = :d AND target_id IS NOT NULL GROUP BY target_id")
			.param("d", distributionId)
			.query(rs -> {
				m.put(rs.getLong(1), rs.getInt(2));
			});
		return m;
	}

	List<Long> invitedPeople(long distributionId) {
		return jdbc.sql("SELECT person_id FROM survey_invitation WHERE distribution_id = :d AND person_id IS NOT NULL")
			.param("d", distributionId)
			.query(Long.class)
			.list();
	}

	/** A new open-link session; false when the token collides (never in practice). */
	long insertSession(long distributionId, String tokenHash, RespondentRole role, long regionCode, long targetId, Instant at) {
		return Sql.insert(jdbc.sql("""
				INSERT INTO survey_invitation (distribution_id, token_hash, role, region_code, target_id, created_at)
				VALUES (:d, :h, :role, :region, :t, :at)""")
			.param("d", distributionId)
			.param("h", tokenHash)
			.param("role", role.name())
			.param("region", regionCode)
			.param("t", targetId)
			.param("at", Sql.utc(at)));
	}

	/**
	 * A per-person link of the questionnaire as an import sees it, found by its token's hash:
	 * whether it was used online or by an earlier import, whether its distribution is anonymous, and
	 * whether it holds a draft saved online (which the import clears).
	 */
	record ImportLink(String tokenHash, long id, boolean anonymous, boolean usedOnline, boolean imported, boolean drafted) {
	}

	/** How many per-person links the questionnaire's distributions hold. */
	long tokenLinkCount(long questionnaireId) {
		return jdbc.sql("SELECT COUNT(*) FROM survey_invitation i JOIN survey_distribution d ON d.id = i.distribution_id "
				+ "WHERE d.questionnaire_id = :q AND d.kind = 'TOKENS'")
			.param("q", questionnaireId)
			.query(Long.class)
			.single();
	}

	/** Every per-person link of the questionnaire, streamed (in steps of 5,000 when run in a transaction). */
	void importLinks(long questionnaireId, java.util.function.Consumer<ImportLink> consumer) {
		streaming.query("SELECT i.token_hash, i.id, d.anonymous, u.used_at, u.import_job_id, i.draft_at "
				+ "FROM survey_invitation i JOIN survey_distribution d ON d.id = i.distribution_id "
				+ "LEFT JOIN survey_invitation_use u ON u.invitation_id = i.id "
				+ "WHERE d.questionnaire_id = :q AND d.kind = 'TOKENS'", Map.of("q", questionnaireId), rs -> {
					consumer.accept(importLink(rs, rs.getBoolean("anonymous")));
				});
	}

	/**
	 * The questionnaire's per-person links among these token hashes (one query for up to 1,000). The
	 * links are found by the token's unique index alone and kept when their distribution is one of the
	 * questionnaire's per-person distributions (read apart), so no database can choose to scan a
	 * distribution's links instead.
	 */
	void importLinks(long questionnaireId, List<String> hashes, java.util.function.Consumer<ImportLink> consumer) {
		Map<Long, Boolean> anonymous = new HashMap<>();
		jdbc.sql("SELECT id, anonymous FROM survey_distribution WHERE questionnaire_id = :q AND kind = 'TOKENS'")
			.param("q", questionnaireId)
			.query(rs -> {
				anonymous.put(rs.getLong(1), rs.getBoolean(2));
			});
		jdbc.sql("SELECT i.token_hash, i.id, i.distribution_id, i.draft_at, u.used_at, u.import_job_id FROM survey_invitation i "
				+ "LEFT JOIN survey_invitation_use u ON u.invitation_id = i.id WHERE i.token_hash IN (:h)")
			.param("h", hashes)
			.query(rs -> {
				Boolean anonymousLink = anonymous.get(rs.getLong("distribution_id"));
				if (anonymousLink != null) {
					consumer.accept(importLink(rs, anonymousLink));
				}
			});
	}

	private static ImportLink importLink(ResultSet rs, boolean anonymous) throws SQLException {
		boolean used = rs.getObject("used_at") != null;
		boolean imported = Sql.nullableLong(rs, "import_job_id") != null;
		return new ImportLink(rs.getString("token_hash"), rs.getLong("id"), anonymous, used && !imported, imported,
				rs.getObject("draft_at") != null);
	}

	/**
	 * Marks links used by an import job inside the caller's transaction: one narrow row each, a
	 * thousand a statement, in id order, then clears the drafts of those that had one. When a link was used in
	 * the meantime (answered online since the file was checked) the primary key refuses it and this
	 * throws {@link org.springframework.dao.DuplicateKeyException}; {@link #usedAmong} then names them
	 * after the rollback.
	 */
	void markImported(List<Long> ids, List<Long> drafted, Instant at, long jobId) {
		// in key order: each batch appends to the primary key's index instead of splitting pages all over it
		List<Long> sorted = new java.util.ArrayList<>(ids);
		java.util.Collections.sort(sorted);
		for (int from = 0; from < sorted.size(); from += 1000) {
			// one statement a thousand: PostgreSQL would otherwise execute a batch's inserts one by one
			jdbc.sql("INSERT INTO survey_invitation_use (invitation_id, used_at, import_job_id) "
					+ "SELECT i.id, :at, :job FROM survey_invitation i WHERE i.id IN (:ids)")
				.param("at", Sql.utc(at))
				.param("job", jobId)
				.param("ids", sorted.subList(from, Math.min(sorted.size(), from + 1000)))
				.update();
		}
		for (int from = 0; from < drafted.size(); from += 1000) {
			jdbc.sql("UPDATE survey_invitation SET draft = NULL, draft_at = NULL WHERE id IN (:ids)")
				.param("ids", drafted.subList(from, Math.min(drafted.size(), from + 1000)))
				.update();
		}
	}

	/** Those of the links that have been used (online or by an import), a thousand a query. */
	List<Long> usedAmong(List<Long> ids) {
		List<Long> used = new java.util.ArrayList<>();
		for (int from = 0; from < ids.size(); from += 1000) {
			used.addAll(jdbc.sql("SELECT invitation_id FROM survey_invitation_use WHERE invitation_id IN (:ids)")
				.param("ids", ids.subList(from, Math.min(ids.size(), from + 1000)))
				.query(Long.class)
				.list());
		}
		return used;
	}
}
