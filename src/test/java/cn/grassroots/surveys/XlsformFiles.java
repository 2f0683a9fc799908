package cn.grassroots.surveys;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Builds XLSForm workbooks for tests: one String[][] per sheet, first row the header. */
public final class XlsformFiles {

	private final Map<String, String[][]> sheets = new LinkedHashMap<>();

	public static XlsformFiles form() {
		return new XlsformFiles();
	}

	public XlsformFiles sheet(String name, String[]... rows) {
		sheets.put(name, rows);
		return this;
	}

	public byte[] bytes() {
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			sheets.forEach((name, rows) -> {
				Sheet s = wb.createSheet(name);
				for (int r = 0; r < rows.length; r++) {
					Row row = s.createRow(r);
					for (int c = 0; c < rows[r].length; c++) {
						if (rows[r][c] != null) {
							row.createCell(c).setCellValue(rows[r][c]);
						}
					}
				}
			});
			wb.write(out);
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	static String[] r(String... cells) {
		return cells;
	}

	/**
	 * A questionnaire with every question type, a section shown by skip logic, a choice filter,
	 * a ranking and English labels.
	 */
	public static XlsformFiles everyType(String formId) {
		return form()
			.sheet("survey",
					r("type", "name", "label::Chinese (zh)", "label::English (en)", "hint::Chinese (zh)", "required", "relevant",
							"choice_filter", "appearance", "parameters", "x_top", "x_min", "x_max", "x_note"),
					r("begin_group", "basic", "基本情况", "About you"),
					r("select_one positions", "position", "您的身份", "Your role", null, "yes"),
					r("select_one cities", "city", "所在市", "City", null, "yes"),
					r("select_one counties", "county", "所在县区", "County", null, "no", null, "parent=${city}"),
					r("integer", "years", "从事基层工作年数", "Years in grassroots work", "填整数", "yes", null, null, null, null, null,
							"0", "60"),
					r("date", "since", "任职日期", "In post since"),
					r("end_group", "basic"),
					r("begin_group", "grid", "网格工作", "Grid work", null, null, "${position} = 'grid_worker'"),
					r("select_multiple problems", "problems", "网格工作中的主要问题", "Main problems in grid work", null, "yes"),
					r("rank problems", "top3", "最突出的三个问题", "The three worst problems", null, null, null, null, null, null, "3"),
					r("range", "burden", "工作负担（1–5）", "Burden (1–5)", null, "yes", null, null, null, "start=1 end=5 step=1"),
					r("end_group", "grid"),
					r("text", "suggestion", "您的建议", "Your suggestion"),
					r("text", "detail", "请说明其他问题", "Describe the other problem", null, "yes", "selected(${problems}, 'other')",
							null, "multiline"),
					r("decimal", "hours", "每周加班小时数", "Overtime hours a week"),
					r("select_one_region", "home", "居住地", "Where you live", null, null, null, null, null, null, null, null, null,
							"keep"),
					r("select_one yesno", "trained", "是否参加过培训", "Trained before", null, "yes",
							"not(${years} < 1) and ${position} != 'resident'"))
			.sheet("choices",
					r("list_name", "name", "label::Chinese (zh)", "label::English (en)", "parent"),
					r("positions", "grid_worker", "网格员", "Grid worker"),
					r("positions", "resident", "居民代表", "Resident representative"),
					r("positions", "secretary", "社区书记", "Community secretary"),
					r("cities", "harbin", "哈尔滨市", "Harbin"),
					r("cities", "qiqihar", "齐齐哈尔市", "Qiqihar"),
					r("counties", "daoli", "道里区", "Daoli", "harbin"),
					r("counties", "nangang", "南岗区", "Nangang", "harbin"),
					r("counties", "longsha", "龙沙区", "Longsha", "qiqihar"),
					r("problems", "meetings", "会议多", "Too many meetings"),
					r("problems", "reports", "报表多", "Too many reports"),
					r("problems", "apps", "政务APP多", "Too many apps"),
					r("problems", "staff", "人手不足", "Too few staff"),
					r("problems", "other", "其他", "Other"),
					r("yesno", "yes", "是", "Yes"),
					r("yesno", "no", "否", "No"))
			.sheet("settings",
					r("form_title", "x_title_en", "form_id", "version", "default_language", "x_audience"),
					r("网格工作调查", "Grid work survey", formId, "2026-1", "zh", "grid"));
	}
}
