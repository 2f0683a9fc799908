package cn.grassroots.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import cn.grassroots.org.IdNumbers;

/** The roster import as an officer does it: upload, read the preview, commit, find the people. */
class RosterImportBrowserTests extends BrowserTest {

	private static final List<String> HEADER = List.of("姓名*", "身份证号", "性别", "出生日期", "手机号码", "中共党员(是/否)",
			"区划代码*", "网格编号", "单位编号", "职务", "任职日期");

	private static String idNumber() {
		ThreadLocalRandom r = ThreadLocalRandom.current();
		String first17 = "230102" + (2001 + r.nextInt(10)) + "%02d%02d".formatted(1 + r.nextInt(12), 1 + r.nextInt(28))
				+ "%03d".formatted(r.nextInt(1000));
		return first17 + IdNumbers.checkCharacter(first17);
	}

	private static String wrongCheck(String id) {
		char wrong = id.charAt(17) == '0' ? '1' : '0';
		return id.substring(0, 17) + wrong;
	}

	private static Path xlsx(List<List<String>> rows) throws IOException {
		Path file = Files.createTempFile("roster", ".xlsx");
		try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
			Sheet sheet = wb.createSheet("人员名册");
			for (int i = 0; i <= rows.size(); i++) {
				List<String> cells = i == 0 ? HEADER : rows.get(i - 1);
				Row row = sheet.createRow(i);
				for (int c = 0; c < cells.size(); c++) {
					if (!cells.get(c).isEmpty()) {
						row.createCell(c).setCellValue(cells.get(c));
					}
				}
			}
			wb.write(out);
		}
		return file;
	}

	private static List<String> row(String name, String id, String region, String posts) {
		return List.of(name, id, "", "", "13800138000", "是", region, "", "", posts, "");
	}

	@Test
	void aFileWithABadRowIsShownAndNothingIsWritten() throws IOException {
		String tag = Long.toString(System.nanoTime() % 100000);
		Path file = xlsx(List.of(row("导入甲" + tag, idNumber(), "230102001001", "社区工作者"),
				row("导入乙" + tag, wrongCheck(idNumber()), "230102001001", "")));
		logIn("harbin-admin");
		page.navigate(url("/people/import"));
		page.setInputFiles("#file", file);
		page.click("[data-testid=import-form] button[type=submit]");
		assertThat(page.locator("[data-testid=import-bad]")).hasText("1");
		assertThat(page.locator("[data-testid=import-errors]")).containsText("3");
		assertThat(page.locator("[data-testid=import-commit]")).hasCount(0);
		screenshot("import-preview-errors");
		page.navigate(url("/people?name=" + tag));
		assertThat(page.locator("[data-testid=people-results]")).not().containsText("导入甲" + tag);
	}

	@Test
	void aGoodFileIsCommittedAsAJobAndThePeopleAppear() throws IOException {
		String tag = Long.toString(System.nanoTime() % 100000);
		Path file = xlsx(List.of(row("导入丙" + tag, idNumber(), "230102001001", "社区工作者"),
				row("导入丁" + tag, idNumber(), "230102001002", "")));
		logIn("harbin-admin");
		page.navigate(url("/people"));
		page.click("a[href$='/people/import']");
		page.setInputFiles("#file", file);
		page.click("[data-testid=import-form] button[type=submit]");
		assertThat(page.locator("[data-testid=import-create]")).hasText("2");
		screenshot("import-preview");
		page.click("[data-testid=import-commit]");
		assertThat(page.locator("[data-testid=job-state]")).hasText("已完成", new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(30_000));
		page.navigate(url("/people?name=" + tag));
		assertThat(page.locator("[data-testid=people-results] tbody tr")).hasCount(2);
	}
}
