package cn.grassroots.platform.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.platform.SortKeys;
import cn.grassroots.platform.SortOrder;
import cn.grassroots.platform.Sql;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job table. Progress and outcome are written in their own transactions, so a handler's
 * long transaction neither hides its progress nor takes it along when it rolls back.
 */
@Repository
class JobStore {

	private static final String COLUMNS = """
			id, kind, owner, state, progress, rows_done, error_count, errors, parameters, message, result_file, rerun_of,
			created_at, started_at, finished_at""";
	/** The job list's sort keys; newest first unless asked otherwise. */
	static final SortKeys SORT = SortKeys.tiebreaker("id")
		.key("createdAt", "created_at")
		.key("kind", "kind")
		.key("state", "state")
		.key("progress", "progress")
		.key("rows", "rows_done")
		.key("errorCount", "error_count")
		.defaultOrder("-createdAt")
		.build();

	private static final TypeReference<List<JobError>> ERRORS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;
	private final TransactionTemplate separate;
	private final JsonMapper json = JsonMapper.builder().build();

	JobStore(JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.separate = new TransactionTemplate(transactions);
		this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	long insert(String kind, String owner, String parameters, Long rerunOf) {
		return Sql.insert(jdbc.sql("""
				INSERT INTO job (kind, owner, state, progress, rows_done, error_count, parameters, rerun_of, created_at)
				VALUES (:kind, :owner, 'QUEUED', 0, 0, 0, :params, :rerunOf, :now)""")
			.param("kind", kind)
			.param("owner", owner)
			.param("params", parameters)
			.param("rerunOf", rerunOf)
			.param("now", Sql.now()));
	}

	Optional<Job> find(long id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM job WHERE id = :id").param("id", id).query(this::map).optional();
	}

	PageResult<Job> listOf(String owner, SortOrder sort, PageRequest page) {
		long total = jdbc.sql("SELECT COUNT(*) FROM job WHERE owner = :o").param("o", owner).query(Long.class).single();
		List<Job> rows = jdbc.sql("SELECT " + COLUMNS
				+ " FROM job WHERE owner = :o ORDER BY " + SORT.orderBy(sort) + " LIMIT :limit OFFSET :offset")
			.param("o", owner)
			.param("limit", page.size())
			.param("offset", page.offset())
			.query(this::map)
			.list();
		return PageResult.of(rows, page, total);
	}

	/** Claims the oldest queued job for this runner; the state guard lets only one runner win each job. */
	Optional<Job> claimNext(String runner) {
		List<Long> candidates = jdbc.sql("SELECT id FROM job WHERE state = 'QUEUED' ORDER BY id LIMIT 10")
			.query(Long.class)
			.list();
		for (long id : candidates) {
			int claimed = jdbc.sql("""
					UPDATE job SET state = 'RUNNING', runner = :runner, started_at = :now, progress = 0
					WHERE id = :id AND state = 'QUEUED'""")
				.param("runner", runner)
				.param("now", Sql.now())
				.param("id", id)
				.update();
			if (claimed == 1) {
				return find(id);
			}
		}
		return Optional.empty();
	}

	void progress(long id, String runner, double progress, long rows, long errorCount, List<JobError> errors) {
		separate.executeWithoutResult(tx -> jdbc.sql("""
				UPDATE job SET progress = :p, rows_done = :rows, error_count = :count, errors = :errors
				WHERE id = :id AND state = 'RUNNING' AND runner = :runner""")
			.param("p", progress)
			.param("rows", rows)
			.param("count", errorCount)
			.param("errors", errors.isEmpty() ? null : json.writeValueAsString(errors))
			.param("id", id)
			.param("runner", runner)
			.update());
	}

	/** Records the outcome unless the job was taken from this runner meanwhile (recovered as interrupted). */
	void finish(long id, String runner, JobState state, double progress, long rows, long errorCount, List<JobError> errors,
			String message, String resultFile) {
		separate.executeWithoutResult(tx -> jdbc.sql("""
				UPDATE job SET state = :state, progress = :p, rows_done = :rows, error_count = :count, errors = :errors,
				    message = :message, result_file = :file, finished_at = :now
				WHERE id = :id AND state = 'RUNNING' AND runner = :runner""")
			.param("state", state.name())
			.param("p", progress)
			.param("rows", rows)
			.param("count", errorCount)
			.param("errors", errors.isEmpty() ? null : json.writeValueAsString(errors))
			.param("message", message == null ? null : message.length() > 1000 ? message.substring(0, 1000) : message)
			.param("file", resultFile)
			.param("now", Sql.now())
			.param("id", id)
			.param("runner", runner)
			.update());
	}

	/** Marks FAILED every running job that no live runner of this process claimed. */
	int failInterrupted(String runner, String message) {
		return jdbc.sql("""
				UPDATE job SET state = 'FAILED', message = :message, finished_at = :now
				WHERE state = 'RUNNING' AND (runner IS NULL OR runner <> :runner)""")
			.param("message", message)
			.param("now", Sql.now())
			.param("runner", runner)
			.update();
	}

	private Job map(ResultSet rs, int n) throws SQLException {
		String errors = rs.getString("errors");
		return new Job(rs.getLong("id"), rs.getString("kind"), rs.getString("owner"), JobState.valueOf(rs.getString("state")),
				rs.getDouble("progress"), rs.getLong("rows_done"), rs.getLong("error_count"),
				errors == null || errors.isBlank() ? List.of() : json.readValue(errors, ERRORS), rs.getString("parameters"),
				rs.getString("message"), rs.getString("result_file"), Sql.nullableLong(rs, "rerun_of"),
				Sql.instant(rs, "created_at"), Sql.instant(rs, "started_at"), Sql.instant(rs, "finished_at"));
	}
}
