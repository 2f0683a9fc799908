package cn.grassroots.org;

import static cn.grassroots.Api.as;
import static cn.grassroots.org.RosterFiles.GRID_1;
import static cn.grassroots.org.RosterFiles.HEADER;
import static cn.grassroots.org.RosterFiles.SHENGBAOSHE;
import static cn.grassroots.org.RosterFiles.idNumber;
import static cn.grassroots.org.RosterFiles.row;
import static cn.grassroots.org.RosterFiles.uniqueName;
import static cn.grassroots.org.RosterFiles.upload;
import static cn.grassroots.org.RosterFiles.xlsx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;
import cn.grassroots.Jobs;

@IntegrationTest
class RosterImportTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	private String uploadAs(String username, byte[] file) throws Exception {
		return mvc.perform(multipart("/api/v1/people/imports").file(upload(file)).with(as(username)))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private long people() {
		return jdbc.sql("SELECT COUNT(*) FROM person").query(Long.class).single();
	}

	private long peopleNamed(String name) {
		return jdbc.sql("SELECT COUNT(*) FROM person WHERE name = :n").param("n", name).query(Long.class).single();
	}

	/** The row errors of an import body as "row/column" pairs. */
	private static List<String> rowColumns(String body) {
		List<Map<String, Object>> errors = JsonPath.read(body, "$.errors");
		return errors.stream().map(e -> e.get("row") + "/" + e.get("column")).toList();
	}

	private long createPerson(String username, String name, String region, String idNumber, String phone) throws Exception {
		String body = mvc.perform(post("/api/v1/people").with(as(username)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"" + name + "\",\"regionCode\":\"" + region + "\",\"idNumber\":\"" + idNumber
					+ "\",\"phone\":\"" + phone + "\"}"))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		return Jobs.id(body, "$.id");
	}

