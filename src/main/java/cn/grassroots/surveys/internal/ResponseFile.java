package cn.grassroots.surveys.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

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

	private static final class Stop extends RuntimeException {
		final UnreadableException cause;

		Stop(UnreadableException cause) {
			super(null, null, false, false);
			this.cause = cause;
		}
	}

	/** An exception of the row handler, carried through the SAX parser unchanged. */
	private static final class HandlerFailure extends RuntimeException {
		final RuntimeException failure;

		HandlerFailure(RuntimeException failure) {
			super(null, null, false, false);
			this.failure = failure;
		}
	}

	static void readXlsx(Path file, RowHandler handler) throws UnreadableException {
		try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
			XSSFReader reader = new XSSFReader(pkg);
			ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
			StylesTable styles = reader.getStylesTable();
			Iterator<InputStream> sheets = reader.getSheetsData();
			if (!sheets.hasNext()) {
				throw new UnreadableException("surveys.import.unreadable", 0, null);
			}
			try (InputStream sheet = sheets.next()) {
				XMLReader parser = XMLHelper.newXMLReader();
				parser.setContentHandler(new SheetHandler(strings, styles, handler));
				parser.parse(new InputSource(sheet));
			}
		}
		catch (Stop stop) {
			throw stop.cause;
		}
		catch (HandlerFailure f) {
			throw f.failure;
		}
		catch (UnreadableException e) {
			throw e;
		}
		catch (Exception | StackOverflowError e) {
			for (Throwable t = e; t != null; t = t.getCause()) {
				if (t instanceof Stop s) {
					throw s.cause;
				}
				if (t instanceof HandlerFailure f) {
					throw f.failure;
				}
			}
			throw new UnreadableException("surveys.import.unreadable", 0, e);
		}
	}

	/** Column index of a reference such as "AB12" (0-based), or -1. */
	static int column(String reference) {
		if (reference == null) {
			return -1;
		}
		int col = 0;
		int i = 0;
		while (i < reference.length() && Character.isLetter(reference.charAt(i))) {
			col = col * 26 + (Character.toUpperCase(reference.charAt(i)) - 'A' + 1);
			i++;
		}
		return i == 0 ? -1 : col - 1;
	}

	private static final class SheetHandler extends DefaultHandler {

		private final ReadOnlySharedStringsTable strings;
		private final StylesTable styles;
		private final RowHandler handler;
		private List<String> cells;
		private int rowNumber;
		private int lastRow = -1;
		private int nextColumn;
		private int cellColumn;
		private String cellType;
		private String cellStyle;
		private final StringBuilder value = new StringBuilder();
		private boolean inValue;
		private boolean inInline;
		private boolean inPhonetic;
		private boolean hasValue;

		SheetHandler(ReadOnlySharedStringsTable strings, StylesTable styles, RowHandler handler) {
			this.strings = strings;
			this.styles = styles;
			this.handler = handler;
		}

		private static String local(String localName, String qName) {
			if (localName != null && !localName.isEmpty()) {
				return localName;
			}
			int colon = qName.indexOf(':');
			return colon < 0 ? qName : qName.substring(colon + 1);
		}

		@Override
		public void startElement(String uri, String localName, String qName, Attributes attrs) {
			switch (local(localName, qName)) {
				case "dimension" -> {
					String ref = attrs.getValue("ref");
					if (ref != null && ref.contains(":")) {
						String end = ref.substring(ref.indexOf(':') + 1).replaceAll("[A-Za-z]", "");
						try {
							lastRow = Integer.parseInt(end);
						}
						catch (NumberFormatException e) {
							lastRow = -1;
						}
					}
				}
				case "row" -> {
					String r = attrs.getValue("r");
					rowNumber = r == null ? rowNumber + 1 : Integer.parseInt(r);
					cells = new ArrayList<>();
					nextColumn = 0;
				}
				case "c" -> {
					int col = column(attrs.getValue("r"));
					cellColumn = col < 0 ? nextColumn : col;
					nextColumn = cellColumn + 1;
					cellType = attrs.getValue("t");
					cellStyle = attrs.getValue("s");
					value.setLength(0);
					hasValue = false;
				}
				case "v" -> {
					inValue = true;
					hasValue = true;
				}
				case "is" -> {
					inInline = true;
					hasValue = true;
				}
				case "rPh" -> inPhonetic = true;
				default -> {
				}
			}
		}

		@Override
		public void characters(char[] ch, int start, int length) {
			if ((inValue || inInline) && !inPhonetic) {
				value.append(ch, start, length);
				if (value.length() > MAX_CELL) {
					throw new Stop(new UnreadableException("surveys.import.cellTooLong", rowNumber, null));
				}
			}
		}

		@Override
		public void endElement(String uri, String localName, String qName) {
			switch (local(localName, qName)) {
				case "v" -> inValue = false;
				case "is" -> inInline = false;
				case "rPh" -> inPhonetic = false;
				case "c" -> {
					if (hasValue && cells != null) {
						if (cellColumn >= MAX_COLUMNS) {
							throw new Stop(new UnreadableException("surveys.import.tooManyColumns", rowNumber, null));
						}
						while (cells.size() < cellColumn) {
							cells.add("");
						}
						String text = cell(value.toString());
						if (cells.size() == cellColumn) {
							cells.add(text);
						}
						else {
							cells.set(cellColumn, text);
						}
					}
				}
				case "row" -> {
					if (cells != null && cells.stream().anyMatch(x -> !x.isBlank())) {
						double progress = lastRow > 0 ? Math.min(1.0, rowNumber / (double) lastRow) : 0;
						try {
							handler.row(rowNumber, cells, progress);
						}
						catch (RuntimeException e) {
							throw new HandlerFailure(e);
						}
					}
					cells = null;
				}
				default -> {
				}
			}
		}

		private String cell(String raw) {
			String type = cellType == null ? "n" : cellType;
			switch (type) {
				case "s" -> {
					try {
						return strings.getItemAt(Integer.parseInt(raw.trim())).getString();
					}
					catch (RuntimeException e) {
						return "";
					}
				}
				case "inlineStr", "str" -> {
					return raw;
				}
				case "b" -> {
					return "1".equals(raw.trim()) ? "TRUE" : "FALSE";
				}
				case "e" -> {
					return "";
				}
				default -> {
					String t = raw.trim();
					if (t.isEmpty()) {
						return "";
					}
					try {
						BigDecimal n = new BigDecimal(t);
						if (isDate()) {
							LocalDateTime dt = DateUtil.getLocalDateTime(n.doubleValue());
							return dt.toLocalTime().toSecondOfDay() == 0 ? dt.toLocalDate().toString() : dt.toString();
						}
						n = n.stripTrailingZeros();
						return n.scale() < 0 ? n.setScale(0).toPlainString() : n.toPlainString();
					}
					catch (NumberFormatException e) {
						return t;
					}
				}
			}
		}

		private boolean isDate() {
			if (cellStyle == null || styles == null) {
				return false;
			}
			try {
				XSSFCellStyle style = styles.getStyleAt(Integer.parseInt(cellStyle));
				return style != null && DateUtil.isADateFormat(style.getDataFormat(), style.getDataFormatString());
			}
			catch (RuntimeException e) {
				return false;
			}
		}
	}
}
