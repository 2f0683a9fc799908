package cn.grassroots.surveys;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;
import cn.grassroots.Jobs;

/**
 * Responses out: a CSV export in the import's columns that imports again into a copy of the questionnaire,
 * an XLSX export with the same rows, both within the caller's scope; the analysis tables as XLSX.
 */
@IntegrationTest
class SurveyExportTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	long id;
	byte[] form;

	@BeforeEach
	void sixResponses() throws Exception {
		form = SurveyFixtures.analysisForm();
		id = SurveyFixtures.createQuestionnaire(mvc, "hlj-admin", form);
		String job = SurveyFixtures.importCsv(mvc, "hlj-admin", id,
				SurveyFixtures.sixResponses());
		assertThat((String) JsonPath.read(job, "$.state")).isEqualTo("SUCCEEDED");
	}

	byte[] export(String user, String format) throws Exception {
		String body = mvc.perform(post("/api/v1/surveys/" + id + "/exports").param("format", format).with(as(user)))
			.andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
		String job = Jobs.awaitFinished(mvc, user, Jobs.id(body, "$.jobId"));
		assertThat((String) JsonPath.read(job, "$.state")).isEqualTo("SUCCEEDED");
		String url = JsonPath.read(job, "$.resultUrl");
		return mvc.perform(get(url).with(as(user))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
	}

	@Test
	void theCsvExportHasTheImportColumnsAndImportsAgain() throws Exception {
		String csv = new String(export("hlj-admin", "csv"), StandardCharsets.UTF_8);
		List<String> lines = csv.lines().toList();
		assertThat(lines.get(0)).isEqualTo("\uFEFFtoken,role,region,submitted_at,satisfied,why,problems,top3,burden,years,suggestion,"
				+ "x_version,x_source");
		assertThat(lines).hasSize(7);
		// multiple choice and ranking as space-separated names in order, quotes doubled, times in China time
		assertThat(csv).contains(",GRID_WORKER,230102000000,2026-03-01T09:00+08:00,yes,,meetings reports,reports meetings apps,4,3,"
				+ "报表太多，会议也多,1,IMPORT");
		assertThat(csv).contains("\"说\"\"实话\"\"\"");
		assertThat(csv).contains(",RESIDENT,230203000000,2026-03-03T12:00+08:00,yes,,,,1,1,,1,IMPORT");

		// the same rows go into a copy of the questionnaire, and its statistics match the original's
		long copy = SurveyFixtures.createQuestionnaire(mvc, "hlj-admin", SurveyFixtures.analysisForm());
		String job = SurveyFixtures.importCsv(mvc, "hlj-admin", copy, csv);
		assertThat((String) JsonPath.read(job, "$.state")).as(job).isEqualTo("SUCCEEDED");
		assertThat(((Number) JsonPath.read(job, "$.rows")).longValue()).isEqualTo(6);
		String before = mvc.perform(get("/api/v1/surveys/" + id + "/statistics").with(as("hlj-admin")))
			.andReturn().getResponse().getContentAsString();
		String after = mvc.perform(get("/api/v1/surveys/" + copy + "/statistics").with(as("hlj-admin")))
			.andReturn().getResponse().getContentAsString();
		assertThat(after).isEqualTo(before);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'SURVEY_EXPORT' AND target_id = :id")
			.param("id", Long.toString(id)).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void theXlsxExportHoldsTheSameRowsAndACityOfficerGetsOnlyTheirCity() throws Exception {
		try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(export("hlj-admin", "xlsx")))) {
			Sheet s = wb.getSheetAt(0);
			assertThat(s.getLastRowNum()).isEqualTo(6);
			assertThat(s.getRow(0).getCell(6).getStringCellValue()).isEqualTo("problems");
			assertThat(s.getRow(1).getCell(6).getStringCellValue()).isEqualTo("meetings reports");
		}
		// harbin-admin (2301) sees rows 1–3 only
		String harbin = new String(export("harbin-admin", "csv"), StandardCharsets.UTF_8);
		assertThat(harbin.lines().skip(1).toList()).hasSize(3).allSatisfy(l -> assertThat(l).contains(",2301"));
	}

	@Test
	void outsideTheScopeNoExportIsQueued() throws Exception {
		mvc.perform(post("/api/v1/surveys/" + id + "/exports").param("format", "csv").with(as("nx-admin")))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/surveys/" + id + "/exports").param("format", "pdf").with(as("hlj-admin")))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/surveys/" + id + "/analysis.xlsx").with(as("nx-admin"))).andExpect(status().isForbidden());
		assertThat(jdbc.sql("SELECT COUNT(*) FROM job WHERE kind = 'SURVEY_EXPORT' AND parameters LIKE :p")
			.param("p", "%\"questionnaireId\":" + id + ",%").query(Long.class).single()).isZero();
	}

	@Test
	void theAnalysisTablesComeAsOneWorkbook() throws Exception {
		byte[] xlsx = mvc.perform(get("/api/v1/surveys/" + id + "/analysis.xlsx").param("row", "satisfied").param("col", "role")
			.with(as("harbin-admin"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			assertThat(wb.getNumberOfSheets()).isEqualTo(4);
			// summary: Harbin's 3 responses
			assertThat(wb.getSheetAt(0).getRow(1).getCell(1).getStringCellValue()).isEqualTo("3");
			// statistics: satisfied yes = 2 of 3 in Harbin
			Sheet st = wb.getSheetAt(1);
			assertThat(st.getRow(1).getCell(2).getStringCellValue()).isEqualTo("yes");
			assertThat(st.getRow(1).getCell(4).getNumericCellValue()).isEqualTo(2);
			// cross-tab satisfied × role: yes row, grid worker column = 1
			Sheet ct = wb.getSheetAt(3);
			assertThat(ct.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(1);
		}
	}
}
