package cn.grassroots.org;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.mock.web.MockMultipartFile;

/** Builds roster import files for tests. */
final class RosterFiles {

	static final List<String> HEADER = List.of("姓名*", "身份证号", "性别", "出生日期", "手机号码", "中共党员(是/否)", "区划代码*",
			"网格编号", "单位编号", "职务", "任职日期");

	static final String SHENGBAOSHE = "230102001001";
	static final String GRID_1 = "23010200100101";

	private RosterFiles() {
	}

	/** A row in template column order; missing trailing cells are blank. */
	static List<String> row(String name, String idNumber, String phone, String partyMember, String region, String grid,
			String unit, String posts) {
		return java.util.Arrays.asList(name, idNumber, "", "", phone, partyMember, region, grid, unit, posts, "");
	}

	static byte[] xlsx(List<String> header, List<List<String>> rows) throws IOException {
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = wb.createSheet("人员名册");
			write(sheet.createRow(0), header);
			for (int i = 0; i < rows.size(); i++) {
				write(sheet.createRow(i + 1), rows.get(i));
			}
			wb.write(out);
			return out.toByteArray();
		}
	}

	private static void write(Row row, List<String> cells) {
		for (int i = 0; i < cells.size(); i++) {
			String v = cells.get(i);
			if (v != null && !v.isEmpty()) {
				row.createCell(i).setCellValue(v);
			}
		}
	}

	static MockMultipartFile upload(byte[] content) {
		return new MockMultipartFile("file", "名册.xlsx",
				"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", content);
	}

	/** A valid ID number from a county of Harbin (or the given 6-digit area), born 2000–2012: no demo person has one. */
	static String idNumber(String area) {
		ThreadLocalRandom r = ThreadLocalRandom.current();
		LocalDate birth = LocalDate.of(2000 + r.nextInt(13), 1 + r.nextInt(12), 1 + r.nextInt(28));
		String first17 = area + "%04d%02d%02d".formatted(birth.getYear(), birth.getMonthValue(), birth.getDayOfMonth())
				+ "%03d".formatted(r.nextInt(1000));
		return first17 + IdNumbers.checkCharacter(first17);
	}

	static String idNumber() {
		return idNumber("230102");
	}

	/** A name nobody else in the roster has. */
	static String uniqueName(String prefix) {
		return prefix + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
	}
}
