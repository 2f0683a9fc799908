package cn.grassroots.training.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/** Plain XLSX tables for the training lists and dashboards: a bold header row, then one row per line. */
public final class TrainingXlsx {

	/** One sheet: its name, headers and rows (String, Number, LocalDate, Boolean or null cells). */
	public record Table(String name, List<String> headers, List<List<Object>> rows) {
	}

	private TrainingXlsx() {
	}

	public static byte[] write(List<Table> tables) {
		try (SXSSFWorkbook wb = new SXSSFWorkbook(200); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			CellStyle bold = wb.createCellStyle();
			Font font = wb.createFont();
			font.setBold(true);
			bold.setFont(font);
			for (Table t : tables) {
				Sheet sheet = wb.createSheet(t.name());
				Row head = sheet.createRow(0);
				for (int i = 0; i < t.headers().size(); i++) {
					head.createCell(i).setCellValue(t.headers().get(i));
					head.getCell(i).setCellStyle(bold);
				}
				int r = 1;
				for (List<Object> line : t.rows()) {
					Row row = sheet.createRow(r++);
					for (int i = 0; i < line.size(); i++) {
						Object v = line.get(i);
						if (v == null) {
							continue;
						}
						if (v instanceof BigDecimal d) {
							row.createCell(i).setCellValue(d.doubleValue());
						}
						else if (v instanceof Number n) {
							row.createCell(i).setCellValue(n.doubleValue());
						}
						else if (v instanceof Boolean b) {
							row.createCell(i).setCellValue(b ? "是" : "否");
						}
						else if (v instanceof LocalDate d) {
							row.createCell(i).setCellValue(d.toString());
						}
						else {
							row.createCell(i).setCellValue(v.toString());
						}
					}
				}
			}
			wb.write(out);
			wb.dispose();
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
