package cn.grassroots.surveys;

import static cn.grassroots.Api.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.Jobs;

/** A small questionnaire and a fixed set of six responses whose figures are worked out by hand in the tests. */
public final class SurveyFixtures {

	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	private SurveyFixtures() {
	}

	private static String[] r(String... cells) {
		return cells;
	}

	/** satisfied (single, required), why (text, only when not satisfied), problems (multiple), top3 (ranking), burden (1–5), years, suggestion. */
	public static byte[] analysisForm() {
		return XlsformFiles.form()
			.sheet("survey",
					r("type", "name", "label", "label::English (en)", "required", "relevant", "parameters"),
					r("select_one yesno", "satisfied", "对网格工作是否满意", "Satisfied", "yes"),
					r("text", "why", "不满意的原因", "Why not", null, "${satisfied} = 'no'"),
					r("select_multiple problems", "problems", "存在的问题", "Problems"),
					r("rank problems", "top3", "最突出的三个问题", "Worst three"),
					r("range", "burden", "负担（1–5）", "Burden", "yes", null, "start=1 end=5"),
					r("integer", "years", "工作年数", "Years"),
					r("text", "suggestion", "建议", "Suggestion"))
			.sheet("choices",
					r("list_name", "name", "label", "label::English (en)"),
					r("yesno", "yes", "是", "Yes"), r("yesno", "no", "否", "No"),
					r("problems", "meetings", "会议多", "Meetings"), r("problems", "reports", "报表多", "Reports"),
					r("problems", "apps", "政务APP多", "Apps"), r("problems", "staff", "人手不足", "Staff"))
			.sheet("settings", r("form_id", "form_title"), r("a" + UUID.randomUUID().toString().substring(0, 8), "网格工作满意度"))
			.bytes();
	}

	public static final String HEADER = "token,role,region,submitted_at,satisfied,why,problems,top3,burden,years,suggestion,x_source";

	/**
	 * The six responses (with a BOM, CRLF, quoted fields). The token column is there but empty: a
	 * token must be one of the questionnaire's links (see ResponseImportTokenTests).
	 */
	public static String sixResponses() {
		return "\uFEFF" + HEADER + "\r\n"
				+ ",GRID_WORKER,230102,2026-03-01T09:00:00+08:00,yes,,meetings reports,reports meetings apps,4,3,\"报表太多，会议也多\",paper\r\n"
				+ ",网格员,230103001,2026-03-01T10:00:00,no,人手不够,reports apps,apps reports,5,10,,paper\r\n"
				+ ",COMMUNITY_SECRETARY,230102001001,2026-03-02,yes,,meetings,meetings,2,20,\"说\"\"实话\"\"\",paper\r\n"
				+ ",社区书记,230202,2026-03-02T08:00:00Z,no,,reports staff,staff reports meetings,3,,,paper\r\n"
				+ ",RESIDENT,230203,2026-03-03T12:00:00+08:00,yes,,,,1,1,,\r\n"
				+ ",GRID_WORKER,230202,2026-03-03T13:00:00+08:00,no,,apps,apps,5,7,,\r\n";
	}

	public static long createQuestionnaire(MockMvc mvc, String user, byte[] form) throws Exception {
		String body = mvc.perform(multipart("/api/v1/surveys/xlsform")
			.file(new MockMultipartFile("file", "form.xlsx", XLSX, form)).with(as(user)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return ((Number) JsonPath.read(body, "$.id")).longValue();
	}

	/** Uploads a file for import and waits for the job; returns the job body. */
	public static String importFile(MockMvc mvc, String user, long id, String name, byte[] content) throws Exception {
		String body = mvc.perform(multipart("/api/v1/surveys/" + id + "/imports")
			.file(new MockMultipartFile("file", name, "text/csv", content)).with(as(user)))
			.andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
		return Jobs.awaitFinished(mvc, user, Jobs.id(body, "$.jobId"));
	}

	public static String importCsv(MockMvc mvc, String user, long id, String csv) throws Exception {
		return importFile(mvc, user, id, "responses.csv", csv.getBytes(StandardCharsets.UTF_8));
	}
}
