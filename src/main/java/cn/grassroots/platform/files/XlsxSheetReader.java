package cn.grassroots.platform.files;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.openxml4j.exceptions.OLE2NotOfficeXmlFileException;
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
 * Reads the first sheet of an XLSX file row by row through POI's SAX event API, so a large upload
 * never becomes a workbook in memory (the roster import and the survey response import both read
 * this way). Cells come typed: text, number (plain digits, never 1.2E10), date (ISO; with the time
 * when it is not midnight), boolean (TRUE/FALSE) or error. An exception the row handler throws
 * reaches the caller unchanged.
 */
public final class XlsxSheetReader {

	public enum Kind {
		TEXT, NUMBER, DATE, BOOLEAN, ERROR
	}

	public record Cell(Kind kind, String text) {
	}

	/**
	 * One row: its 1-based number, its cells with a value by 0-based column, and how far through
	 * the sheet it is (0..1, from the sheet's dimension; 0 when the sheet does not say).
	 */
	public record Row(int number, Map<Integer, Cell> cells, double progress) {

		public Cell cell(int column) {
			return cells.get(column);
		}

		/** The column's text, trimmed; empty when the cell is missing. */
		public String text(int column) {
			Cell c = cells.get(column);
			return c == null ? "" : c.text().trim();
		}

		public boolean blank() {
			return cells.values().stream().allMatch(c -> c.text().isBlank());
		}

		/** The row's texts from column 0 up to its last cell, untrimmed, missing cells and errors empty. */
		public List<String> texts() {
			int width = cells.isEmpty() ? 0 : Collections.max(cells.keySet()) + 1;
			List<String> texts = new ArrayList<>(width);
			for (int i = 0; i < width; i++) {
				Cell c = cells.get(i);
				texts.add(c == null || c.kind() == Kind.ERROR ? "" : c.text());
			}
			return texts;
		}
	}

	@FunctionalInterface
	public interface RowHandler {
		/** Returns false to stop reading. */
		boolean row(Row row);
	}

	/** What was wrong with the file. */
	public enum Problem {
		/** An old binary .xls workbook, not XLSX. */
		XLS,
		/** Not a readable XLSX workbook, or one without sheets. */
		UNREADABLE,
		/** A cell longer than the limit: malformed input, not data. */
		CELL_TOO_LONG,
		/** A cell beyond the column limit. */
		TOO_MANY_COLUMNS
	}

	/** The file cannot be read; {@code row} is where it broke (0 = the file as a whole). */
	public static final class UnreadableException extends Exception {

		private final Problem problem;
		private final int row;

		UnreadableException(Problem problem, int row, Throwable cause) {
			super(problem + (row > 0 ? " at row " + row : ""), cause);
			this.problem = problem;
			this.row = row;
		}

		public Problem problem() {
			return problem;
		}

		public int row() {
			return row;
		}
	}

	/** Bounds on what one cell may hold and how far right a row may reach. */
	public record Limits(int maxCellLength, int maxColumns) {

		public static final Limits NONE = new Limits(Integer.MAX_VALUE, Integer.MAX_VALUE);
	}

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

	private XlsxSheetReader() {
	}

