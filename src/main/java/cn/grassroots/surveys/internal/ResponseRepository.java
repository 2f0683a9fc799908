package cn.grassroots.surveys.internal;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.grassroots.platform.Sql;
import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.ScopeFilter;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Responses, one row each (see {@link ResponseCodec}); reads filter by the caller's scope in SQL. */
@Repository
public class ResponseRepository {

	static final ScopeFilter SCOPE = ScopeFilter.onRegion("r.region_code").prefix("rs");

	/** A response ready to store. */
	public record NewResponse(long questionnaireId, long versionId, long regionCode, RespondentRole role, String token,
			String source, Long jobId, Instant submittedAt, ResponseCodec.Encoded encoded) {
	}

	/** What the analysis reads of one response. */
	public record Scanned(long versionId, long regionCode, String role, String closed, String numbers) {
	}

	@FunctionalInterface
	public interface ScanHandler {
		void row(Scanned row);
	}

	private static final int BATCH = 1000;

	private final JdbcTemplate template;
	private final JdbcClient jdbc;
	private final NamedParameterJdbcTemplate named;
	private final JsonMapper json = JsonMapper.builder().build();

	ResponseRepository(JdbcTemplate template, JdbcClient jdbc) {
		this.template = template;
		this.jdbc = jdbc;
		JdbcTemplate streaming = new JdbcTemplate(template.getDataSource());
		streaming.setFetchSize(5000);
		this.named = new NamedParameterJdbcTemplate(streaming);
	}

	String openJson(Map<String, String> open) {
		return open == null || open.isEmpty() ? null : json.writeValueAsString(open);
	}

	Map<String, String> openMap(String text) {
		return text == null ? Map.of() : json.readValue(text, new TypeReference<LinkedHashMap<String, String>>() {
		});
	}

	/**
	 * Per questionnaire, how many write transactions of this process have committed responses:
	 * the analysis snapshots skip their SQL freshness check while it has not moved.
	 */
	private final Map<Long, java.util.concurrent.atomic.AtomicLong> generations = new java.util.concurrent.ConcurrentHashMap<>();

	public long generation(long questionnaireId) {
		return generations.computeIfAbsent(questionnaireId, k -> new java.util.concurrent.atomic.AtomicLong()).get();
	}

	private void bumpAfterCommit(long questionnaireId) {
		Runnable bump = () -> generations.computeIfAbsent(questionnaireId, k -> new java.util.concurrent.atomic.AtomicLong())
			.incrementAndGet();
		if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
			org.springframework.transaction.support.TransactionSynchronizationManager
				.registerSynchronization(new org.springframework.transaction.support.TransactionSynchronization() {
					@Override
					public void afterCompletion(int status) {
						// a rollback moves it too: cheap, and never leaves a snapshot believing it is current
						bump.run();
					}
				});
		}
		else {
			bump.run();
		}
	}

	/** Marks the questionnaire as written by the current transaction (snapshots re-check after it ends). */
	void touched(long questionnaireId) {
		bumpAfterCommit(questionnaireId);
	}

	/** Inserts in JDBC batches; the caller's transaction decides whether they stay. */
	public void insert(List<NewResponse> rows) {
		rows.stream().map(NewResponse::questionnaireId).distinct().forEach(this::bumpAfterCommit);
		for (int from = 0; from < rows.size(); from += BATCH) {
			List<NewResponse> chunk = rows.subList(from, Math.min(rows.size(), from + BATCH));
			template.batchUpdate("""
					INSERT INTO survey_response (questionnaire_id, version_id, region_code, role, token, source, job_id,
					    submitted_at, closed, numbers, open_answers)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", chunk, chunk.size(), (PreparedStatement ps, NewResponse r) -> {
				ps.setLong(1, r.questionnaireId());
				ps.setLong(2, r.versionId());
				ps.setLong(3, r.regionCode());
				ps.setString(4, r.role().name());
				ps.setString(5, r.token());
				ps.setString(6, r.source());
				if (r.jobId() == null) {
					ps.setNull(7, Types.BIGINT);
				}
				else {
					ps.setLong(7, r.jobId());
				}
				ps.setObject(8, Sql.utc(r.submittedAt()));
				ps.setString(9, r.encoded().closed());
				ps.setString(10, r.encoded().numbers());
				String open = openJson(r.encoded().open());
				if (open == null) {
					ps.setNull(11, Types.VARCHAR);
				}
				else {
					ps.setString(11, open);
				}
			});
		}
	}

	/** Conditions shared by the reads: the questionnaire, the scope, and optional region and role filters. */
	private record Where(String sql, Map<String, Object> params) {
	}

	private static Where where(long questionnaireId, AccessScope scope, Long regionFrom, Long regionTo, String role) {
		ScopeFilter.Condition c = SCOPE.condition(scope);
		StringBuilder sql = new StringBuilder(" WHERE r.questionnaire_id = :q AND ").append(c.sql());
		Map<String, Object> params = new HashMap<>(c.params());
		params.put("q", questionnaireId);
		if (regionFrom != null) {
			sql.append(" AND r.region_code BETWEEN :regionFrom AND :regionTo");
			params.put("regionFrom", regionFrom);
			params.put("regionTo", regionTo);
		}
		if (role != null) {
			sql.append(" AND r.role = :role");
			params.put("role", role);
		}
		return new Where(sql.toString(), params);
	}

	/** How many responses of the questionnaire the scope reaches, and their highest id (0 without any). */
	public long[] countAndMaxId(long questionnaireId, AccessScope scope) {
		Where w = where(questionnaireId, scope, null, null, null);
		return jdbc.sql("SELECT COUNT(*), COALESCE(MAX(r.id), 0) FROM survey_response r" + w.sql())
			.params(w.params())
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.single();
	}

	/**
	 * Streams the responses in scope with an id above {@code afterId}, in no particular order: the
	 * order is not needed, and sorting 339,000 rows is what an ORDER BY would have cost.
	 */
	public void scanAfter(long questionnaireId, AccessScope scope, long afterId, ScanHandler handler) {
		Where w = where(questionnaireId, scope, null, null, null);
		Map<String, Object> params = new HashMap<>(w.params());
		params.put("after", afterId);
		named.query("SELECT r.version_id, r.region_code, r.role, r.closed, r.numbers FROM survey_response r" + w.sql()
				+ " AND r.id > :after", params, rs -> {
					handler.row(new Scanned(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)));
				});
	}

}
