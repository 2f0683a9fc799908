package cn.grassroots.surveys.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import cn.grassroots.platform.files.XlsxSheetReader;

/**
 * Reads a response file row by row, never whole: CSV (RFC 4180, UTF-8, an optional BOM; quoted
 * fields may hold commas, quotes doubled and line breaks) or the first sheet of an XLSX workbook
 * through POI's SAX event API. Rows come as lists of cell texts with their 1-based row number
 * (the header is row 1); progress is the fraction of the file read.
 */
public final class ResponseFile {

	public enum Format {
		CSV, XLSX;

		public static Format of(String fileName, byte[] head) {
			if (head.length >= 2 && head[0] == 'P' && head[1] == 'K') {
				return XLSX;
			}
			return CSV;
		}
	}

	@FunctionalInterface
	public interface RowHandler {
		void row(int number, List<String> cells, double progress);
	}

	/** The file cannot be read as the format; {@code reason} is a message key, {@code row} where it broke (0 = the file). */
	public static final class UnreadableException extends Exception {

		private final String reason;
		private final int row;

		UnreadableException(String reason, int row, Throwable cause) {
			super(reason, cause);
			this.reason = reason;
			this.row = row;
		}

		public String reason() {
			return reason;
		}

		public int row() {
			return row;
		}
	}

	/** The longest cell accepted: larger ones are malformed input, not answers. */
	static final int MAX_CELL = 20_000;
	static final int MAX_COLUMNS = 2_000;

	private ResponseFile() {
	}

	public static void read(Path file, Format format, RowHandler handler) throws UnreadableException, IOException {
		if (format == Format.XLSX) {
			readXlsx(file, handler);
		}
		else {
			readCsv(file, handler);
		}
	}

	// ------------------------------------------------------------------ CSV

	private static final class Counting extends FilterInputStream {
		long count;

		Counting(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				count++;
			}
			return b;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			int n = super.read(b, off, len);
			if (n > 0) {
				count += n;
			}
			return n;
		}
	}

	static void readCsv(Path file, RowHandler handler) throws UnreadableException, IOException {
		long size = Math.max(1, Files.size(file));
		try (Counting counting = new Counting(Files.newInputStream(file))) {
			var decoder = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT);
			csv(new InputStreamReader(counting, decoder), handler, () -> Math.min(1.0, counting.count / (double) size));
		}
		catch (CharacterCodingException e) {
			throw new UnreadableException("surveys.import.notUtf8", 0, e);
		}
	}

	interface Progress {
		double get();
	}

	/** Characters from a reader through a plain buffer (no per-character locking), with one character of look-ahead. */
	private static final class Chars {
		private final Reader in;
		private final char[] buffer = new char[1 << 16];
		private int pos;
		private int end;

		Chars(Reader in) {
			this.in = in;
		}

		int next() throws IOException {
			if (pos == end) {
				end = in.read(buffer, 0, buffer.length);
				pos = 0;
				if (end <= 0) {
					end = 0;
					return -1;
				}
			}
			return buffer[pos++];
		}

		int peek() throws IOException {
			int c = next();
			if (c >= 0) {
				pos--;
			}
			return c;
		}
	}

	/**
	 * RFC 4180: records end at CRLF or LF outside quotes; a quote inside a quoted field is doubled.
	 * A record's number is the line it starts on (as an editor shows it); blank lines are skipped.
	 * A byte order mark at the start is dropped.
	 */
	static void csv(Reader reader, RowHandler handler, Progress progress) throws IOException, UnreadableException {
		Chars in = new Chars(reader);
		if (in.peek() == '\uFEFF') {
			in.next();
		}
		List<String> row = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		int number = 1;
		int inner = 0;
		boolean quoted = false;
		boolean wasQuoted = false;
		boolean any = false;
		int c;
		while ((c = in.next()) >= 0) {
			if (quoted) {
				if (c == '"') {
					if (in.peek() == '"') {
						in.next();
						cell.append('"');
					}
					else {
						quoted = false;
					}
				}
				else {
					if (c == '\n') {
						inner++;
					}
					cell.append((char) c);
				}
			}
			else if (c == '"') {
				if (cell.length() > 0 || wasQuoted) {
					throw new UnreadableException("surveys.import.csvQuote", number, null);
				}
				quoted = true;
				wasQuoted = true;
				any = true;
			}
			else if (c == ',') {
				add(row, cell, number);
				wasQuoted = false;
				any = true;
			}
			else if (c == '\r' || c == '\n') {
				if (c == '\r' && in.peek() == '\n') {
					in.next();
				}
				if (any || cell.length() > 0) {
					add(row, cell, number);
					handler.row(number, row, progress.get());
					row = new ArrayList<>();
				}
				number += 1 + inner;
				inner = 0;
				wasQuoted = false;
				any = false;
			}
			else {
				if (wasQuoted) {
					throw new UnreadableException("surveys.import.csvQuote", number, null);
				}
				cell.append((char) c);
				any = true;
			}
			if (cell.length() > MAX_CELL) {
				throw new UnreadableException("surveys.import.cellTooLong", number, null);
			}
		}
		if (quoted) {
			throw new UnreadableException("surveys.import.csvQuote", number, null);
		}
		if (any || cell.length() > 0) {
			add(row, cell, number);
			handler.row(number, row, 1.0);
		}
	}

	private static void add(List<String> row, StringBuilder cell, int number) throws UnreadableException {
		if (row.size() >= MAX_COLUMNS) {
			throw new UnreadableException("surveys.import.tooManyColumns", number, null);
		}
		row.add(cell.toString());
		cell.setLength(0);
	}

	// ------------------------------------------------------------------ XLSX

	static void readXlsx(Path file, RowHandler handler) throws UnreadableException {
		try {
			XlsxSheetReader.read(file, new XlsxSheetReader.Limits(MAX_CELL, MAX_COLUMNS), row -> {
				List<String> cells = row.texts();
				if (cells.stream().anyMatch(x -> !x.isBlank())) {
					handler.row(row.number(), cells, row.progress());
				}
				return true;
			});
		}
		catch (XlsxSheetReader.UnreadableException e) {
			String reason = switch (e.problem()) {
				case CELL_TOO_LONG -> "surveys.import.cellTooLong";
				case TOO_MANY_COLUMNS -> "surveys.import.tooManyColumns";
				case XLS, UNREADABLE -> "surveys.import.unreadable";
			};
			throw new UnreadableException(reason, e.row(), e);
		}
	}
}
