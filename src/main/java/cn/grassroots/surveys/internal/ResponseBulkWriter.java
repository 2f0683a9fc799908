package cn.grassroots.surveys.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.DoubleConsumer;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * Writes an import's validated rows (a {@link ResponseSpool}) into {@code survey_response} on the
 * caller's transaction connection, so they commit or roll back together. On PostgreSQL through the
 * driver's COPY (text format, streamed in chunks); elsewhere (H2) through one prepared statement in
 * JDBC batches.
 */
@Component
class ResponseBulkWriter {

	private static final String COLUMNS = "questionnaire_id, version_id, region_code, role, token, source, job_id, "
			+ "submitted_at, closed, numbers, open_answers";
	private static final int BATCH = 5_000;
	private static final DateTimeFormatter PG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx");

	private final DataSource dataSource;
	private final ResponseRepository responses;

	ResponseBulkWriter(DataSource dataSource, ResponseRepository responses) {
		this.dataSource = dataSource;
		this.responses = responses;
	}

	/**
	 * Stores every entry of the spool; must run inside a transaction. {@code tokens} turns a spooled
	 * token into the value stored (or null). Returns the number written.
	 */
	long write(Path spool, long total, long questionnaireId, long versionId, String source, Long jobId,
			UnaryOperator<String> tokens, DoubleConsumer progress) throws IOException, SQLException {
		responses.touched(questionnaireId);
		Connection con = DataSourceUtils.getConnection(dataSource);
		try (ResponseSpool.Reader in = new ResponseSpool.Reader(spool)) {
			if (con.isWrapperFor(PGConnection.class)) {
				return copy(con.unwrap(PGConnection.class), in, total, questionnaireId, versionId, source, jobId, tokens,
						progress);
			}
			return batch(con, in, total, questionnaireId, versionId, source, jobId, tokens, progress);
		}
		finally {
			DataSourceUtils.releaseConnection(con, dataSource);
		}
	}

	private static long copy(PGConnection pg, ResponseSpool.Reader in, long total, long questionnaireId, long versionId,
			String source, Long jobId, UnaryOperator<String> tokens, DoubleConsumer progress) throws IOException, SQLException {
		CopyIn copy = pg.getCopyAPI().copyIn("COPY survey_response (" + COLUMNS + ") FROM STDIN (FORMAT text)");
		long n = 0;
		try {
			StringBuilder line = new StringBuilder(512);
			ByteArrayOutputStream chunk = new ByteArrayOutputStream(1 << 20);
			String fixed = questionnaireId + "\t" + versionId + "\t";
			String tail = "\t" + escape(source) + "\t" + (jobId == null ? "\\N" : jobId.toString()) + "\t";
			ResponseSpool.Entry e;
			while ((e = in.next()) != null) {
				String token = e.token() == null ? null : tokens.apply(e.token());
				line.setLength(0);
				line.append(fixed).append(e.regionCode()).append('\t').append(e.role().name()).append('\t')
					.append(token == null ? "\\N" : escape(token)).append(tail)
					.append(PG_TIME.format(OffsetDateTime.ofInstant(e.submittedAt(), ZoneOffset.UTC))).append('\t')
					.append(escape(e.closed())).append('\t').append(escape(e.numbers())).append('\t')
					.append(e.open() == null ? "\\N" : escape(e.open())).append('\n');
				chunk.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
				n++;
				if (chunk.size() >= (1 << 20)) {
					copy.writeToCopy(chunk.toByteArray(), 0, chunk.size());
					chunk.reset();
					progress.accept(total == 0 ? 1 : n / (double) total);
				}
			}
			if (chunk.size() > 0) {
				copy.writeToCopy(chunk.toByteArray(), 0, chunk.size());
			}
			copy.endCopy();
			return n;
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

	private static long batch(Connection con, ResponseSpool.Reader in, long total, long questionnaireId, long versionId,
			String source, Long jobId, UnaryOperator<String> tokens, DoubleConsumer progress) throws IOException, SQLException {
		long n = 0;
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
			ResponseSpool.Entry e;
			int pending = 0;
			while ((e = in.next()) != null) {
				ps.setLong(3, e.regionCode());
				ps.setString(4, e.role().name());
				ps.setString(5, e.token() == null ? null : tokens.apply(e.token()));
				ps.setObject(8, OffsetDateTime.ofInstant(e.submittedAt(), ZoneOffset.UTC));
				ps.setString(9, e.closed());
				ps.setString(10, e.numbers());
				ps.setString(11, e.open());
				ps.addBatch();
				n++;
				if (++pending == BATCH) {
					ps.executeBatch();
					pending = 0;
					progress.accept(total == 0 ? 1 : n / (double) total);
				}
			}
			if (pending > 0) {
				ps.executeBatch();
			}
		}
		return n;
	}
}
