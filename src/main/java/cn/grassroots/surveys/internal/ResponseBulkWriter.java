package cn.grassroots.surveys.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * Writes a chunk of an import's checked rows into {@code survey_response} on the caller's
 * transaction connection, so they commit or roll back with the rest of the import. On PostgreSQL
 * through the driver's COPY (text format), elsewhere (H2) through one prepared statement in a JDBC
 * batch.
 */
@Component
class ResponseBulkWriter {

	private static final String COLUMNS = "questionnaire_id, version_id, region_code, role, token, source, job_id, "
			+ "submitted_at, closed, numbers, open_answers";
	private static final DateTimeFormatter PG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx");

	/** One checked row as it is stored; {@code token} is the value stored (a named link's reference, or null). */
	record Row(long regionCode, RespondentRole role, Instant submittedAt, String token, String closed, String numbers,
			String open) {
	}

	private final DataSource dataSource;

	ResponseBulkWriter(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** Stores the rows; must run inside a transaction. Returns the number written. */
	long write(List<Row> rows, long questionnaireId, long versionId, String source, Long jobId)
			throws IOException, SQLException {
		Connection con = DataSourceUtils.getConnection(dataSource);
		try {
			if (con.isWrapperFor(PGConnection.class)) {
				return copy(con.unwrap(PGConnection.class), rows, questionnaireId, versionId, source, jobId);
			}
			return batch(con, rows, questionnaireId, versionId, source, jobId);
		}
		finally {
			DataSourceUtils.releaseConnection(con, dataSource);
		}
	}

	private static long copy(PGConnection pg, List<Row> rows, long questionnaireId, long versionId, String source,
			Long jobId) throws IOException, SQLException {
		CopyIn copy = pg.getCopyAPI().copyIn("COPY survey_response (" + COLUMNS + ") FROM STDIN (FORMAT text)");
		try {
			StringBuilder line = new StringBuilder(512);
			ByteArrayOutputStream chunk = new ByteArrayOutputStream(1 << 20);
			String fixed = questionnaireId + "\t" + versionId + "\t";
			String tail = "\t" + escape(source) + "\t" + (jobId == null ? "\\N" : jobId.toString()) + "\t";
			for (Row e : rows) {
				line.setLength(0);
				line.append(fixed).append(e.regionCode()).append('\t').append(e.role().name()).append('\t')
					.append(e.token() == null ? "\\N" : escape(e.token())).append(tail)
					.append(PG_TIME.format(OffsetDateTime.ofInstant(e.submittedAt(), ZoneOffset.UTC))).append('\t')
					.append(escape(e.closed())).append('\t').append(escape(e.numbers())).append('\t')
					.append(e.open() == null ? "\\N" : escape(e.open())).append('\n');
				chunk.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
				if (chunk.size() >= (1 << 20)) {
					copy.writeToCopy(chunk.toByteArray(), 0, chunk.size());
					chunk.reset();
				}
			}
			if (chunk.size() > 0) {
				copy.writeToCopy(chunk.toByteArray(), 0, chunk.size());
			}
			copy.endCopy();
			return rows.size();
		}
		finally {
			if (copy.isActive()) {
				copy.cancelCopy();
			}
		}
	}

	/** COPY's text format: backslash, tab, newline and carriage return escaped. */
	static String escape(String s) {
		if (s == null) {
			return "\\N";
		}
		StringBuilder b = null;
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			String r = switch (c) {
				case '\\' -> "\\\\";
				case '\t' -> "\\t";
				case '\n' -> "\\n";
				case '\r' -> "\\r";
				default -> null;
			};
			if (r != null && b == null) {
				b = new StringBuilder(s.length() + 8).append(s, 0, i);
			}
			if (b != null) {
				if (r != null) {
					b.append(r);
				}
				else {
					b.append(c);
				}
			}
		}
		return b == null ? s : b.toString();
	}

	private static long batch(Connection con, List<Row> rows, long questionnaireId, long versionId, String source,
			Long jobId) throws SQLException {
		try (PreparedStatement ps = con.prepareStatement(
				"INSERT INTO survey_response (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
			ps.setLong(1, questionnaireId);
			ps.setLong(2, versionId);
			ps.setString(6, source);
			if (jobId == null) {
				ps.setNull(7, Types.BIGINT);
			}
			else {
				ps.setLong(7, jobId);
			}
			for (Row e : rows) {
				ps.setLong(3, e.regionCode());
				ps.setString(4, e.role().name());
				ps.setString(5, e.token());
				ps.setObject(8, OffsetDateTime.ofInstant(e.submittedAt(), ZoneOffset.UTC));
				ps.setString(9, e.closed());
				ps.setString(10, e.numbers());
				ps.setString(11, e.open());
				ps.addBatch();
			}
			ps.executeBatch();
		}
		return rows.size();
	}
}
