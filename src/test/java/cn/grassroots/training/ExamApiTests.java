package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static cn.grassroots.training.TrainingFixtures.json;
import static cn.grassroots.training.TrainingFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;

/** Question bank, taking and marking a test, and its statistics and gains on the fixed set of TestStatisticsTest. */
@IntegrationTest
class ExamApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	TrainingFixtures fx;

	@BeforeEach
	void setUp() {
		fx = new TrainingFixtures(mvc, jdbc);
	}

	private ResultActions post(String account, String uri, String body) throws Exception {
		return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(uri).with(as(account))
			.contentType(MediaType.APPLICATION_JSON).content(json(body)));
	}

	private long question(long programme, String body) throws Exception {
		return TrainingFixtures.id(post("hlj-admin", "/api/v1/training/programmes/" + programme + "/questions", body)
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
	}

	private long test(long programme, String kind, OffsetDateTime opens, OffsetDateTime closes, long... questions)
			throws Exception {
		StringBuilder ids = new StringBuilder();
		for (long q : questions) {
			ids.append(ids.isEmpty() ? "" : ",").append(q);
		}
		return TrainingFixtures.id(post("hlj-admin", "/api/v1/training/programmes/" + programme + "/tests", "{'kind':'" + kind
				+ "','title':'" + unique("测试") + "','opensAt':'" + opens + "','closesAt':'" + closes + "','questionIds':[" + ids
				+ "]}").andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
	}

	/** A trainee enrolled and a submission with these marks, written straight into the module's tables. */
	private void submission(long programme, long classroom, long test, long person, long[] questions, String... marks) {
		jdbc.sql("INSERT INTO training_enrolment (programme_id, classroom_id, person_id, person_name, region_code, status,"
				+ " created_at) SELECT :p, :c, :x, '学员', 230100000000, 'CONFIRMED', CURRENT_TIMESTAMP WHERE NOT EXISTS"
				+ " (SELECT 1 FROM training_enrolment WHERE programme_id = :p AND person_id = :x)")
			.param("p", programme).param("c", classroom).param("x", person).update();
		jdbc.sql("INSERT INTO training_submission (test_id, person_id, classroom_id, submitted_at) VALUES (:t, :x, :c, CURRENT_TIMESTAMP)")
			.param("t", test).param("x", person).param("c", classroom).update();
		long s = jdbc.sql("SELECT id FROM training_submission WHERE test_id = :t AND person_id = :x").param("t", test)
			.param("x", person).query(Long.class).single();
		for (int i = 0; i < questions.length; i++) {
			jdbc.sql("INSERT INTO training_answer (submission_id, question_id, response, mark, marked_by) VALUES (:s, :q, 'x', :m, 'test')")
				.param("s", s).param("q", questions[i]).param("m", new java.math.BigDecimal(marks[i])).update();
		}
	}

	@Test
	void aTraineeTakesATestAMarkerMarksItAndTheStatisticsAreTheHandComputedOnes() throws Exception {
		long p = fx.programme();
		long classroom = fx.classroom(p, "BRANCH", TrainingFixtures.HARBIN);
		long secretary = fx.personOf("hlj-secretary");
		fx.enrolConfirmed(p, classroom, secretary);
		long q1 = question(p, "{'kind':'SINGLE','stem':'社区党组织书记是？','options':['第一责任人','旁观者','监督者'],'answer':'A','maxMark':1}");
		long q2 = question(p, "{'kind':'TRUE_FALSE','stem':'网格化管理要做到微网实格。','answer':'对','maxMark':1}");
		long q3 = question(p, "{'kind':'SHORT','stem':'简述吹哨报到。','answer':'街乡吹哨、部门报到','maxMark':2}");
		post("hlj-admin", "/api/v1/training/programmes/" + p + "/questions", "{'kind':'MULTIPLE','stem':'多选','options':['甲','乙'],"
				+ "'answer':'A,C','maxMark':1}").andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("answer"));
		post("harbin-admin", "/api/v1/training/programmes/" + p + "/questions", "{'kind':'TRUE_FALSE','stem':'越权','answer':'T',"
				+ "'maxMark':1}").andExpect(status().isForbidden());
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		long t = test(p, "FINAL", now.minusHours(1), now.plusHours(1), q1, q2, q3);
		long closed = test(p, "QUIZ", now.minusHours(3), now.minusHours(2), q1);
		mvc.perform(get("/api/v1/training/programmes/" + p + "/tests").with(as("hlj-secretary"))).andExpect(status().isOk())
			.andExpect(jsonPath("$[*].kind").value(org.hamcrest.Matchers.containsInAnyOrder("FINAL", "QUIZ")));
		mvc.perform(get("/api/v1/training/programmes/" + p + "/tests").with(as("nx-admin"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/training/tests/" + t + "/paper").with(as("hlj-secretary"))).andExpect(status().isOk())
			.andExpect(jsonPath("$.questions.length()").value(3))
			.andExpect(jsonPath("$.questions[0].options[0]").value("第一责任人"))
			.andExpect(jsonPath("$.questions[0].answer").doesNotExist());

		post("hlj-secretary", "/api/v1/training/tests/" + closed + "/submissions", "{'answers':[{'questionId':" + q1 + ",'response':'A'}]}")
			.andExpect(status().isConflict());
		post("hlj-teacher", "/api/v1/training/tests/" + t + "/submissions", "{'answers':[]}").andExpect(status().isForbidden());
		String result = post("hlj-secretary", "/api/v1/training/tests/" + t + "/submissions", "{'answers':[{'questionId':" + q1
				+ ",'response':'a'},{'questionId':" + q2 + ",'response':'正确'},{'questionId':" + q3 + ",'response':'街道吹哨，部门报到'}]}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.score").value(2.0)).andExpect(jsonPath("$.maxScore").value(4.0))
			.andExpect(jsonPath("$.fullyMarked").value(false)).andReturn().getResponse().getContentAsString();
		long submission = ((Number) JsonPath.read(result, "$.submissionId")).longValue();
		post("hlj-secretary", "/api/v1/training/tests/" + t + "/submissions", "{'answers':[]}").andExpect(status().isConflict());

		// marking: the trainee may not, a marker of the classroom may, a choice question is not marked by hand
		post("hlj-secretary", "/api/v1/training/submissions/" + submission + "/marks", "{'questionId':" + q3 + ",'mark':2}")
			.andExpect(status().isForbidden());
		post("hlj-admin", "/api/v1/training/classrooms/" + classroom + "/staff", "{'personId':" + fx.personOf("hlj-teacher")
				+ ",'role':'MARKER'}").andExpect(status().isCreated());
		post("hlj-teacher", "/api/v1/training/submissions/" + submission + "/marks", "{'questionId':" + q1 + ",'mark':1}")
			.andExpect(status().isBadRequest());
		post("hlj-teacher", "/api/v1/training/submissions/" + submission + "/marks", "{'questionId':" + q3 + ",'mark':3}")
			.andExpect(status().isBadRequest());
		post("hlj-teacher", "/api/v1/training/submissions/" + submission + "/marks", "{'questionId':" + q3 + ",'mark':2}")
			.andExpect(status().isOk()).andExpect(jsonPath("$.score").value(4.0)).andExpect(jsonPath("$.fullyMarked").value(true));
		assertThat(fx.audits("TRAINING_ANSWER_MARK", submission)).isEqualTo(1);

		// the other three of the fixed set
		long[] qs = { q1, q2, q3 };
		for (String[] marks : List.of(new String[] { "1", "0", "1" }, new String[] { "0", "1", "0" }, new String[] { "0", "0", "1" })) {
			submission(p, classroom, t, 900_000_000L + jdbc.sql("SELECT COUNT(*) FROM training_submission").query(Long.class).single(),
					qs, marks);
		}
		String stats = mvc.perform(get("/api/v1/training/tests/" + t + "/statistics").with(as("hlj-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(((Number) JsonPath.read(stats, "$.mean")).doubleValue()).isCloseTo(50.0, within(1e-9));
		assertThat(((Number) JsonPath.read(stats, "$.median")).doubleValue()).isCloseTo(37.5, within(1e-9));
		assertThat(((Number) JsonPath.read(stats, "$.sd")).doubleValue()).isCloseTo(Math.sqrt(1250), within(1e-9));
		assertThat(((Number) JsonPath.read(stats, "$.alpha")).doubleValue()).isCloseTo(0.5, within(1e-9));
		assertThat(JsonPath.<List<Integer>>read(stats, "$.items[*].questionId")).containsExactly((int) q1, (int) q2, (int) q3);
		assertThat(JsonPath.<List<Double>>read(stats, "$.items[*].facility")).containsExactly(0.5, 0.5, 0.5);
		assertThat(((Number) JsonPath.read(stats, "$.items[0].discrimination")).doubleValue()).isCloseTo(1 / Math.sqrt(3), within(1e-9));
		assertThat(((Number) JsonPath.read(stats, "$.items[1].discrimination")).doubleValue()).isCloseTo(0.0, within(1e-9));
		assertThat(((Number) JsonPath.read(stats, "$.items[2].discrimination")).doubleValue()).isCloseTo(0.5, within(1e-9));
		mvc.perform(get("/api/v1/training/tests/" + t + "/statistics").with(as("nx-admin"))).andExpect(status().isForbidden());
		// a trainee sees no one's results
		mvc.perform(get("/api/v1/training/tests/" + t + "/statistics").with(as("hlj-secretary"))).andExpect(status().isOk())
			.andExpect(jsonPath("$.mean").doesNotExist());
	}

	private static byte[] xlsx(String[]... rows) throws Exception {
		try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); var out = new java.io.ByteArrayOutputStream()) {
			var sheet = wb.createSheet("题库");
			for (int r = 0; r < rows.length; r++) {
				var row = sheet.createRow(r);
				for (int c = 0; c < rows[r].length; c++) {
					row.createCell(c).setCellValue(rows[r][c]);
				}
			}
			wb.write(out);
			return out.toByteArray();
		}
	}

	private ResultActions upload(String account, long programme, byte[] content) throws Exception {
		return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.multipart("/api/v1/training/programmes/" + programme + "/questions/import")
			.file(new org.springframework.mock.web.MockMultipartFile("file", "bank.xlsx",
					"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", content))
			.with(as(account)).with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()));
	}

	private long bankSize(long programme) {
		return fx.count("SELECT COUNT(*) FROM training_question WHERE programme_id = :id", programme);
	}

	@Test
	void theQuestionBankIsImportedAllOrNothingAndExported() throws Exception {
		long p = fx.programme();
		String[] header = { "题型", "题干", "选项", "答案", "主题", "分值" };
		String[] single = { "单选", "网格员的主要职责是？", "巡查走访\n收费\n执法", "A", "GRID_MANAGEMENT", "2" };
		String[] multiple = { "多选题", "党群服务中心应当？", "便民\n开放\n收费", "b,a", "SERVICE_CENTRE", "2" };
		String[] judge = { "判断", "吹哨报到由部门吹哨。", "", "错", "", "1" };
		String[] shortAnswer = { "简答", "简述枫桥经验。", "", "小事不出村", "DISPUTE_RESOLUTION", "5" };
		String[] badKind = { "填空", "无此题型", "", "x", "", "1" };
		String[] badAnswer = { "单选", "答案越界", "甲\n乙", "C", "", "1" };
		// one bad row among good ones: nothing is written, both bad rows are named
		upload("hlj-admin", p, xlsx(header, single, badKind, multiple, badAnswer)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("rows[3].kind", "rows[5].answer")));
		assertThat(bankSize(p)).isZero();
		upload("hlj-admin", p, xlsx(new String[] { "题目", "答案" }, single)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("file"));
		upload("hlj-admin", p, "not a spreadsheet".getBytes(java.nio.charset.StandardCharsets.UTF_8))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("file"));
		upload("harbin-admin", p, xlsx(header, single)).andExpect(status().isForbidden());
		assertThat(bankSize(p)).isZero();
		upload("hlj-admin", p, xlsx(header, single, multiple, judge, shortAnswer)).andExpect(status().isCreated())
			.andExpect(jsonPath("$.imported").value(4));
		mvc.perform(get("/api/v1/training/programmes/" + p + "/questions").with(as("hlj-admin")))
			.andExpect(jsonPath("$[*].answer").value(org.hamcrest.Matchers.contains("A", "A,B", "F", "小事不出村")))
			.andExpect(jsonPath("$[0].options.length()").value(3));
		byte[] exported = mvc.perform(get("/api/v1/training/programmes/" + p + "/questions/export").with(as("hlj-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(exported))) {
			var sheet = wb.getSheetAt(0);
			assertThat(sheet.getLastRowNum()).isEqualTo(4);
			assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("题干");
			assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("MULTIPLE");
			assertThat(sheet.getRow(2).getCell(3).getStringCellValue()).isEqualTo("A,B");
		}
		// the export imports again unchanged
		long other = fx.programme();
		upload("hlj-admin", other, exported).andExpect(status().isCreated()).andExpect(jsonPath("$.imported").value(4));
		mvc.perform(get("/api/v1/training/programmes/" + p + "/questions/export").with(as("harbin-admin")))
			.andExpect(status().isForbidden());
	}

	@Test
	void gainOverMatchedPairsIsTheHandComputedOne() throws Exception {
		long p = fx.programme();
		long classroom = fx.classroom(p, "BRANCH", TrainingFixtures.HARBIN);
		long q = question(p, "{'kind':'SHORT','stem':'综合题','answer':'要点','maxMark':100}");
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		long baseline = test(p, "BASELINE", now.minusDays(5), now.minusDays(4), q);
		long fin = test(p, "FINAL", now.minusHours(1), now.plusHours(1), q);
		mvc.perform(get("/api/v1/training/programmes/" + p + "/gain").with(as("hlj-admin"))).andExpect(status().isOk())
			.andExpect(jsonPath("$.pairs").value(0)).andExpect(jsonPath("$.hake").doesNotExist());
		long base = 800_000_000L + p * 10;
		String[][] pairs = { { "20", "60" }, { "50", "75" }, { "40", "40" } };
		for (int i = 0; i < pairs.length; i++) {
			submission(p, classroom, baseline, base + i, new long[] { q }, pairs[i][0]);
			submission(p, classroom, fin, base + i, new long[] { q }, pairs[i][1]);
		}
		submission(p, classroom, baseline, base + 7, new long[] { q }, "10"); // no final: not a pair
		String gain = mvc.perform(get("/api/v1/training/programmes/" + p + "/gain").with(as("harbin-admin")))
			.andExpect(status().isOk()).andExpect(jsonPath("$.pairs").value(3)).andReturn().getResponse().getContentAsString();
		assertThat(((Number) JsonPath.read(gain, "$.hake")).doubleValue()).isCloseTo(65.0 / 190, within(1e-9));
		assertThat(((Number) JsonPath.read(gain, "$.meanIndividualGain")).doubleValue()).isCloseTo(1.0 / 3, within(1e-9));
		assertThat(((Number) JsonPath.read(gain, "$.cohenD")).doubleValue()).isCloseTo(1.316561, within(1e-6));
		mvc.perform(get("/api/v1/training/programmes/" + p + "/gain").with(as("nx-admin"))).andExpect(status().isForbidden());
	}
}
