package cn.grassroots.surveys.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import javax.imageio.ImageIO;

import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.Drawing;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;

/**
 * The download of newly made links: one row per link (role, region, person, link), with a QR code
 * beside each while the list is short enough to print (QR images for tens of thousands of rows
 * would make a file nobody prints). Streamed through SXSSF, so 50,000 rows stay small in memory.
 */
public final class LinkSheet {

	/** Up to this many links get a QR code image. */
	public static final int QR_LIMIT = 2_000;

	private LinkSheet() {
	}

	/** {@code headers}: the column titles (localised by the caller); {@code roleNames} the role labels by code. */
	public static byte[] write(List<DistributionService.GeneratedLink> links, String answerBaseUrl, List<String> headers,
			java.util.function.Function<RespondentRole, String> roleNames) {
		boolean qr = links.size() <= QR_LIMIT;
		try (SXSSFWorkbook wb = new SXSSFWorkbook(200); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = wb.createSheet("links");
			Row head = sheet.createRow(0);
			for (int i = 0; i < headers.size(); i++) {
				head.createCell(i).setCellValue(headers.get(i));
			}
			sheet.setColumnWidth(0, 8 * 256);
			sheet.setColumnWidth(1, 14 * 256);
			sheet.setColumnWidth(2, 24 * 256);
			sheet.setColumnWidth(3, 12 * 256);
			sheet.setColumnWidth(4, 70 * 256);
			sheet.setColumnWidth(5, 16 * 256);
			Drawing<?> drawing = qr ? sheet.createDrawingPatriarch() : null;
			int r = 1;
			for (DistributionService.GeneratedLink l : links) {
				Row row = sheet.createRow(r);
				String url = answerBaseUrl + l.token();
				row.createCell(0).setCellValue(r);
				row.createCell(1).setCellValue(roleNames.apply(l.role()));
				row.createCell(2).setCellValue(l.regionName());
				row.createCell(3).setCellValue(l.personName() == null ? "" : l.personName());
				row.createCell(4).setCellValue(url);
				if (qr) {
					qrCode(wb, drawing, row, 5, url);
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

	/** The link's QR code as a picture in the row's cell at column, the row made tall enough to scan it. */
	static void qrCode(Workbook wb, Drawing<?> drawing, Row row, int column, String url) {
		row.setHeightInPoints(90);
		int picture = wb.addPicture(png(url), Workbook.PICTURE_TYPE_PNG);
		ClientAnchor anchor = wb.getCreationHelper().createClientAnchor();
		anchor.setCol1(column);
		anchor.setRow1(row.getRowNum());
		anchor.setCol2(column + 1);
		anchor.setRow2(row.getRowNum() + 1);
		drawing.createPicture(anchor, picture);
	}

	static byte[] png(String text) {
		try {
			BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 160, 160);
			BufferedImage img = new BufferedImage(m.getWidth(), m.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
			for (int y = 0; y < m.getHeight(); y++) {
				for (int x = 0; x < m.getWidth(); x++) {
					img.setRGB(x, y, m.get(x, y) ? 0x000000 : 0xFFFFFF);
				}
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ImageIO.write(img, "png", out);
			return out.toByteArray();
		}
		catch (WriterException | IOException e) {
			throw new IllegalStateException(e);
		}
	}
}
