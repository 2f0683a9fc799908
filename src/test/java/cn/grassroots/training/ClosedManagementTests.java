package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static cn.grassroots.training.TrainingFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import cn.grassroots.IntegrationTest;

/** Closed management: beds by study group, from XLSX all or nothing, one by one; leaving the school against leave; scope. */
@IntegrationTest
class ClosedManagementTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	TrainingFixtures fx;

	long p;
	long classroom;
	long secretary;
	long[] others;

	@BeforeEach
	void setUp() throws Exception {
		fx = new TrainingFixtures(mvc, jdbc);
		p = fx.programme();
		classroom = fx.classroom(p, "BRANCH", TrainingFixtures.HARBIN);
		send("hlj-admin", "/api/v1/training/classrooms/" + classroom + "/staff",
				"{'personId':" + fx.personOf("hlj-teacher") + ",'role':'HEAD_TEACHER'}").andExpect(status().isCreated());
		secretary = fx.personOf("hlj-secretary");
		fx.enrolConfirmed(p, classroom, secretary);
		others = new long[] { 740_000_000L + p, 750_000_000L + p, 760_000_000L + p };
		for (long o : others) {
			jdbc.sql("INSERT INTO training_enrolment (programme_id, classroom_id, person_id, person_name, region_code, status, created_at)"
					+ " VALUES (:p, :c, :x, :n, 230100000000, 'CONFIRMED', CURRENT_TIMESTAMP)")
				.param("p", p).param("c", classroom).param("x", o).param("n", "住宿" + (o % 1000)).update();
		}
	}

	private ResultActions send(String account, String uri, String body) throws Exception {
		return mvc.perform(post(uri).with(as(account)).contentType(MediaType.APPLICATION_JSON).content(json(body)));
	}

	private long group(String name) throws Exception {
		return TrainingFixtures.id(send("hlj-admin", "/api/v1/training/classrooms/" + classroom + "/groups", "{'name':'" + name + "'}")
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
	}

	private void join(long group, long person) {
		jdbc.sql("UPDATE training_enrolment SET group_id = :g WHERE classroom_id = :c AND person_id = :x").param("g", group)
			.param("c", classroom).param("x", person).update();
	}

	private Set<String> roomsOf(List<Long> people) {
		return new TreeSet<>(jdbc.sql("SELECT room FROM training_lodging WHERE classroom_id = :c AND person_id IN (:ids)")
			.param("c", classroom).param("ids", people).query(String.class).list());
	}

	private MockMultipartFile sheet(String[]... rows) throws Exception {
		try (var wb = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
			var s = wb.createSheet("住宿");
			for (int r = 0; r < rows.length; r++) {
				Row row = s.createRow(r);
				for (int i = 0; i < rows[r].length; i++) {
					row.createCell(i).setCellValue(rows[r][i]);
				}
			}
			wb.write(out);
			return new MockMultipartFile("file", "lodging.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
					out.toByteArray());
		}
	}

	private static final String[] HEADER = { "人员ID", "姓名", "楼栋", "房间", "床位" };

	@Test
	void bedsAreGivenStudyGroupByStudyGroupOrImportedAllOrNothing() throws Exception {
		long first = group("第一组");
		long second = group("第二组");
		join(first, secretary);
		join(first, others[0]);
		join(first, others[1]);
		join(second, others[2]);
		String uri = "/api/v1/training/classrooms/" + classroom + "/lodging";
		send("hlj-teacher", uri + "/auto", "{'building':'1号楼','bedsPerRoom':2,'firstRoom':101}")
			.andExpect(status().isOk()).andExpect(jsonPath("$.assigned").value(4));
		// a group fills its rooms; the next group starts a room of its own
		assertThat(roomsOf(List.of(secretary, others[0], others[1]))).containsExactly("101", "102");
		assertThat(roomsOf(List.of(others[2]))).containsExactly("103");
		send("hlj-teacher", uri + "/auto", "{'building':'1号楼','bedsPerRoom':2}").andExpect(jsonPath("$.assigned").value(0));
		send("hlj-teacher", uri + "/auto", "{'building':'','bedsPerRoom':0}").andExpect(status().isBadRequest());

		// an import with one bad row changes nothing
		Map<String, Object> before = jdbc.sql("SELECT room, bed FROM training_lodging WHERE classroom_id = :c AND person_id = :x")
			.param("c", classroom).param("x", others[0]).query().singleRow();
		mvc.perform(multipart(uri + "/import").file(sheet(HEADER,
				new String[] { Long.toString(others[0]), "", "2号楼", "201", "1" },
				new String[] { Long.toString(others[1]), "", "2号楼", "201", "1" },
				new String[] { "123", "", "2号楼", "202", "1" })).with(as("hlj-teacher")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[?(@.field == 'rows[3].bed')]").isNotEmpty())
			.andExpect(jsonPath("$.errors[?(@.field == 'rows[4].personId')]").isNotEmpty());
		assertThat(jdbc.sql("SELECT room, bed FROM training_lodging WHERE classroom_id = :c AND person_id = :x")
			.param("c", classroom).param("x", others[0]).query().singleRow()).isEqualTo(before);
		mvc.perform(multipart(uri + "/import").file(sheet(new String[] { "姓名", "床位" })).with(as("hlj-teacher")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("file"));
		// a bed still held by someone the file does not move is refused
		mvc.perform(multipart(uri + "/import").file(sheet(HEADER,
				new String[] { Long.toString(others[0]), "", "1号楼", "103", "1" })).with(as("hlj-teacher")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("rows[2].bed"));
		mvc.perform(multipart(uri + "/import").file(sheet(HEADER,
				new String[] { Long.toString(others[0]), "住宿" + (others[0] % 1000), "2号楼", "201", "1" },
				new String[] { Long.toString(others[1]), "", "2号楼", "201", "2" })).with(as("hlj-teacher")))
			.andExpect(status().isCreated()).andExpect(jsonPath("$.assigned").value(2));
		assertThat(roomsOf(List.of(others[0], others[1]))).containsExactly("201");
		assertThat(fx.audits("TRAINING_LODGING_IMPORT", classroom)).isEqualTo(1);

		// one by one: a taken bed is a field error
		mvc.perform(put(uri).with(as("hlj-teacher")).contentType(MediaType.APPLICATION_JSON)
				.content(json("{'personId':" + others[2] + ",'building':'2号楼','room':'201','bed':'1'}")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("bed"));
		mvc.perform(put(uri).with(as("hlj-teacher")).contentType(MediaType.APPLICATION_JSON)
				.content(json("{'personId':" + others[2] + ",'building':'2号楼','room':'202','bed':'1'}")))
			.andExpect(status().isOk()).andExpect(jsonPath("$.room").value("202"));
		mvc.perform(get(uri).with(as("harbin-admin"))).andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(4));
		mvc.perform(get("/training/classrooms/" + classroom + "/closed").with(as("hlj-teacher")))
			.andExpect(status().isOk()).andExpect(content().string(containsString("2号楼")))
			.andExpect(content().string(containsString("auto-lodging")));
	}

	@Test
	void leavingTheSchoolIsMatchedToApprovedLeaveOrFlagged() throws Exception {
		String uri = "/api/v1/training/classrooms/" + classroom + "/absences";
		long out = TrainingFixtures.id(send("hlj-teacher", uri, "{'personId':" + secretary
				+ ",'leftAt':'2026-06-19T10:00:00+08:00','note':'外出'}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.withoutLeave").value(true))
			.andReturn().getResponse().getContentAsString());
		assertThat(fx.audits("TRAINING_LEFT_WITHOUT_LEAVE", out)).isEqualTo(1);
		send("hlj-teacher", uri, "{'personId':" + secretary + "}").andExpect(status().isConflict());
		send("hlj-teacher", "/api/v1/training/absences/" + out + "/return", "{'returnedAt':'2026-06-19T09:00:00+08:00'}")
			.andExpect(status().isBadRequest());
		send("hlj-teacher", "/api/v1/training/absences/" + out + "/return", "{'returnedAt':'2026-06-19T18:00:00+08:00'}")
			.andExpect(status().isOk()).andExpect(jsonPath("$.returnedAt").isNotEmpty());

		long leave = TrainingFixtures.id(send("hlj-secretary", "/api/v1/training/leaves", "{'classroomId':" + classroom
				+ ",'fromDate':'2026-06-20','toDate':'2026-06-20','reason':'就医'}").andReturn().getResponse().getContentAsString());
		send("hlj-teacher", "/api/v1/training/leaves/" + leave + "/decision", "{'approve':true}").andExpect(status().isOk());
		send("hlj-teacher", uri, "{'personId':" + secretary + ",'leftAt':'2026-06-20T08:30:00+08:00'}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.withoutLeave").value(false))
			.andExpect(jsonPath("$.leaveId").value(leave));
		mvc.perform(get(uri).param("open", "true").with(as("hlj-teacher")))
			.andExpect(jsonPath("$.length()").value(1)).andExpect(jsonPath("$[0].leaveId").value(leave));
		send("hlj-teacher", uri, "{'personId':123,'leftAt':'2026-06-20T08:30:00+08:00'}")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("personId"));
		mvc.perform(get("/training/classrooms/" + classroom + "/closed").with(as("hlj-teacher")))
			.andExpect(status().isOk()).andExpect(content().string(containsString("未经批准离校")));
	}

	@Test
	void closedManagementIsRefusedOutsideTheClassroom() throws Exception {
		String base = "/api/v1/training/classrooms/" + classroom;
		for (String account : List.of("nx-admin", "hlj-secretary")) {
			mvc.perform(get(base + "/lodging").with(as(account))).andExpect(status().is(anyOf(is(403), is(404))));
			mvc.perform(get(base + "/absences").with(as(account))).andExpect(status().is(anyOf(is(403), is(404))));
			send(account, base + "/absences", "{'personId':" + secretary + "}").andExpect(status().is(anyOf(is(403), is(404))));
			send(account, base + "/lodging/auto", "{'building':'1号楼','bedsPerRoom':2}").andExpect(status().is(anyOf(is(403), is(404))));
			mvc.perform(put(base + "/lodging").with(as(account)).contentType(MediaType.APPLICATION_JSON)
					.content(json("{'personId':" + secretary + ",'building':'1','room':'1','bed':'1'}")))
				.andExpect(status().is(anyOf(is(403), is(404))));
			mvc.perform(multipart(base + "/lodging/import").file(sheet(HEADER, new String[] { Long.toString(secretary), "", "1", "1", "1" }))
					.with(as(account))).andExpect(status().is(anyOf(is(403), is(404))));
			mvc.perform(get("/training/classrooms/" + classroom + "/closed").with(as(account)))
				.andExpect(status().is(anyOf(is(403), is(404))));
			mvc.perform(post("/training/classrooms/" + classroom + "/absences").with(csrf()).with(as(account))
					.param("personId", Long.toString(secretary))).andExpect(status().is(anyOf(is(403), is(404))));
		}
		long out = TrainingFixtures.id(send("hlj-teacher", base + "/absences", "{'personId':" + secretary + "}")
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
		send("nx-admin", "/api/v1/training/absences/" + out + "/return", "{}").andExpect(status().is(anyOf(is(403), is(404))));
		send("hlj-secretary", "/api/v1/training/absences/" + out + "/return", "{}").andExpect(status().is(anyOf(is(403), is(404))));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM training_lodging WHERE classroom_id = :c").param("c", classroom)
			.query(Long.class).single()).isZero();
	}
}
