package cn.grassroots.surveys;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;
import cn.grassroots.Jobs;

/**
 * Version 2 of a questionnaire drops the multiple choice "issues" and adds the scale "burden"; two
 * responses were given against version 1 and one against version 2. Both exports carry every question
 * that ever existed: the current ones in order, then issues as x_removed_issues with the answers
 * version 1 gave it; cell by cell in CSV and XLSX; and the CSV imports into a questionnaire of
 * version 2's questions, the removed column ignored.
 */
@IntegrationTest
class VersionedExportTests {

	static final List<String> HEADER = List.of("token", "role", "region", "submitted_at", "satisfied", "note", "years", "burden",
			"x_removed_issues", "x_version", "x_source");

	/** The export's rows come region by region, whatever the order the responses arrived in. */
	static final List<List<String>> ROWS = List.of(
			List.of("", "GRID_WORKER", "230102000000", "2026-03-01T09:00+08:00", "yes", "说,实话", "3", "", "meetings reports", "1",
					"IMPORT"),
			List.of("", "COMMUNITY_SECRETARY", "230103000000", "2026-03-03T11:00+08:00", "yes", "新题", "5", "4", "", "2",
					"IMPORT"),
			List.of("", "RESIDENT", "230202000000", "2026-03-02T10:00+08:00", "no", "", "", "", "", "1", "IMPORT"));

	@Autowired
	MockMvc mvc;

	long id;
	String formId;

	private static String[] r(String... cells) {
		return cells;
	}

	static byte[] version1(String formId) {
		return XlsformFiles.form()
			.sheet("survey", r("type", "name", "label", "required"),
					r("select_one yesno", "satisfied", "是否满意", "yes"),
					r("select_multiple issues", "issues", "存在的问题"),
					r("text", "note", "说明"),
					r("integer", "years", "工作年数"))
			.sheet("choices", r("list_name", "name", "label"), r("yesno", "yes", "是"), r("yesno", "no", "否"),
					r("issues", "meetings", "会议多"), r("issues", "reports", "报表多"), r("issues", "apps", "政务APP多"))
			.sheet("settings", r("form_id", "form_title"), r(formId, "满意度（一）"))
			.bytes();
	}

	static byte[] version2(String formId) {
		return XlsformFiles.form()
			.sheet("survey", r("type", "name", "label", "required", "parameters"),
					r("select_one yesno", "satisfied", "是否满意", "yes"),
					r("text", "note", "说明"),
					r("integer", "years", "工作年数"),
					r("range", "burden", "负担（1–5）", null, "start=1 end=5"))
			.sheet("choices", r("list_name", "name", "label"), r("yesno", "yes", "是"), r("yesno", "no", "否"))
			.sheet("settings", r("form_id", "form_title"), r(formId, "满意度（二）"))
			.bytes();
	}

	@BeforeEach
	void twoResponsesOnVersionOneAndOneOnVersionTwo() throws Exception {
		formId = "v" + UUID.randomUUID().toString().substring(0, 8);
		id = SurveyFixtures.createQuestionnaire(mvc, "hlj-admin", version1(formId));
		String job = SurveyFixtures.importCsv(mvc, "hlj-admin", id, "token,role,region,submitted_at,satisfied,issues,note,years\r\n"
				+ ",GRID_WORKER,230102,2026-03-01T09:00:00+08:00,yes,meetings reports,\"说,实话\",3\r\n"
				+ ",RESIDENT,230202,2026-03-02T10:00:00+08:00,no,,,\r\n");
		assertThat((String) JsonPath.read(job, "$.state")).as(job).isEqualTo("SUCCEEDED");
		mvc.perform(multipart(HttpMethod.PUT, "/api/v1/surveys/" + id + "/xlsform")
			.file(new MockMultipartFile("file", "form.xlsx", SurveyFixtures.XLSX, version2(formId))).with(as("hlj-admin")))
			.andExpect(status().isOk()).andExpect(jsonPath("$.version").value(2));
		job = SurveyFixtures.importCsv(mvc, "hlj-admin", id, "token,role,region,submitted_at,satisfied,note,years,burden\r\n"
				+ ",COMMUNITY_SECRETARY,230103,2026-03-03T11:00:00+08:00,yes,新题,5,4\r\n");
		assertThat((String) JsonPath.read(job, "$.state")).as(job).isEqualTo("SUCCEEDED");
	}