	public static void read(Path file, Limits limits, RowHandler handler) throws UnreadableException {
		try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
			XSSFReader reader = new XSSFReader(pkg);
			ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
			StylesTable styles = reader.getStylesTable();
			Iterator<InputStream> sheets = reader.getSheetsData();
			if (!sheets.hasNext()) {
				throw new UnreadableException(Problem.UNREADABLE, 0, null);
			}
			try (InputStream sheet = sheets.next()) {
				XMLReader parser = XMLHelper.newXMLReader();
				parser.setContentHandler(new SheetHandler(strings, styles, limits, handler));
				parser.parse(new InputSource(sheet));
			}
		}
		catch (UnreadableException e) {
			throw e;
		}
		catch (OLE2NotOfficeXmlFileException e) {
			throw new UnreadableException(Problem.XLS, 0, e);
		}
		catch (Exception | StackOverflowError e) {
			// the parser and POI wrap what the handler threw; find it
			for (Throwable t = e; t != null; t = t.getCause()) {
				if (t instanceof Stop s) {
					if (s.cause == null) {
						return;
					}
					throw s.cause;
				}
				if (t instanceof HandlerFailure f) {
					throw f.failure;
				}
			}
			throw new UnreadableException(Problem.UNREADABLE, 0, e);
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
		private final Limits limits;
		private final RowHandler handler;
		private Map<Integer, Cell> cells;
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

		SheetHandler(ReadOnlySharedStringsTable strings, StylesTable styles, Limits limits, RowHandler handler) {
			this.strings = strings;
			this.styles = styles;
			this.limits = limits;
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
				case "dimension" -> lastRow = lastRow(attrs.getValue("ref"));
				case "row" -> {
					String r = attrs.getValue("r");
					rowNumber = r == null ? rowNumber + 1 : Integer.parseInt(r);
					cells = new LinkedHashMap<>();
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

		private static int lastRow(String ref) {
			if (ref == null || !ref.contains(":")) {
				return -1;
			}
			try {
				return Integer.parseInt(ref.substring(ref.indexOf(':') + 1).replaceAll("[A-Za-z]", ""));
			}
			catch (NumberFormatException e) {
				return -1;
			}
		}

		@Override
		public void characters(char[] ch, int start, int length) {
			if ((inValue || inInline) && !inPhonetic) {
				value.append(ch, start, length);
				if (value.length() > limits.maxCellLength()) {
					throw new Stop(new UnreadableException(Problem.CELL_TOO_LONG, rowNumber, null));
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
						if (cellColumn >= limits.maxColumns()) {
							throw new Stop(new UnreadableException(Problem.TOO_MANY_COLUMNS, rowNumber, null));
						}
						Cell cell = cell(value.toString());
						if (cell != null) {
							// a shared string's text only shows here: the value was its index
							if (cell.text().length() > limits.maxCellLength()) {
								throw new Stop(new UnreadableException(Problem.CELL_TOO_LONG, rowNumber, null));
							}
							cells.put(cellColumn, cell);
						}
					}
				}
				case "row" -> {
					if (cells != null) {
						double progress = lastRow > 0 ? Math.min(1.0, rowNumber / (double) lastRow) : 0;
						boolean more;
						try {
							more = handler.row(new Row(rowNumber, cells, progress));
						}
						catch (RuntimeException e) {
							throw new HandlerFailure(e);
						}
						if (!more) {
							throw new Stop(null);
						}
					}
					cells = null;
				}
				default -> {
				}
			}
		}

		private Cell cell(String raw) {
			String type = cellType == null ? "n" : cellType;
			return switch (type) {
				case "s" -> {
					try {
						yield new Cell(Kind.TEXT, strings.getItemAt(Integer.parseInt(raw.trim())).getString());
					}
					catch (RuntimeException e) {
						yield new Cell(Kind.ERROR, "");
					}
				}
				case "inlineStr", "str" -> new Cell(Kind.TEXT, raw);
				case "b" -> new Cell(Kind.BOOLEAN, "1".equals(raw.trim()) ? "TRUE" : "FALSE");
				case "e" -> new Cell(Kind.ERROR, raw);
				case "d" -> new Cell(Kind.DATE, isoDate(raw.trim()));
				default -> number(raw.trim());
			};
		}

		/** An ISO date cell (t="d"): the date alone when the time is midnight. */
		private static String isoDate(String s) {
			return s.length() > 10 && s.substring(10).matches("T00:00(:00(\\.0+)?)?Z?") ? s.substring(0, 10) : s;
		}

		private Cell number(String raw) {
			if (raw.isEmpty()) {
				return null;
			}
			BigDecimal n;
			try {
				n = new BigDecimal(raw);
			}
			catch (NumberFormatException e) {
				return new Cell(Kind.TEXT, raw);
			}
			if (isDate()) {
				double d = n.doubleValue();
				if (DateUtil.isValidExcelDate(d)) {
					LocalDateTime dt = DateUtil.getLocalDateTime(d);
					return new Cell(Kind.DATE,
							dt.toLocalTime().toSecondOfDay() == 0 ? dt.toLocalDate().toString() : dt.toString());
				}
			}
			return new Cell(Kind.NUMBER, n.stripTrailingZeros().toPlainString());
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
				// an odd style: take the number as it is
				return false;
			}
		}
	}
}
