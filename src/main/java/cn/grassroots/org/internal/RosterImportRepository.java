package cn.grassroots.org.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.grassroots.platform.Sql;
import cn.grassroots.platform.jobs.JobError;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Roster imports, and the look-ups of grids and units by their codes that the import file uses. */
@Repository
class RosterImportRepository {

	private static final String COLUMNS = """
			id, owner, file_id, file_name, state, validate_job, commit_job, rows_total, to_create, to_update, error_count,
			errors, created_at, expires_at, committed_at""";
	private static final TypeReference<List<JobError>> ERRORS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;
	private final JsonMapper json = JsonMapper.builder().build();

	RosterImportRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(String owner, String fileId, String fileName, Instant expiresAt) {
		return Sql.insert(jdbc.sql("""
				INSERT INTO roster_import (owner, file_id, file_name, state, created_at, expires_at)
				VALUES (:owner, :file, :name, 'VALIDATING', :now, :expires)""")
			.param("owner", owner)
			.param("file", fileId)
			.param("name", fileName)
			.param("now", Sql.now())
			.param("expires", Sql.utc(expiresAt)));
	}

	Optional<RosterImport> find(long id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM roster_import WHERE id = :id").param("id", id).query(this::map).optional();
	}

	/** A (re-)validation starts: the import belongs to this job now. */
	boolean startValidation(long id, long jobId) {
		return jdbc.sql("""
				UPDATE roster_import SET state = 'VALIDATING', validate_job = :job
				WHERE id = :id AND state IN ('VALIDATING', 'VALID', 'INVALID', 'FAILED')""")
			.param("job", jobId)
			.param("id", id)
			.update() == 1;
	}

	void validated(long id, boolean valid, int rows, int toCreate, int toUpdate, List<JobError> errors) {
		jdbc.sql("""
				UPDATE roster_import SET state = :state, rows_total = :rows, to_create = :create, to_update = :update,
				    error_count = :count, errors = :errors
				WHERE id = :id""")
			.param("state", valid ? "VALID" : "INVALID")
			.param("rows", rows)
			.param("create", toCreate)
			.param("update", toUpdate)
			.param("count", errors.size())
			.param("errors", errors.isEmpty() ? null : json.writeValueAsString(errors))
			.param("id", id)
			.update();
	}

	void setState(long id, RosterImport.State state) {
		jdbc.sql("UPDATE roster_import SET state = :state WHERE id = :id").param("state", state.name()).param("id", id).update();
	}

	void setValidateJob(long id, long jobId) {
		jdbc.sql("UPDATE roster_import SET validate_job = :job WHERE id = :id").param("job", jobId).param("id", id).update();
	}

	/** Moves a valid import to COMMITTING for this job; false when it is not (or no longer) valid. */
	boolean claimCommit(long id, long jobId) {
		return jdbc.sql("UPDATE roster_import SET state = 'COMMITTING', commit_job = :job WHERE id = :id AND state = 'VALID'")
			.param("job", jobId)
			.param("id", id)
			.update() == 1;
	}

	/** Gives an import whose commit job died (interrupted by a restart) to a new job. */
	boolean takeOverCommit(long id, long jobId, Long previousJob) {
		if (previousJob == null) {
			return false;
		}
		return jdbc.sql("""
				UPDATE roster_import SET commit_job = :job
				WHERE id = :id AND state = 'COMMITTING' AND commit_job = :previous""")
			.param("job", jobId)
			.param("id", id)
			.param("previous", previousJob)
			.update() == 1;
	}

	/** Written: the upload is no longer needed, so the import expires at once. */
	void committed(long id) {
		jdbc.sql("UPDATE roster_import SET state = 'COMMITTED', committed_at = :now, expires_at = :now WHERE id = :id")
			.param("now", Sql.now())
			.param("id", id)
			.update();
	}

	int deleteExpired() {
		return jdbc.sql("DELETE FROM roster_import WHERE expires_at <= :now").param("now", Sql.now()).update();
	}

	Optional<Long> gridIdByCode(String code) {
		return jdbc.sql("SELECT id FROM grid WHERE code = :c").param("c", code).query(Long.class).optional();
	}

	Optional<Long> unitIdByCode(String code) {
		return jdbc.sql("SELECT id FROM unit WHERE code = :c").param("c", code).query(Long.class).optional();
	}

	private RosterImport map(ResultSet rs, int n) throws SQLException {
		String errors = rs.getString("errors");
		return new RosterImport(rs.getLong("id"), rs.getString("owner"), rs.getString("file_id"), rs.getString("file_name"),
				RosterImport.State.valueOf(rs.getString("state")), Sql.nullableLong(rs, "validate_job"),
				Sql.nullableLong(rs, "commit_job"), rs.getInt("rows_total"), rs.getInt("to_create"), rs.getInt("to_update"),
				rs.getInt("error_count"), errors == null || errors.isBlank() ? List.of() : json.readValue(errors, ERRORS),
				Sql.instant(rs, "created_at"), Sql.instant(rs, "expires_at"), Sql.instant(rs, "committed_at"));
	}
}