	byte[] export(String format) throws Exception {
		String body = mvc.perform(post("/api/v1/surveys/" + id + "/exports").param("format", format).with(as("hlj-admin")))
			.andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
		String job = Jobs.awaitFinished(mvc, "hlj-admin", Jobs.id(body, "$.jobId"));
		assertThat((String) JsonPath.read(job, "$.state")).isEqualTo("SUCCEEDED");
		String url = JsonPath.read(job, "$.resultUrl");
		return mvc.perform(get(url).with(as("hlj-admin"))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsByteArray();
	}

	/** RFC 4180 lines into cells (quoted fields with doubled quotes; no line breaks inside fields here). */
	static List<List<String>> parseCsv(String csv) {
		List<List<String>> rows = new ArrayList<>();
		for (String line : csv.split("\r\n")) {
			List<String> cells = new ArrayList<>();
			StringBuilder cell = new StringBuilder();
			boolean quoted = false;
			for (int i = 0; i < line.length(); i++) {
				char c = line.charAt(i);
				if (quoted) {
					if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
						cell.append('"');
						i++;
					}
					else if (c == '"') {
						quoted = false;
					}
					else {
						cell.append(c);
					}
				}
				else if (c == '"') {
					quoted = true;
				}
				else if (c == ',') {
					cells.add(cell.toString());
					cell.setLength(0);
				}
				else {
					cell.append(c);
				}
			}
			cells.add(cell.toString());
			rows.add(cells);
		}
		return rows;
	}

	@Test
	void theCsvCarriesTheRemovedQuestionAndImportsIntoTheCurrentQuestions() throws Exception {
		String csv = new String(export("csv"), StandardCharsets.UTF_8);
		assertThat(csv).startsWith("\uFEFF").endsWith("\r\n");
		List<List<String>> rows = parseCsv(csv.substring(1));
		assertThat(rows).hasSize(4);
		assertThat(rows.get(0)).containsExactlyElementsOf(HEADER);
		for (int r = 0; r < ROWS.size(); r++) {
			assertThat(rows.get(r + 1)).as("row " + (r + 1)).containsExactlyElementsOf(ROWS.get(r));
		}
		assertThat(csv).contains("\"说,实话\"");

		// a questionnaire of version 2's questions takes the file: x_removed_issues is ignored
		long copy = SurveyFixtures.createQuestionnaire(mvc, "hlj-admin", version2("c" + UUID.randomUUID().toString().substring(0, 8)));
		String job = SurveyFixtures.importCsv(mvc, "hlj-admin", copy, csv);
		assertThat((String) JsonPath.read(job, "$.state")).as(job).isEqualTo("SUCCEEDED");
		assertThat(((Number) JsonPath.read(job, "$.rows")).longValue()).isEqualTo(3);
		String again = new String(exportOf(copy), StandardCharsets.UTF_8);
		List<List<String>> copied = parseCsv(again.substring(1));
		assertThat(copied.get(0)).containsExactly("token", "role", "region", "submitted_at", "satisfied", "note", "years", "burden",
				"x_version", "x_source");
		assertThat(copied.get(1)).containsExactly("", "GRID_WORKER", "230102000000", "2026-03-01T09:00+08:00", "yes", "说,实话", "3",
				"", "1", "IMPORT");
	}

	byte[] exportOf(long questionnaire) throws Exception {
		long saved = id;
		id = questionnaire;
		try {
			return export("csv");
		}
		finally {
			id = saved;
		}
	}

	@Test
	void theXlsxHoldsTheSameCellsAndMarksTheRemovedColumn() throws Exception {
		try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(export("xlsx")))) {
			Sheet s = wb.getSheetAt(0);
			assertThat(s.getLastRowNum()).isEqualTo(3);
			DataFormatter f = new DataFormatter();
			List<List<String>> rows = new ArrayList<>();
			for (int r = 0; r <= 3; r++) {
				Row row = s.getRow(r);
				List<String> cells = new ArrayList<>();
				for (int c = 0; c < HEADER.size(); c++) {
					cells.add(row.getCell(c) == null ? "" : f.formatCellValue(row.getCell(c)));
				}
				rows.add(cells);
			}
			assertThat(rows.get(0)).containsExactlyElementsOf(HEADER);
			for (int r = 0; r < ROWS.size(); r++) {
				assertThat(rows.get(r + 1)).as("row " + (r + 1)).containsExactlyElementsOf(ROWS.get(r));
			}
			assertThat(s.getRow(0).getLastCellNum()).isEqualTo((short) HEADER.size());
			var removed = wb.getFontAt(s.getRow(0).getCell(8).getCellStyle().getFontIndex());
			var current = wb.getFontAt(s.getRow(0).getCell(7).getCellStyle().getFontIndex());
			assertThat(removed.getItalic()).isTrue();
			assertThat(current.getItalic()).isFalse();
		}
	}
}
