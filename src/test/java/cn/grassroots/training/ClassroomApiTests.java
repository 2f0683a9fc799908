package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static cn.grassroots.training.TrainingFixtures.HARBIN;
import static cn.grassroots.training.TrainingFixtures.HLJ;
import static cn.grassroots.training.TrainingFixtures.QIQIHAR;
import static cn.grassroots.training.TrainingFixtures.classroomJson;
import static cn.grassroots.training.TrainingFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;

@IntegrationTest
class ClassroomApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	TrainingFixtures fx;

	@BeforeEach
	void setUp() {
		fx = new TrainingFixtures(mvc, jdbc);
	}

	private int version(long classroomId) {
		return jdbc.sql("SELECT version FROM training_classroom WHERE id = :id").param("id", classroomId)
			.query(Integer.class).single();
	}

	@Test
	void theProvinceSeesEveryClassroomAndTheMainComesFirst() throws Exception {
		long p = fx.programme();
		long harbin = fx.classroom(p, "BRANCH", HARBIN);
		long main = fx.classroom(p, "MAIN", HLJ);
		long qiqihar = fx.classroom(p, "BRANCH", QIQIHAR);
		String body = mvc.perform(get("/api/v1/training/programmes/" + p + "/classrooms").with(as("hlj-admin")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].kind").value("MAIN"))
			.andExpect(jsonPath("$[0].region").value(HLJ))
			.andExpect(jsonPath("$[1].region").value(HARBIN))
			.andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<List<Integer>>read(body, "$[*].id")).containsExactly((int) main, (int) harbin, (int) qiqihar);
		assertThat(fx.audits("TRAINING_CLASSROOM_CREATE", main)).isEqualTo(1);
		mvc.perform(get("/api/v1/training/classrooms/" + qiqihar).with(as("hlj-admin"))).andExpect(status().isOk())
			.andExpect(jsonPath("$.programmeId").value(p))
			.andExpect(jsonPath("$.regionPath").value(org.hamcrest.Matchers.containsString("齐齐哈尔市")))
			.andExpect(jsonPath("$.canManage").value(true));
	}

	@Test
	void aCityCannotReadOrChangeAnotherCitysClassroom() throws Exception {
		long p = fx.programme();
		fx.classroom(p, "MAIN", HLJ);
		long harbin = fx.classroom(p, "BRANCH", HARBIN);
		long qiqihar = fx.classroom(p, "BRANCH", QIQIHAR);

		String body = mvc.perform(get("/api/v1/training/programmes/" + p + "/classrooms").with(as("harbin-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<List<Integer>>read(body, "$[*].id")).containsExactly((int) harbin);

		mvc.perform(get("/api/v1/training/classrooms/" + qiqihar).with(as("harbin-admin"))).andExpect(status().isForbidden());
		mvc.perform(put("/api/v1/training/classrooms/" + qiqihar).with(as("harbin-admin"))
			.contentType(MediaType.APPLICATION_JSON).content(classroomJson("夺来的", "BRANCH", QIQIHAR)))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/training/classrooms/" + qiqihar + "/rooms").with(as("harbin-admin"))
			.contentType(MediaType.APPLICATION_JSON).content(json("{'name':'101','capacity':50}")))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/training/classrooms/" + qiqihar + "/groups").with(as("harbin-admin"))
			.contentType(MediaType.APPLICATION_JSON).content(json("{'name':'第一组'}")))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/training/classrooms/" + qiqihar + "/staff").with(as("harbin-admin"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json("{'personId':" + fx.personOf("harbin-admin") + ",'role':'HEAD_TEACHER'}")))
			.andExpect(status().isForbidden());
		// a city cannot add classrooms to the province's programme
		mvc.perform(post("/api/v1/training/programmes/" + p + "/classrooms").with(as("harbin-admin"))
			.contentType(MediaType.APPLICATION_JSON).content(classroomJson("自建", "BRANCH", HARBIN)))
			.andExpect(status().isForbidden());
		// nor move its own classroom into another city
		mvc.perform(put("/api/v1/training/classrooms/" + harbin).with(as("harbin-admin"))
			.contentType(MediaType.APPLICATION_JSON).content(classroomJson("搬走", "BRANCH", QIQIHAR)))
			.andExpect(status().isForbidden());
		assertThat(version(qiqihar)).isZero();
		assertThat(version(harbin)).isZero();
		assertThat(fx.count("SELECT COUNT(*) FROM training_room WHERE classroom_id = :id", qiqihar)).isZero();
		assertThat(fx.count("SELECT COUNT(*) FROM training_study_group WHERE classroom_id = :id", qiqihar)).isZero();
		assertThat(fx.count("SELECT COUNT(*) FROM training_staff WHERE classroom_id = :id", qiqihar)).isZero();
		assertThat(fx.count("SELECT COUNT(*) FROM training_classroom WHERE programme_id = :id", p)).isEqualTo(3);

		// its own branch classroom it does manage
		mvc.perform(post("/api/v1/training/classrooms/" + harbin + "/rooms").with(as("harbin-admin"))
			.contentType(MediaType.APPLICATION_JSON).content(json("{'name':'报告厅','capacity':220}")))
			.andExpect(status().isCreated()).andExpect(jsonPath("$.name").value("报告厅"));
		mvc.perform(post("/api/v1/training/classrooms/" + harbin + "/rooms").with(as("harbin-admin"))
			.contentType(MediaType.APPLICATION_JSON).content(json("{'name':'报告厅','capacity':220}")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("name"));
		mvc.perform(post("/api/v1/training/classrooms/" + harbin + "/groups").with(as("harbin-admin"))
			.contentType(MediaType.APPLICATION_JSON).content(json("{'name':'第一组'}")))
			.andExpect(status().isCreated());
		mvc.perform(put("/api/v1/training/classrooms/" + harbin).with(as("harbin-admin"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json("{'name':'哈尔滨分课堂','kind':'BRANCH','hostName':'中共哈尔滨市委党校','regionCode':'230102',"
					+ "'capacity':180,'version':0}")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.region").value("230102000000"))
			.andExpect(jsonPath("$.capacity").value(180))
			.andExpect(jsonPath("$.rooms[0].capacity").value(220))
			.andExpect(jsonPath("$.groups[0].name").value("第一组"));
		assertThat(fx.audits("TRAINING_CLASSROOM_UPDATE", harbin)).isEqualTo(1);
		assertThat(fx.audits("TRAINING_ROOM_CREATE", harbin)).isEqualTo(1);
	}

	@Test
	void aHeadTeacherSeesTheClassroomAssignedAndNothingElse() throws Exception {
		long p = fx.programme();
		long harbin = fx.classroom(p, "BRANCH", HARBIN);
		long qiqihar = fx.classroom(p, "BRANCH", QIQIHAR);
		long teacher = fx.personOf("hlj-teacher");

		mvc.perform(get("/api/v1/training/classrooms/" + harbin).with(as("hlj-teacher"))).andExpect(status().isForbidden());
		String staff = mvc.perform(post("/api/v1/training/classrooms/" + harbin + "/staff").with(as("hlj-admin"))
			.contentType(MediaType.APPLICATION_JSON).content(json("{'personId':" + teacher + ",'role':'HEAD_TEACHER'}")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.personName").value("陈文博"))
			.andReturn().getResponse().getContentAsString();
		mvc.perform(post("/api/v1/training/classrooms/" + harbin + "/staff").with(as("hlj-admin"))
			.contentType(MediaType.APPLICATION_JSON).content(json("{'personId':" + teacher + ",'role':'HEAD_TEACHER'}")))
			.andExpect(status().isBadRequest());
		mvc.perform(post("/api/v1/training/classrooms/" + harbin + "/staff").with(as("hlj-admin"))
			.contentType(MediaType.APPLICATION_JSON).content(json("{'personId':987654321,'role':'MARKER'}")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("personId"));

		mvc.perform(get("/api/v1/training/classrooms/" + harbin).with(as("hlj-teacher"))).andExpect(status().isOk())
			.andExpect(jsonPath("$.canManage").value(false))
			.andExpect(jsonPath("$.staff[0].role").value("HEAD_TEACHER"));
		mvc.perform(get("/api/v1/training/classrooms/" + qiqihar).with(as("hlj-teacher"))).andExpect(status().isForbidden());
		String list = mvc.perform(get("/api/v1/training/programmes").param("size", "100").with(as("hlj-teacher")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<List<Integer>>read(list, "$.content[?(@.id == " + p + ")].classroomCount")).containsExactly(1);
		String rooms = mvc.perform(get("/api/v1/training/programmes/" + p + "/classrooms").with(as("hlj-teacher")))
			.andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<List<Integer>>read(rooms, "$[*].id")).containsExactly((int) harbin);
		// assigned is not managing
		mvc.perform(post("/api/v1/training/classrooms/" + harbin + "/groups").with(as("hlj-teacher"))
			.contentType(MediaType.APPLICATION_JSON).content(json("{'name':'自封小组'}")))
			.andExpect(status().isForbidden());

		long staffId = TrainingFixtures.id(staff);
		mvc.perform(delete("/api/v1/training/classrooms/" + qiqihar + "/staff/" + staffId).with(as("hlj-admin")))
			.andExpect(status().isNotFound());
		mvc.perform(delete("/api/v1/training/classrooms/" + harbin + "/staff/" + staffId).with(as("harbin-admin")))
			.andExpect(status().isNoContent());
		assertThat(fx.audits("TRAINING_STAFF_UNASSIGN", harbin)).isEqualTo(1);
		mvc.perform(get("/api/v1/training/classrooms/" + harbin).with(as("hlj-teacher"))).andExpect(status().isForbidden());
	}

	@Test
	void classroomInputIsChecked() throws Exception {
		long p = fx.programme("harbin-admin", "2301");
		fx.classroom("harbin-admin", p, "MAIN", HARBIN);
		mvc.perform(post("/api/v1/training/programmes/" + p + "/classrooms").with(as("harbin-admin"))
			.contentType(MediaType.APPLICATION_JSON).content(classroomJson("第二主课堂", "MAIN", "230102")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("kind"));
		mvc.perform(post("/api/v1/training/programmes/" + p + "/classrooms").with(as("hlj-admin"))
			.contentType(MediaType.APPLICATION_JSON).content(classroomJson("外市", "BRANCH", QIQIHAR)))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("regionCode"));
		mvc.perform(post("/api/v1/training/programmes/" + p + "/classrooms").with(as("harbin-admin"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json("{'name':'','hostName':'党校','regionCode':'2301','capacity':0}")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("name", "kind", "capacity")));
		assertThat(fx.count("SELECT COUNT(*) FROM training_classroom WHERE programme_id = :id", p)).isEqualTo(1);
		mvc.perform(get("/api/v1/training/classrooms/99999999").with(as("hlj-admin"))).andExpect(status().isNotFound());
	}
}
