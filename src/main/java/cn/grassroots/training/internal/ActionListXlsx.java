package cn.grassroots.training.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Service;

import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.Region;

/**
 * A seminar's achievement-conversion lists as one XLSX sheet: a row per measure with its group,
 * facilitator, owner, community, deadline, expected result and whether the list is adopted.
 */
@Service
public class ActionListXlsx {

	private static final String[] HEADERS = { "小组", "引导员", "清单状态", "序号", "具体措施", "责任人", "社区", "完成时限", "预期成效" };

	private final SeminarService seminars;
	private final OrgDirectory org;

	ActionListXlsx(SeminarService seminars, OrgDirectory org) {
		this.seminars = seminars;
		this.org = org;
	}

	public byte[] export(long seminarId) {
		SeminarService.Seminar s = seminars.get(seminarId);
		List<SeminarService.Group> groups = seminars.groups(seminarId);
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = wb.createSheet("成果转化清单");
			CellStyle bold = wb.createCellStyle();
			Font font = wb.createFont();
			font.setBold(true);
			bold.setFont(font);
			Row title = sheet.createRow(0);
			title.createCell(0).setCellValue(s.classroomName() + " · 研讨课：" + s.topic() + "（" + s.heldOn() + "）");
			title.getCell(0).setCellStyle(bold);
			Row header = sheet.createRow(1);
			for (int i = 0; i < HEADERS.length; i++) {
				header.createCell(i).setCellValue(HEADERS[i]);
				header.getCell(i).setCellStyle(bold);
			}
			int r = 2;
			for (SeminarService.Group g : groups) {
				int n = 1;
				for (SeminarService.Item item : g.items()) {
					Row row = sheet.createRow(r++);
					row.createCell(0).setCellValue(g.name());
					row.createCell(1).setCellValue(g.facilitatorName());
					row.createCell(2).setCellValue(g.listStatus() == ActionListStatus.ADOPTED ? "已通过" : "草稿");
					row.createCell(3).setCellValue(n++);
					row.createCell(4).setCellValue(item.title());
					row.createCell(5).setCellValue(item.ownerName());
					row.createCell(6).setCellValue(org.region(item.communityCode()).map(Region::name)
						.orElse(Long.toString(item.communityCode())));
					row.createCell(7).setCellValue(item.deadline().toString());
					row.createCell(8).setCellValue(item.expectedResult());
				}
			}
			int[] widths = { 14, 10, 10, 6, 40, 10, 24, 12, 40 };
			for (int i = 0; i < widths.length; i++) {
				sheet.setColumnWidth(i, widths[i] * 256);
			}
			wb.write(out);
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
