package cn.grassroots.org.internal;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
 * Reads the first sheet of an XLSX file row by row with SAX, so a large file never becomes a
 * workbook in memory. Cells come typed: text, number (plain digits, never 1.2E10), date (ISO),
 * boolean or error.
 */
final class XlsxReader {

	enum Kind {
		TEXT, NUMBER, DATE, BOOLEAN, ERROR
	}

	record Cell(Kind kind, String text) {
	}

	/** One row: its 1-based number and its non-empty cells by 0-based column. */
	record Row(int number, Map<Integer, Cell> cells) {

		Cell cell(int column) {
			return cells.get(column);
		}

		String text(int column) {
			Cell c = cells.get(column);
			return c == null ? "" : c.text().trim();
		}

		boolean blank() {
			return cells.values().stream().allMatch(c -> c.text().isBlank());
		}
	}

	@FunctionalInterface
	interface RowHandler {
		/** Returns false to stop reading. */
		boolean row(Row row);
	}

	/** The file is not a readable XLSX workbook; {@code reason} is a message key. */
	static final class UnreadableException extends Exception {

		private final String reason;

		UnreadableException(String reason, Throwable cause) {
			super(reason, cause);
			this.reason = reason;
		}

		String reason() {
			return reason;
		}
	}

	private static final class Stop extends RuntimeException {
		Stop() {
			super(null, null, false, false);
		}
	}

	private XlsxReader() {
	}

	static void read(Path file, RowHandler handler) throws UnreadableException {
		try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
			XSSFReader reader = new XSSFReader(pkg);
			ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
			StylesTable styles = reader.getStylesTable();
			Iterator<InputStream> sheets = reader.getSheetsData();
			if (!sheets.hasNext()) {
				throw new UnreadableException("import.file.unreadable", null);
			}
			try (InputStream sheet = sheets.next()) {
				XMLReader parser = XMLHelper.newXMLReader();
				parser.setContentHandler(new SheetHandler(strings, styles, handler));
				parser.parse(new InputSource(sheet));
			}
		}
		catch (Stop stop) {
			// the handler has seen enough
		}
		catch (UnreadableException e) {
			throw e;
		}
		catch (OLE2NotOfficeXmlFileException e) {
			throw new UnreadableException("import.file.xls", e);
		}
		catch (Exception | StackOverflowError e) {
			if (causedByStop(e)) {
				return;
			}
			throw new UnreadableException("import.file.unreadable", e);
		}
	}

	private static boolean causedByStop(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof Stop) {
				return true;
			}
		}
		return false;
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
		private Map<Integer, Cell> cells;
		private int rowNumber;
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

		@Override
		public void characters(char[] ch, int start, int length) {
			if ((inValue || inInline) && !inPhonetic) {
				value.append(ch, start, length);
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
						Cell cell = cell(value.toString());
						if (cell != null) {
							cells.put(cellColumn, cell);
						}
					}
				}
				case "row" -> {
					if (cells != null && !handler.row(new Row(rowNumber, cells))) {
						throw new Stop();
					}
					cells = null;
				}
				default -> {
				}
			}
		}

		private Cell cell(String raw) {
			String type = cellType == null ? "n" : cellType;
			switch (type) {
				case "s" -> {
					try {
						return new Cell(Kind.TEXT, strings.getItemAt(Integer.parseInt(raw.trim())).getString());
					}
					catch (RuntimeException e) {
						return new Cell(Kind.ERROR, "");
					}
				}
				case "inlineStr", "str" -> {
					return new Cell(Kind.TEXT, raw);
				}
				case "b" -> {
					return new Cell(Kind.BOOLEAN, "1".equals(raw.trim()) ? "TRUE" : "FALSE");
				}
				case "e" -> {
					return new Cell(Kind.ERROR, raw);
				}
				case "d" -> {
					String s = raw.trim();
					return new Cell(Kind.DATE, s.length() >= 10 ? s.substring(0, 10) : s);
				}
				default -> {
					return number(raw.trim());
				}
			}
		}

		private Cell number(String raw) {
			if (raw.isEmpty()) {
				return null;
			}
			double d;
			try {
				d = Double.parseDouble(raw);
			}
			catch (NumberFormatException e) {
				return new Cell(Kind.TEXT, raw);
			}
			if (cellStyle != null && styles != null) {
				try {
					XSSFCellStyle style = styles.getStyleAt(Integer.parseInt(cellStyle));
					if (style != null && DateUtil.isADateFormat(style.getDataFormat(), style.getDataFormatString())
							&& DateUtil.isValidExcelDate(d)) {
						LocalDate date = DateUtil.getLocalDateTime(d).toLocalDate();
						return new Cell(Kind.DATE, date.toString());
					}
				}
				catch (RuntimeException e) {
					// an odd style: take the number as it is
				}
			}
			try {
				return new Cell(Kind.NUMBER, new BigDecimal(raw).stripTrailingZeros().toPlainString());
			}
			catch (NumberFormatException e) {
				return new Cell(Kind.NUMBER, raw);
			}
		}
	}
}