	@Test
	void aFileWithBadRowsWritesNothingAndReportsEveryBadRow() throws Exception {
		String good = uniqueName("好");
		String goodId = idNumber();
		String valid = idNumber();
		String badCheckDigit = valid.substring(0, 17) + (valid.charAt(17) == '0' ? '1' : '0');
		List<List<String>> rows = List.of(
				row(good, goodId, "13912345678", "是", SHENGBAOSHE, "", "", "社区工作者"),          // 2: good
				row("", idNumber(), "", "", SHENGBAOSHE, "", "", ""),                              // 3: no name
				row(uniqueName("坏"), badCheckDigit, "", "", SHENGBAOSHE, "", "", ""),             // 4: check digit
				row(uniqueName("坏"), goodId, "", "", SHENGBAOSHE, "", "", ""),                    // 5: repeats row 2
				row(uniqueName("坏"), idNumber(), "", "", SHENGBAOSHE, "", "", "社区工作者、村长"),  // 6: unknown post
				row(uniqueName("坏"), idNumber(), "12345", "可能", SHENGBAOSHE, "", "", ""),        // 7: phone, party member
				row(uniqueName("坏"), idNumber(), "", "", "abc", "", "", ""),                       // 8: region format
				row(uniqueName("坏"), idNumber(), "", "", SHENGBAOSHE, "99999999999999", "", "")); // 9: grid unknown
		long before = people();
		String body = uploadAs("harbin-admin", xlsx(HEADER, rows));
		assertThat((String) JsonPath.read(body, "$.state")).isEqualTo("INVALID");
		assertThat((Integer) JsonPath.read(body, "$.rows")).isEqualTo(8);
		assertThat((Integer) JsonPath.read(body, "$.toCreate")).isEqualTo(1);
		assertThat((Integer) JsonPath.read(body, "$.toUpdate")).isZero();
		assertThat((Integer) JsonPath.read(body, "$.badRows")).isEqualTo(7);
		assertThat((Integer) JsonPath.read(body, "$.errorCount")).isEqualTo(8);
		assertThat(rowColumns(body)).containsExactlyInAnyOrder("3/姓名", "4/身份证号", "5/身份证号", "6/职务", "7/手机号码",
				"7/中共党员", "8/区划代码", "9/网格编号");
		assertThat((List<String>) JsonPath.read(body, "$.errors[?(@.row == 3)].message")).containsExactly("必填");
		assertThat((List<String>) JsonPath.read(body, "$.errors[?(@.row == 4)].message")).containsExactly("身份证号校验位错误");
		assertThat((List<String>) JsonPath.read(body, "$.errors[?(@.row == 5)].message")).containsExactly("身份证号与第 2 行重复");
		assertThat((List<String>) JsonPath.read(body, "$.errors[?(@.row == 6)].message")).containsExactly("未知职务“村长”");
		assertThat((String) JsonPath.read(body, "$.expiresAt")).isNotBlank();

		// nothing was written, and a file with errors cannot be committed
		long id = Jobs.id(body, "$.id");
		mvc.perform(post("/api/v1/people/imports/" + id + "/commit").with(as("harbin-admin")))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		assertThat(people()).isEqualTo(before);
		assertThat(peopleNamed(good)).isZero();

		// the validation ran as a job of the uploader, which holds the errors too
		long jobId = Jobs.id(body, "$.jobId");
		String job = Jobs.awaitFinished(mvc, "harbin-admin", jobId);
		assertThat((String) JsonPath.read(job, "$.kind")).isEqualTo("ROSTER_VALIDATE");
		assertThat((String) JsonPath.read(job, "$.state")).isEqualTo("SUCCEEDED");
		assertThat((Integer) JsonPath.read(job, "$.errorCount")).isEqualTo(8);
		assertThat((List<?>) JsonPath.read(job, "$.errors")).hasSize(8);

		// the preview page lists every bad row
		String page = mvc.perform(get("/people/import/" + id).with(as("harbin-admin")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("身份证号校验位错误", "未知职务“村长”", "手机号码格式不正确", "data-testid=\"import-errors\"")
			.doesNotContain("data-testid=\"import-commit\"");
	}

	@Test
	void aGoodFileCreatesAndUpdatesEveryRowInOneTransactionWithOneAuditEvent() throws Exception {
		String existingId = idNumber();
		long existing = createPerson("harbin-admin", uniqueName("旧"), SHENGBAOSHE, existingId, "13912345678");
		String a = uniqueName("甲");
		String b = uniqueName("乙");
		String renamed = uniqueName("新");
		String aId = idNumber();
		List<List<String>> rows = new ArrayList<>();
		rows.add(row(a, aId, "13800001111", "是", SHENGBAOSHE, GRID_1, "", "网格员、志愿者"));
		rows.add(row(b, "", "0451-82345678", "否", SHENGBAOSHE, "", "2301-001", "UNIT_LIAISON"));
		rows.add(row(renamed, existingId.toLowerCase(), "", "", SHENGBAOSHE, "", "", "社区工作者"));
		String body = uploadAs("harbin-admin", xlsx(HEADER, rows));
		assertThat((String) JsonPath.read(body, "$.state")).isEqualTo("VALID");
		assertThat((Integer) JsonPath.read(body, "$.rows")).isEqualTo(3);
		assertThat((Integer) JsonPath.read(body, "$.toCreate")).isEqualTo(2);
		assertThat((Integer) JsonPath.read(body, "$.toUpdate")).isEqualTo(1);
		assertThat((Integer) JsonPath.read(body, "$.errorCount")).isZero();
		long id = Jobs.id(body, "$.id");
		String fileId = jdbc.sql("SELECT file_id FROM roster_import WHERE id = :id").param("id", id).query(String.class).single();

		String commit = mvc.perform(post("/api/v1/people/imports/" + id + "/commit").with(as("harbin-admin")))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.kind").value("ROSTER_IMPORT"))
			.andReturn().getResponse().getContentAsString();
		// a second commit while the first is queued or running is refused
		mvc.perform(post("/api/v1/people/imports/" + id + "/commit").with(as("harbin-admin")))
			.andExpect(status().is4xxClientError());
		String job = Jobs.awaitFinished(mvc, "harbin-admin", Jobs.id(commit, "$.id"));
		assertThat((String) JsonPath.read(job, "$.state")).isEqualTo("SUCCEEDED");
		assertThat((Integer) JsonPath.read(job, "$.rows")).isEqualTo(3);

		assertThat(peopleNamed(a)).isEqualTo(1);
		assertThat(peopleNamed(b)).isEqualTo(1);
		Map<String, Object> updated = jdbc.sql("SELECT name, phone_masked FROM person WHERE id = :id")
			.param("id", existing).query().singleRow();
		assertThat(updated.get("name")).isEqualTo(renamed);
		assertThat(updated.get("phone_masked")).as("a blank phone keeps the stored one").isEqualTo("139****5678");
		long aPerson = jdbc.sql("SELECT id FROM person WHERE name = :n").param("n", a).query(Long.class).single();
		assertThat(jdbc.sql("SELECT post FROM post_assignment WHERE person_id = :p ORDER BY post").param("p", aPerson)
			.query(String.class).list()).containsExactly("GRID_WORKER", "VOLUNTEER");
		assertThat(jdbc.sql("SELECT grid_id FROM post_assignment WHERE person_id = :p AND post = 'GRID_WORKER'")
			.param("p", aPerson).query(Long.class).single()).isNotNull();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM post_assignment WHERE person_id = :p AND post = 'COMMUNITY_WORKER'")
			.param("p", existing).query(Long.class).single()).isEqualTo(1);

		// exactly one audit event for the whole import, with the counts
		List<String> details = jdbc.sql("SELECT detail FROM audit_event WHERE action = 'PERSON_IMPORT' AND target_id = :id")
			.param("id", Long.toString(id)).query(String.class).list();
		assertThat(details).hasSize(1);
		assertThat(details.get(0)).contains("rows 3", "created 2", "updated 1");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action IN ('PERSON_CREATE', 'PERSON_UPDATE') AND target_id = :p")
			.param("p", Long.toString(aPerson)).query(Long.class).single()).isZero();

		// the upload is gone once committed
		mvc.perform(get("/api/v1/people/imports/" + id).with(as("harbin-admin"))).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/people/imports/" + id + "/commit").with(as("harbin-admin"))).andExpect(status().isNotFound());
		assertThat(jdbc.sql("SELECT COUNT(*) FROM stored_file WHERE id = :f").param("f", fileId).query(Long.class).single()).isZero();
	}

