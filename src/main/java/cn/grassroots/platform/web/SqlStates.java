package cn.grassroots.platform.web;

import java.sql.SQLException;

import org.springframework.dao.DataIntegrityViolationException;

/** Reads the SQL state behind a refused write. */
final class SqlStates {

	private SqlStates() {
	}

	/**
	 * Whether the database refused a value itself (SQL state class 22, "data exception": too long
	 * for its column, out of range, an invalid date, a byte sequence such as NUL that the encoding
	 * does not allow), rather than a constraint over existing rows (class 23).
	 */
	static boolean isDataException(DataIntegrityViolationException ex) {
		for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof SQLException sql && sql.getSQLState() != null) {
				return sql.getSQLState().startsWith("22");
			}
		}
		return false;
	}
}
