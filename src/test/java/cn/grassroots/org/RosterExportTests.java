package cn.grassroots.org;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;
import cn.grassroots.Jobs;

@IntegrationTest
class RosterExportTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	/** Starts an export as the user, waits for it and returns the finished job's body. */
	private String export(String username, String query) throws Exception {
		String started = mvc.perform(get("/api/v1/people/export?" + query).with(as(username)))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.kind").value("ROSTER_EXPORT"))
			.andExpect(jsonPath("$.id").isNumber())
			.andExpect(jsonPath("$.progress").isNumber())
			.andReturn().getResponse().getContentAsString();
		String job = Jobs.awaitFinished(mvc, username, Jobs.id(started, "$.id"));
		assertThat((String) JsonPath.read(job, "$.state")).isEqualTo("SUCCEEDED");
		assertThat((Double) JsonPath.read(job, "$.progress")).isEqualTo(1.0);
		return job;
	}

	/** The exported rows (header excluded), each as its cells' text. */
	private List<List<String>> rows(String username, String resultUrl) throws Exception {
		byte[] xlsx = mvc.perform(get(resultUrl).with(as(username)))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString("attachment")))
			.andReturn().getResponse().getContentAsByteArray();
		List<List<String>> rows = new ArrayList<>();
		DataFormatter text = new DataFormatter();
		try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			for (Row row : wb.getSheetAt(0)) {
				List<String> cells = new ArrayList<>();
				for (int i = 0; i < 11; i++) {
					cells.add(row.getCell(i) == null ? "" : text.formatCellValue(row.getCell(i)));
				}
				rows.add(cells);
			}
		}
		assertThat(rows.get(0)).startsWith("姓名", "性别", "出生日期", "手机号码", "身份证号");
		return rows.subList(1, rows.size());
	}

	private long count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

	@Test
	void anExportHoldsOnlyTheCallersScopeWithMaskedPhonesAndIdNumbers() throws Exception {
		String job = export("harbin-admin", "");
		long jobId = Jobs.id(job, "$.id");
		String resultUrl = JsonPath.read(job, "$.resultUrl");
		assertThat(resultUrl).matches("/api/v1/files/[0-9a-f-]{36}");
		List<List<String>> rows = rows("harbin-admin", resultUrl);
		long inHarbin = count("SELECT COUNT(*) FROM person WHERE region_code BETWEEN 230100000000 AND 230199999999");
		assertThat(rows).hasSize((int) inHarbin);
		assertThat((Integer) JsonPath.read(job, "$.rows")).isEqualTo((int) inHarbin);
		assertThat(rows).allSatisfy(r -> {
			assertThat(r.get(6)).startsWith("2301");
			assertThat(r.get(3)).matches("|\\d{3}\\*+\\d{4}|\\*+");
			assertThat(r.get(4)).matches("|\\d{6}\\*{8}[0-9X]{4}");
		});
		assertThat(rows).anySatisfy(r -> assertThat(r.get(3)).contains("*"));
		assertThat(rows).anySatisfy(r -> assertThat(r.get(10)).isNotEmpty());

		// one audit event for the export, with the count; the download is audited too
		List<String> details = jdbc.sql("SELECT detail FROM audit_event WHERE action = 'PERSON_EXPORT' AND target_id = :id")
			.param("id", Long.toString(jobId)).query(String.class).list();
		assertThat(details).hasSize(1);
		assertThat(details.get(0)).startsWith("rows " + inHarbin + ",");
		String fileId = resultUrl.substring(resultUrl.lastIndexOf('/') + 1);
		assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'EXPORT_DOWNLOAD' AND target_id = '" + fileId + "'"))
			.isEqualTo(1);

		// the file is its owner's alone
		mvc.perform(get(resultUrl).with(as("hlj-admin"))).andExpect(status().isForbidden());
		mvc.perform(get("/files/" + fileId).with(as("hlj-admin"))).andExpect(status().isForbidden());
		mvc.perform(get("/files/" + fileId).with(as("harbin-admin"))).andExpect(status().isOk());
		mvc.perform(get("/api/v1/files/00000000-0000-0000-0000-000000000000").with(as("harbin-admin")))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/files/not-an-id").with(as("harbin-admin"))).andExpect(status().isNotFound());
		assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'EXPORT_DOWNLOAD' AND target_id = '" + fileId + "'"))
			.isEqualTo(2);
	}

	@Test
	void theListsFiltersAreExportedAndAnotherProvinceIsLeftOut() throws Exception {
		String job = export("harbin-admin", "region=230102&partyMember=true");
		List<List<String>> rows = rows("harbin-admin", JsonPath.read(job, "$.resultUrl"));
		assertThat(rows).hasSize((int) count("""
				SELECT COUNT(*) FROM person WHERE region_code BETWEEN 230102000000 AND 230102999999 AND party_member = TRUE"""));
		assertThat(rows).isNotEmpty().allSatisfy(r -> {
			assertThat(r.get(5)).isEqualTo("是");
			assertThat(r.get(6)).startsWith("230102");
		});

		String posts = export("nx-admin", "post=UNIT_LIAISON");
		List<List<String>> liaisons = rows("nx-admin", JsonPath.read(posts, "$.resultUrl"));
		assertThat(liaisons).isNotEmpty().allSatisfy(r -> {
			assertThat(r.get(6)).startsWith("64");
			assertThat(r.get(10)).contains("单位联络员");
		});
	}

	@Test
	void anExportOutsideTheScopeOrWithBadFiltersIsRefused() throws Exception {
		long jobs = count("SELECT COUNT(*) FROM job");
		mvc.perform(get("/api/v1/people/export").param("region", "64").with(as("harbin-admin")))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		mvc.perform(get("/api/v1/people/export").param("region", "12345").with(as("harbin-admin"))).andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/people/export").param("post", "NOPE").with(as("harbin-admin"))).andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/people/export").param("partyMember", "maybe").with(as("harbin-admin"))).andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/people/export").param("name", "x".repeat(51)).with(as("harbin-admin"))).andExpect(status().isBadRequest());
		assertThat(count("SELECT COUNT(*) FROM job")).isEqualTo(jobs);
	}

	@Test
	void theListsExportButtonStartsTheJobAndOpensIt() throws Exception {
		String target = mvc.perform(post("/people/export").param("region", "2301").param("name", "")
			.header("HX-Request", "true").with(as("harbin-admin")).with(csrf()))
			.andExpect(status().isNoContent())
			.andReturn().getResponse().getHeader("HX-Redirect");
		assertThat(target).matches("/jobs/\\d+");
		Jobs.awaitFinished(mvc, "harbin-admin", Long.parseLong(target.substring(6)));
		String page = mvc.perform(get(target).with(as("harbin-admin")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("人员名册导出", "data-testid=\"job-download\"");

		mvc.perform(post("/people/export").with(as("harbin-admin")).with(csrf()))
			.andExpect(status().isSeeOther())
			.andExpect(header().string("Location", org.hamcrest.Matchers.matchesPattern("/jobs/\\d+")));
		mvc.perform(post("/people/export").with(as("hlj-grid")).with(csrf())).andExpect(status().isForbidden());
	}
}