	@Test
	void rowsOutsideTheUploadersScopeAreErrors() throws Exception {
		long ningxiaVillage = jdbc.sql("SELECT MIN(code) FROM region WHERE level = 'VILLAGE' AND code BETWEEN 640000000000 AND 649999999999")
			.query(Long.class).single();
		String ningxiaId = idNumber("640104");
		createPerson("nx-admin", uniqueName("宁"), Long.toString(ningxiaVillage), ningxiaId, "13912345678");
		String outside = uniqueName("外");
		List<List<String>> rows = List.of(
				row(outside, idNumber(), "", "", Long.toString(ningxiaVillage), "", "", ""),   // 2: target outside
				row(uniqueName("改"), ningxiaId, "", "", SHENGBAOSHE, "", "", ""),              // 3: updates someone outside
				row(uniqueName("内"), idNumber(), "", "", SHENGBAOSHE, "", "", ""));            // 4: fine
		long before = people();
		String body = uploadAs("harbin-admin", xlsx(HEADER, rows));
		assertThat(rowColumns(body)).containsExactlyInAnyOrder("2/区划代码", "3/身份证号");
		assertThat((List<String>) JsonPath.read(body, "$.errors[?(@.row == 2)].message"))
			.containsExactly("所属区域、网格或单位不在您的导入权限范围内");
		assertThat((Integer) JsonPath.read(body, "$.toCreate")).isEqualTo(1);
		mvc.perform(post("/api/v1/people/imports/" + Jobs.id(body, "$.id") + "/commit").with(as("harbin-admin")))
			.andExpect(status().isConflict());
		assertThat(people()).isEqualTo(before);
		assertThat(peopleNamed(outside)).isZero();

		// a province admin of Heilongjiang reaches no further into Ningxia
		String hlj = uploadAs("hlj-admin", xlsx(HEADER, rows));
		assertThat(rowColumns(hlj)).containsExactlyInAnyOrder("2/区划代码", "3/身份证号");
	}

