package cn.grassroots.measures;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import cn.grassroots.IntegrationTest;

/** The measure list as XLSX: export, idempotent re-import matched by code, all-or-nothing rejection. */
@IntegrationTest
class MeasureListXlsxTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	MeasureFixtures fx;
	long mech;

	@BeforeEach
	void setUp() throws Exception {
		fx = new MeasureFixtures(mvc, jdbc);
		mech = fx.mechanism();
		fx.measure(mech, "X01", fx.civil, "2099-12-31", fx.police);
		fx.measure(mech, "{'code':'X02','title':'长期措施','kind':'LONG_TERM','startDate':'2026-01-01','dueDate':'2099-12-31',"
				+ "'reportCycle':'QUARTERLY','leadUnitId':" + fx.police + ",'targets':[{'periodLabel':'终期','periodEnd':'2099-12-31',"
				+ "'indicator':'覆盖率','baseline':0,'targetValue':100,'unit':'%'}]}");
	}

	private byte[] export() throws Exception {
		return mvc.perform(get("/api/v1/mechanisms/" + mech + "/measures/export").with(as("nx-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
	}

	private ResultActions importFile(byte[] xlsx) throws Exception {
		return mvc.perform(multipart("/api/v1/mechanisms/" + mech + "/measures/import")
			.file(new MockMultipartFile("file", "list.xlsx", "application/octet-stream", xlsx)).with(as("nx-admin")));
	}

	private interface Edit {
		void apply(Sheet sheet);
	}

	private static byte[] edit(byte[] xlsx, Edit edit) throws Exception {
		try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx)); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			edit.apply(wb.getSheetAt(0));
			wb.write(out);
			return out.toByteArray();
		}
	}

	private static Row row(Sheet sheet, String code) {
		for (Row r : sheet) {
			if (r.getCell(0) != null && code.equals(r.getCell(0).getStringCellValue())) {
				return r;
			}
		}
		throw new AssertionError("no row " + code);
	}

	private List<String> codes() {
		return jdbc.sql("SELECT code FROM measure WHERE mechanism_id = :m ORDER BY code").param("m", mech).query(String.class).list();
	}

	@Test
	void reImportingTheExportedListChangesNothing() throws Exception {
		byte[] xlsx = export();
		long audits = fx.count("SELECT COUNT(*) FROM audit_event WHERE action = 'MEASURE_LIST_IMPORT'");
		importFile(xlsx).andExpect(status().isOk())
			.andExpect(jsonPath("$.created").value(0)).andExpect(jsonPath("$.updated").value(0))
			.andExpect(jsonPath("$.unchanged").value(2)).andExpect(jsonPath("$.missing.length()").value(0));
		assertThat(fx.count("SELECT COUNT(*) FROM audit_event WHERE action = 'MEASURE_LIST_IMPORT'")).isEqualTo(audits);
	}

	@Test
	void rowsAreMatchedByCodeNewOnesCreatedAndMissingOnesKeptAndListed() throws Exception {
		byte[] changed = edit(export(), sheet -> {
			row(sheet, "X01").getCell(1).setCellValue("改名后的措施");
			Row x02 = row(sheet, "X02");
			Row fresh = sheet.createRow(sheet.getLastRowNum() + 1);
			for (int i = 0; i < 14; i++) {
				fresh.createCell(i).setCellValue(x02.getCell(i) == null ? "" : x02.getCell(i).getStringCellValue());
			}
			fresh.getCell(0).setCellValue("X03");
			fresh.getCell(11).setCellValue("X01");
			sheet.removeRow(x02);
		});
		importFile(changed).andExpect(status().isOk())
			.andExpect(jsonPath("$.created").value(1)).andExpect(jsonPath("$.updated").value(1))
			.andExpect(jsonPath("$.missing[0]").value("X02"));
		assertThat(codes()).containsExactly("X01", "X02", "X03");
		assertThat(jdbc.sql("SELECT title FROM measure WHERE mechanism_id = :m AND code = 'X01'").param("m", mech)
			.query(String.class).single()).isEqualTo("改名后的措施");
		assertThat(fx.count("SELECT COUNT(*) FROM measure c JOIN measure p ON p.id = c.parent_id WHERE c.code = 'X03' AND p.code = 'X01' AND c.mechanism_id = ?", mech))
			.isEqualTo(1);
		assertThat(fx.count("SELECT COUNT(*) FROM measure_target t JOIN measure m ON m.id = t.measure_id WHERE m.code = 'X03' AND m.mechanism_id = ?", mech))
			.isEqualTo(1);
		// the same file again is idempotent
		importFile(changed).andExpect(status().isOk())
			.andExpect(jsonPath("$.created").value(0)).andExpect(jsonPath("$.updated").value(0))
			.andExpect(jsonPath("$.unchanged").value(2));
	}

	@Test
	void oneBadRowRejectsTheWholeFileAndNothingChanges() throws Exception {
		byte[] bad = edit(export(), sheet -> {
			row(sheet, "X01").getCell(1).setCellValue("不应写入");
			row(sheet, "X02").getCell(6).setCellValue("2099-13-45");
			row(sheet, "X02").getCell(3).setCellValue("NO-SUCH-UNIT");
		});
		importFile(bad).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("rows[3].dueDate")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("rows[3].leadUnit")));
		assertThat(jdbc.sql("SELECT title FROM measure WHERE mechanism_id = :m AND code = 'X01'").param("m", mech)
			.query(String.class).single()).isEqualTo("措施X01");
		byte[] loop = edit(export(), sheet -> {
			row(sheet, "X01").getCell(11).setCellValue("X02");
			row(sheet, "X02").getCell(11).setCellValue("X01");
		});
		importFile(loop).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("rows[2].parentCode"));
		importFile("not a workbook".getBytes()).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("file"));
		mvc.perform(multipart("/api/v1/mechanisms/" + mech + "/measures/import")
			.file(new MockMultipartFile("file", "list.xlsx", "application/octet-stream", export())).with(as("nx-civil")))
			.andExpect(status().isForbidden());
		assertThat(codes()).containsExactly("X01", "X02");
	}
}
