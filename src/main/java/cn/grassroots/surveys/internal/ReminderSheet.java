package cn.grassroots.surveys.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

import org.apache.poi.ss.usermodel.Drawing;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The workbook of a reminder round, handed to the grid and community officers who chase: one row
 * per link still not answered — role, region, the person's name and masked phone (named links), the
 * link and its QR code (while the list is short enough to print, as {@link LinkSheet}), how many
 * rounds have reminded it, the last one, and whether the respondent has started. Streamed (SXSSF).
 */
public final class ReminderSheet {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private ReminderSheet() {
	}

	/**
	 * {@code headers}: the ten column titles (localised by the caller); {@code noLink}: the text for a
	 * link that cannot be shown again; {@code yes}/{@code no} for the started column.
	 */
	public static byte[] write(List<ReminderService.SheetLine> lines, String answerBaseUrl, List<String> headers,
			Function<RespondentRole, String> roleNames, String noLink, String yes, String no, ZoneId zone) {
		boolean qr = lines.size() <= LinkSheet.QR_LIMIT;
		try (SXSSFWorkbook wb = new SXSSFWorkbook(200); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = wb.createSheet("reminders");
			Row head = sheet.createRow(0);
			for (int i = 0; i < headers.size(); i++) {
				head.createCell(i).setCellValue(headers.get(i));
			}
			int[] widths = { 8, 14, 24, 12, 16, 70, 16, 10, 18, 10 };
			for (int i = 0; i < widths.length; i++) {
				sheet.setColumnWidth(i, widths[i] * 256);
			}
			Drawing<?> drawing = qr ? sheet.createDrawingPatriarch() : null;
			int r = 1;
			for (ReminderService.SheetLine l : lines) {
				Row row = sheet.createRow(r);
				String url = l.token() == null ? null : answerBaseUrl + l.token();
				row.createCell(0).setCellValue(r);
				row.createCell(1).setCellValue(roleNames.apply(l.role()));
				row.createCell(2).setCellValue(l.regionName());
				row.createCell(3).setCellValue(l.personName() == null ? "" : l.personName());
				row.createCell(4).setCellValue(l.phone() == null ? "" : l.phone());
				row.createCell(5).setCellValue(url == null ? noLink : url);
				row.createCell(7).setCellValue(l.reminders());
				row.createCell(8).setCellValue(l.remindedAt() == null ? "" : TIME.format(l.remindedAt().atZone(zone)));
				row.createCell(9).setCellValue(l.started() ? yes : no);
				if (qr && url != null) {
					LinkSheet.qrCode(wb, drawing, row, 6, url);
				}
				r++;
			}
			wb.write(out);
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
