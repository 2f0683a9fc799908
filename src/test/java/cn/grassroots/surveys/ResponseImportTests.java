package cn.grassroots.surveys;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;

@IntegrationTest
class ResponseImportTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	long responses(long id) {
		return jdbc.sql("SELECT COUNT(*) FROM survey_response WHERE questionnaire_id = :q").param("q", id).query(Long.class).single();
	}

	@Test
	void aValidCsvGoesInWhole() throws Exception {
		long id = SurveyFixtures.createQuestionnaire(mvc, "hlj-admin", SurveyFixtures.analysisForm());
		String job = SurveyFixtures.importCsv(mvc, "hlj-admin", id, SurveyFixtures.sixResponses());
		assertThat((String) JsonPath.read(job, "$.state")).isEqualTo("SUCCEEDED");
		assertThat(((Number) JsonPath.read(job, "$.rows")).longValue()).isEqualTo(6);
		assertThat(((Number) JsonPath.read(job, "$.progress")).doubleValue()).isEqualTo(1.0);
		assertThat(JsonPath.<List<?>>read(job, "$.errors")).isEmpty();
		assertThat(responses(id)).isEqualTo(6);
		// roles by code or Chinese name, regions short or 12-digit, times as given (a date or local time is China time)
		List<Map<String, Object>> rows = jdbc.sql("""
				SELECT role, region_code, source FROM survey_response WHERE questionnaire_id = :q ORDER BY id""")
			.param("q", id).query().listOfRows();
		assertThat(rows).extracting(r -> r.get("role") + "@" + r.get("region_code"))
			.containsExactly("GRID_WORKER@230102000000", "GRID_WORKER@230103001000", "COMMUNITY_SECRETARY@230102001001",
					"COMMUNITY_SECRETARY@230202000000", "RESIDENT@230203000000", "GRID_WORKER@230202000000");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM survey_response WHERE questionnaire_id = :q AND token IS NULL")
			.param("q", id).query(Long.class).single()).isEqualTo(6);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'SURVEY_IMPORT' AND target_id = :id")
			.param("id", Long.toString(id)).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void everyBadRowIsReportedAndNothingGoesIn() throws Exception {
		long id = SurveyFixtures.createQuestionnaire(mvc, "hlj-admin", SurveyFixtures.analysisForm());
		assertThat((String) JsonPath.read(SurveyFixtures.importCsv(mvc, "hlj-admin", id, SurveyFixtures.sixResponses()),
				"$.state")).isEqualTo("SUCCEEDED");
		String csv = SurveyFixtures.HEADER + "\n"
				+ ",GRID_WORKER,230102,2026-03-01T09:00:00+08:00,yes,,meetings,,4,3,,\n" // fine
				+ ",MAYOR,230102,2026-03-01T09:00:00+08:00,yes,,,,4,,,\n" // role
				+ ",GRID_WORKER,640104,2026-03-01T09:00:00+08:00,yes,,,,4,,,\n" // Ningxia: outside the scope
				+ ",GRID_WORKER,999999,2026-03-01T09:00:00+08:00,yes,,,,4,,,\n" // no such region
				+ ",GRID_WORKER,230102,yesterday,yes,,,,4,,,\n" // time
				+ ",GRID_WORKER,230102,2026-03-01,,,,,4,,,\n" // required missing
				+ ",GRID_WORKER,230102,2026-03-01,yes,因为,,,4,,,\n" // hidden answered
				+ ",GRID_WORKER,230102,2026-03-01,no,,parking,,4,,,\n" // not offered
				+ ",GRID_WORKER,230102,2026-03-01,no,,,,6,,,\n" // scale out of range
				+ "n1,GRID_WORKER,230102,2026-03-01,no,,,,5,,,\n"; // not a link's token (ResponseImportTokenTests has the rest)
		String job = SurveyFixtures.importCsv(mvc, "hlj-admin", id, csv);
		assertThat((String) JsonPath.read(job, "$.state")).isEqualTo("FAILED");
		List<String> errors = JsonPath.<List<Map<String, Object>>>read(job, "$.errors").stream()
			.map(e -> e.get("row") + ":" + e.get("column")).toList();
		assertThat(errors).containsExactlyInAnyOrder("3:role", "4:region", "5:region", "6:submitted_at", "7:satisfied",
				"8:why", "9:problems", "10:burden", "11:token");
		assertThat(JsonPath.<List<String>>read(job, "$.errors[?(@.row == 4)].message")).containsExactly("区划“640104”不在您的导入范围内");
		assertThat(responses(id)).isEqualTo(6);
	}

	@Test
	void anUnknownColumnRejectsTheWholeFile() throws Exception {
		long id = SurveyFixtures.createQuestionnaire(mvc, "hlj-admin", SurveyFixtures.analysisForm());
		String job = SurveyFixtures.importCsv(mvc, "hlj-admin", id,
				"role,region,submitted_at,satisfied,burden,age\nGRID_WORKER,230102,2026-03-01,yes,3,40\n");
		assertThat((String) JsonPath.read(job, "$.state")).isEqualTo("FAILED");
		assertThat(JsonPath.<List<String>>read(job, "$.errors[*].column")).containsExactly("age");
		assertThat(JsonPath.<List<Integer>>read(job, "$.errors[*].row")).containsExactly(1);
		job = SurveyFixtures.importCsv(mvc, "hlj-admin", id, "region,satisfied\n230102,yes\n");
		assertThat(JsonPath.<List<String>>read(job, "$.errors[*].column")).containsExactlyInAnyOrder("role", "submitted_at");
		job = SurveyFixtures.importCsv(mvc, "hlj-admin", id, "role,region,submitted_at,satisfied,burden\nGRID_WORKER,\"230102,yes\n");
		assertThat((String) JsonPath.read(job, "$.state")).isEqualTo("FAILED");
		assertThat(responses(id)).isZero();
	}

	@Test
	void anXlsxIsReadRowByRow() throws Exception {
		long id = SurveyFixtures.createQuestionnaire(mvc, "hlj-admin", SurveyFixtures.analysisForm());
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (SXSSFWorkbook wb = new SXSSFWorkbook(100)) {
			Sheet s = wb.createSheet("responses");
			String[] header = { "role", "region", "submitted_at", "satisfied", "problems", "burden", "years" };
			Row h = s.createRow(0);
			for (int i = 0; i < header.length; i++) {
				h.createCell(i).setCellValue(header[i]);
			}
			for (int r = 1; r <= 250; r++) {
				Row row = s.createRow(r);
				row.createCell(0).setCellValue(r % 2 == 0 ? "网格员" : "RESIDENT");
				row.createCell(1).setCellValue(230102); // a number cell, as Excel stores codes
				row.createCell(2).setCellValue("2026-03-01T09:00:00+08:00");
				row.createCell(3).setCellValue(r % 5 == 0 ? "no" : "yes");
				row.createCell(4).setCellValue("meetings apps");
				row.createCell(5).setCellValue(r % 5 + 1);
				row.createCell(6).setCellValue(r);
			}
			wb.write(out);
		}
		String job = SurveyFixtures.importFile(mvc, "hlj-admin", id, "responses.xlsx", out.toByteArray());
		assertThat((String) JsonPath.read(job, "$.state")).as(job).isEqualTo("SUCCEEDED");
		assertThat(responses(id)).isEqualTo(250);
	}

	@Test
	void outsideTheScopeNothingIsImported() throws Exception {
		long id = SurveyFixtures.createQuestionnaire(mvc, "hlj-admin", SurveyFixtures.analysisForm());
		mvc.perform(multipart("/api/v1/surveys/" + id + "/imports")
			.file(new MockMultipartFile("file", "r.csv", "text/csv", SurveyFixtures.sixResponses().getBytes()))
			.with(as("nx-admin"))).andExpect(status().isForbidden());
		mvc.perform(multipart("/api/v1/surveys/" + id + "/imports")
			.file(new MockMultipartFile("file", "r.csv", "text/csv", SurveyFixtures.sixResponses().getBytes()))
			.with(as("hlj-grid"))).andExpect(status().isForbidden());
		// a city officer may import, but only their city's rows
		String job = SurveyFixtures.importCsv(mvc, "harbin-admin", id, SurveyFixtures.sixResponses());
		assertThat((String) JsonPath.read(job, "$.state")).isEqualTo("FAILED");
		assertThat(JsonPath.<List<String>>read(job, "$.errors[*].column")).containsExactly("region", "region", "region");
		assertThat(responses(id)).isZero();
	}
}