	@Test
	void anotherUsersUploadAndItsJobAreForbidden() throws Exception {
		String body = uploadAs("harbin-admin", xlsx(HEADER, List.of(row(uniqueName("私"), idNumber(), "", "", SHENGBAOSHE, "", "", ""))));
		long id = Jobs.id(body, "$.id");
		long jobId = Jobs.id(body, "$.jobId");
		mvc.perform(get("/api/v1/people/imports/" + id).with(as("hlj-admin"))).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/people/imports/" + id + "/commit").with(as("hlj-admin"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/jobs/" + jobId).with(as("hlj-admin"))).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/jobs/" + jobId + "/rerun").with(as("hlj-admin"))).andExpect(status().isForbidden());
		mvc.perform(get("/people/import/" + id).with(as("hlj-admin"))).andExpect(status().isForbidden());
		mvc.perform(get("/jobs/" + jobId).with(as("hlj-admin"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/people/imports/999999999").with(as("harbin-admin"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/people/imports/abc").with(as("harbin-admin"))).andExpect(status().isBadRequest());
		// the owner still sees it
		mvc.perform(get("/api/v1/people/imports/" + id).with(as("harbin-admin")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("VALID"));
	}

	@Test
	void anExpiredUploadIsGone() throws Exception {
		String body = uploadAs("harbin-admin", xlsx(HEADER, List.of(row(uniqueName("期"), idNumber(), "", "", SHENGBAOSHE, "", "", ""))));
		long id = Jobs.id(body, "$.id");
		jdbc.sql("UPDATE roster_import SET expires_at = :t WHERE id = :id")
			.param("t", java.time.OffsetDateTime.now().minusMinutes(1)).param("id", id).update();
		mvc.perform(get("/api/v1/people/imports/" + id).with(as("harbin-admin"))).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/people/imports/" + id + "/commit").with(as("harbin-admin"))).andExpect(status().isNotFound());
	}

	@Test
	void aGridWorkerMayNeitherImportNorExport() throws Exception {
		byte[] file = xlsx(HEADER, List.of(row(uniqueName("网"), idNumber(), "", "", SHENGBAOSHE, "", "", "")));
		mvc.perform(multipart("/api/v1/people/imports").file(upload(file)).with(as("hlj-grid"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/people/import/template").with(as("hlj-grid"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/people/export").with(as("hlj-grid"))).andExpect(status().isForbidden());
		mvc.perform(get("/people/import").with(as("hlj-grid"))).andExpect(status().isForbidden());
		String list = mvc.perform(get("/people").with(as("hlj-grid"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(list).doesNotContain("data-testid=\"people-import\"", "data-testid=\"people-export\"");
		String admin = mvc.perform(get("/people").with(as("harbin-admin"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(admin).contains("data-testid=\"people-import\"", "data-testid=\"people-export\"");
	}

	@Test
	void malformedUploadsAreRefusedWithoutAServerError() throws Exception {
		String xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
		mvc.perform(multipart("/api/v1/people/imports").file(new MockMultipartFile("file", "empty.xlsx", xlsxType, new byte[0]))
			.with(as("harbin-admin")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		mvc.perform(multipart("/api/v1/people/imports").file(new MockMultipartFile("file", "notes.txt", "text/plain", "hello".getBytes()))
			.with(as("harbin-admin")))
			.andExpect(status().isBadRequest());
		mvc.perform(multipart("/api/v1/people/imports").file(new MockMultipartFile("file", "fake.xlsx", xlsxType, "not a zip".getBytes()))
			.with(as("harbin-admin")))
			.andExpect(status().isBadRequest());
		mvc.perform(multipart("/api/v1/people/imports").file(new MockMultipartFile("other", "x.xlsx", xlsxType, new byte[] { 1 }))
			.with(as("harbin-admin")))
			.andExpect(status().isBadRequest());
		mvc.perform(post("/api/v1/people/imports").with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));

		// a zip that is no workbook is one clear error
		java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
		try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(zip)) {
			z.putNextEntry(new java.util.zip.ZipEntry("hello.txt"));
			z.write("hello".getBytes());
		}
		String body = uploadAs("harbin-admin", zip.toByteArray());
		assertThat((Integer) JsonPath.read(body, "$.errorCount")).isEqualTo(1);
		assertThat((List<String>) JsonPath.read(body, "$.errors[*].message")).containsExactly("文件无法作为 Excel 工作簿读取，可能已损坏。");
	}

	@Test
	void aWrongHeaderNamesTheColumnAndTheEmptyTemplateHasNoRows() throws Exception {
		List<String> header = new ArrayList<>(HEADER);
		header.set(1, "身份证");
		header.add("备注");
		String body = uploadAs("harbin-admin", xlsx(header, List.of(row(uniqueName("头"), idNumber(), "", "", SHENGBAOSHE, "", "", ""))));
		assertThat(rowColumns(body)).containsExactlyInAnyOrder("1/身份证号", "1/备注");
		assertThat((List<String>) JsonPath.read(body, "$.errors[?(@.column == '身份证号')].message"))
			.containsExactly("应为“身份证号”，实际为“身份证”（列的顺序须与模板一致）");

		byte[] template = mvc.perform(get("/api/v1/people/import/template").with(as("harbin-admin")))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString("attachment")))
			.andReturn().getResponse().getContentAsByteArray();
		try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(template))) {
			Sheet roster = wb.getSheetAt(0);
			List<String> headers = new ArrayList<>();
			roster.getRow(0).forEach(c -> headers.add(c.getStringCellValue()));
			assertThat(headers).isEqualTo(HEADER);
			assertThat(roster.getRow(1).getCell(0).getStringCellValue()).isEqualTo("张三");
			StringBuilder help = new StringBuilder();
			wb.getSheetAt(1).forEach(r -> r.forEach(c -> help.append(c.getStringCellValue()).append('|')));
			assertThat(help).contains("、", "GRID_WORKER|网格员", "COMMUNITY_PARTY_SECRETARY|社区党组织书记");
		}
		// the untouched template: the example row is skipped, so there is nothing to import
		String empty = uploadAs("harbin-admin", template);
		assertThat((List<String>) JsonPath.read(empty, "$.errors[*].message")).containsExactly("文件中没有人员数据（示例行不计）。");
	}

	@Test
	void numbersAndDatesTypedAsSuchAreReadButAnIdNumberMustBeText() throws Exception {
		byte[] file;
		try (XSSFWorkbook wb = new XSSFWorkbook(); java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
			Sheet sheet = wb.createSheet("x");
			org.apache.poi.ss.usermodel.Row head = sheet.createRow(0);
			for (int i = 0; i < HEADER.size(); i++) {
				head.createCell(i).setCellValue(HEADER.get(i));
			}
			org.apache.poi.ss.usermodel.CellStyle date = wb.createCellStyle();
			date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy/m/d"));
			org.apache.poi.ss.usermodel.Row typed = sheet.createRow(1);
			typed.createCell(0).setCellValue(uniqueName("数"));
			typed.createCell(2).setCellValue("女");
			typed.createCell(3).setCellValue(java.time.LocalDate.of(1991, 2, 3));
			typed.getCell(3).setCellStyle(date);
			typed.createCell(4).setCellValue(13912345678d);
			typed.createCell(5).setCellValue(true);
			typed.createCell(6).setCellValue(230102001001d);
			typed.createCell(7).setCellValue(23010200100101d);
			typed.createCell(9).setCellValue("网格员");
			typed.createCell(10).setCellValue(java.time.LocalDate.of(2024, 3, 1));
			typed.getCell(10).setCellStyle(date);
			org.apache.poi.ss.usermodel.Row numericId = sheet.createRow(2);
			numericId.createCell(0).setCellValue(uniqueName("数"));
			numericId.createCell(1).setCellValue(Double.parseDouble(idNumber().substring(0, 17)) * 10);
			numericId.createCell(6).setCellValue(SHENGBAOSHE);
			wb.write(out);
			file = out.toByteArray();
		}
		String body = uploadAs("harbin-admin", file);
		assertThat(rowColumns(body)).containsExactly("3/身份证号");
		assertThat((List<String>) JsonPath.read(body, "$.errors[*].message")).containsExactly("身份证号须为文本格式（数字格式会丢失末几位）");
		assertThat((Integer) JsonPath.read(body, "$.toCreate")).isEqualTo(1);
	}

	@Test
	void everyBadRowIsKeptOnTheImportWhileTheJobKeepsTheFirstThousand() throws Exception {
		List<List<String>> rows = new ArrayList<>();
		for (int i = 0; i < 1005; i++) {
			rows.add(row("批量" + i, "", "", "", "999999", "", "", ""));
		}
		String body = uploadAs("harbin-admin", xlsx(HEADER, rows));
		assertThat((Integer) JsonPath.read(body, "$.errorCount")).isEqualTo(1005);
		assertThat((List<?>) JsonPath.read(body, "$.errors")).hasSize(1005);
		String job = Jobs.awaitFinished(mvc, "harbin-admin", Jobs.id(body, "$.jobId"));
		assertThat((Integer) JsonPath.read(job, "$.errorCount")).isEqualTo(1005);
		assertThat((List<?>) JsonPath.read(job, "$.errors")).hasSize(1000);
	}

	@Test
	void thePagesUploadPreviewAndCommit() throws Exception {
		mvc.perform(get("/people/import").with(as("harbin-admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("data-testid=\"import-form\"")));
		String name = uniqueName("页");
		byte[] file = xlsx(HEADER, List.of(row(name, idNumber(), "", "是", SHENGBAOSHE, "", "", "")));
		String location = mvc.perform(multipart("/people/import").file(upload(file)).with(as("harbin-admin")).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andReturn().getResponse().getRedirectedUrl();
		assertThat(location).matches("/people/import/\\d+");
		long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		long validation = jdbc.sql("SELECT validate_job FROM roster_import WHERE id = :id").param("id", id).query(Long.class).single();
		Jobs.awaitFinished(mvc, "harbin-admin", validation);
		String page = mvc.perform(get(location).with(as("harbin-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("data-testid=\"import-commit\"", "校验通过");
		String jobUrl = mvc.perform(post(location + "/commit").with(as("harbin-admin")).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andReturn().getResponse().getRedirectedUrl();
		assertThat(jobUrl).matches("/jobs/\\d+");
		Jobs.awaitFinished(mvc, "harbin-admin", Long.parseLong(jobUrl.substring(6)));
		assertThat(peopleNamed(name)).isEqualTo(1);
		mvc.perform(get(jobUrl).with(as("harbin-admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("人员名册导入")));

		// a wrong file on the page is shown on the page, not as a server error
		mvc.perform(multipart("/people/import").file(new MockMultipartFile("file", "a.txt", "text/plain", "x".getBytes()))
			.with(as("harbin-admin")).with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("data-testid=\"upload-error\"")));
	}
}
