package cn.grassroots.org.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import cn.grassroots.org.IdNumbers;
import cn.grassroots.org.PostType;
import cn.grassroots.platform.files.XlsxSheetReader;

/**
 * The roster import template: a sheet with the Chinese header row and one example row (left in
 * place, it is skipped on import), and a sheet explaining each column and listing the post codes.
 */
@Component
class RosterTemplate {

	static final String FILE_NAME = "人员名册导入模板.xlsx";
	static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	/** The example row, cell by cell as text; a row equal to it is not imported. */
	static final List<String> EXAMPLE = List.of("张三", exampleIdNumber(), "男", "1980-01-01", "13800000000", "是",
			"230102001001", "", "", "社区工作者、志愿者", "2024-01-01");

	private final MessageSource messages;

	RosterTemplate(MessageSource messages) {
		this.messages = messages;
	}

	private static String exampleIdNumber() {
		String first17 = "23010219800101001";
		return first17 + IdNumbers.checkCharacter(first17);
	}

	static boolean isExample(XlsxSheetReader.Row row) {
		for (int i = 0; i < EXAMPLE.size(); i++) {
			if (!row.text(i).equals(EXAMPLE.get(i))) {
				return false;
			}
		}
		return row.cells().keySet().stream().allMatch(c -> c < EXAMPLE.size() || row.text(c).isEmpty());
	}

	/** Writes the template, its explanations in the reader's language. */
	void write(OutputStream out, Locale locale) throws IOException {
		try (XSSFWorkbook wb = new XSSFWorkbook()) {
			CellStyle text = wb.createCellStyle();
			text.setDataFormat(wb.createDataFormat().getFormat("@"));
			CellStyle header = headerStyle(wb, false);
			CellStyle requiredHeader = headerStyle(wb, true);
			CellStyle example = wb.createCellStyle();
			example.cloneStyleFrom(text);
			Font grey = wb.createFont();
			grey.setColor(IndexedColors.GREY_50_PERCENT.getIndex());
			grey.setItalic(true);
			example.setFont(grey);

			Sheet roster = wb.createSheet(msg("import.template.sheet.roster", locale));
			Row head = roster.createRow(0);
			for (RosterColumn c : RosterColumn.ALL) {
				Cell cell = head.createCell(c.index());
				cell.setCellValue(c.header());
				cell.setCellStyle(c.required() ? requiredHeader : header);
				roster.setDefaultColumnStyle(c.index(), text);
				roster.setColumnWidth(c.index(), switch (c) {
					case ID_NUMBER -> 22 * 256;
					case REGION, GRID, PHONE, POSTS -> 18 * 256;
					case PARTY_MEMBER -> 16 * 256;
					default -> 12 * 256;
				});
			}
			Row sample = roster.createRow(1);
			for (int i = 0; i < EXAMPLE.size(); i++) {
				Cell cell = sample.createCell(i);
				cell.setCellValue(EXAMPLE.get(i));
				cell.setCellStyle(example);
			}
			roster.createFreezePane(0, 1);
			DataValidationHelper dv = roster.getDataValidationHelper();
			choice(roster, dv, RosterColumn.GENDER, "男", "女");
			choice(roster, dv, RosterColumn.PARTY_MEMBER, "是", "否");

			Sheet help = wb.createSheet(msg("import.template.sheet.help", locale));
			help.setColumnWidth(0, 20 * 256);
			help.setColumnWidth(1, 34 * 256);
			help.setColumnWidth(2, 90 * 256);
			int r = 0;
			help.createRow(r++).createCell(0).setCellValue(msg("import.template.title", locale));
			for (String key : List.of("import.template.note.required", "import.template.note.example",
					"import.template.note.update", "import.template.note.all")) {
				help.createRow(r++).createCell(0).setCellValue(msg(key, locale));
			}
			r++;
			Row cols = help.createRow(r++);
			headerCells(cols, header, msg("import.template.column", locale), msg("import.template.required", locale),
					msg("import.template.explanation", locale));
			for (RosterColumn c : RosterColumn.ALL) {
				Row row = help.createRow(r++);
				row.createCell(0).setCellValue(c.header());
				row.createCell(1).setCellValue(msg(c.required() ? "yes" : "no", locale));
				row.createCell(2).setCellValue(msg(c.helpKey(), locale));
			}
			r++;
			help.createRow(r++).createCell(0).setCellValue(msg("import.template.posts", locale));
			Row posts = help.createRow(r++);
			headerCells(posts, header, msg("import.template.postCode", locale), msg("import.template.postName", locale),
					msg("import.template.postAnchor", locale));
			for (PostType p : PostType.values()) {
				Row row = help.createRow(r++);
				row.createCell(0).setCellValue(p.name());
				row.createCell(1).setCellValue(messages.getMessage(p.messageKey(), null, p.name(), Locale.SIMPLIFIED_CHINESE));
				row.createCell(2).setCellValue(msg("import.template.anchor." + p.anchor().name(), locale));
			}
			wb.write(out);
		}
	}

	private static void choice(Sheet sheet, DataValidationHelper dv, RosterColumn column, String... values) {
		DataValidation v = dv.createValidation(dv.createExplicitListConstraint(values),
				new CellRangeAddressList(1, RosterValidator.MAX_ROWS + 1, column.index(), column.index()));
		v.setShowErrorBox(true);
		v.setSuppressDropDownArrow(true);
		sheet.addValidationData(v);
	}

	private static void headerCells(Row row, CellStyle style, String... texts) {
		for (int i = 0; i < texts.length; i++) {
			Cell cell = row.createCell(i);
			cell.setCellValue(texts[i]);
			cell.setCellStyle(style);
		}
	}

	private static CellStyle headerStyle(XSSFWorkbook wb, boolean required) {
		CellStyle s = wb.createCellStyle();
		Font f = wb.createFont();
		f.setBold(true);
		if (required) {
			f.setColor(IndexedColors.DARK_RED.getIndex());
		}
		s.setFont(f);
		s.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
		s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
		s.setBorderBottom(BorderStyle.THIN);
		s.setDataFormat(wb.createDataFormat().getFormat("@"));
		return s;
	}

	private String msg(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}
}
