package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static cn.grassroots.training.TrainingFixtures.HARBIN;
import static cn.grassroots.training.TrainingFixtures.HLJ;
import static cn.grassroots.training.TrainingFixtures.QIQIHAR;
import static cn.grassroots.training.TrainingFixtures.json;
import static cn.grassroots.training.TrainingFixtures.programmeJson;
import static cn.grassroots.training.TrainingFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
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
class ProgrammeApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	TrainingFixtures fx;

	@BeforeEach
	void setUp() {
		fx = new TrainingFixtures(mvc, jdbc);
	}

	private int version(long programmeId) {
		return jdbc.sql("SELECT version FROM training_programme WHERE id = :id").param("id", programmeId)
			.query(Integer.class).single();
	}

	@Test
	void aProgrammeIsCreatedWithItsSettingsAndAudited() throws Exception {
		String name = unique("全省社区党组织书记常态化培训班");
		String body = mvc.perform(post("/api/v1/training/programmes").with(as("hlj-admin"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(programmeJson(name, "23", "'caseShareBasis':'SESSIONS','dayOrder':'LIVE_FIRST','liveDays':2,"
					+ "'summonsLimit':3")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.name").value(name))
			.andExpect(jsonPath("$.sponsorRegionCode").value(HLJ))
			.andExpect(jsonPath("$.sponsorLevel").value("PROVINCE"))
			.andExpect(jsonPath("$.requiredHours").value(40.0))
			.andExpect(jsonPath("$.targetPosts[0]").value("COMMUNITY_PARTY_SECRETARY"))
			.andExpect(jsonPath("$.topics.length()").value(2))
			.andExpect(jsonPath("$.settings.caseShareBasis").value("SESSIONS"))
			.andExpect(jsonPath("$.settings.minCaseShare").value(0.5))
			.andExpect(jsonPath("$.settings.dayOrder").value("LIVE_FIRST"))
			.andExpect(jsonPath("$.settings.liveDays").value(2))
			.andExpect(jsonPath("$.settings.sameTopicWindowDays").value(365))
			.andExpect(jsonPath("$.settings.summonsLimit").value(3))
			.andExpect(jsonPath("$.settings.lateAfterMinutes").value(10))
			.andReturn().getResponse().getContentAsString();
		long id = TrainingFixtures.id(body);
		assertThat(fx.audits("TRAINING_PROGRAMME_CREATE", id)).isEqualTo(1);

		mvc.perform(get("/api/v1/training/programmes").param("size", "100").with(as("hlj-admin")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[?(@.id == " + id + ")].name").value(name))
			.andExpect(jsonPath("$.content[?(@.id == " + id + ")].year").value(2026))
			.andExpect(jsonPath("$.content[?(@.id == " + id + ")].classroomCount").value(0))
			.andExpect(jsonPath("$.content[?(@.id == " + id + ")].traineeCount").value(0));
	}

	@Test
	void countsAreOfTheClassroomsTheCallerSees() throws Exception {
		long p = fx.programme();
		fx.classroom(p, "MAIN", HLJ);
		fx.classroom(p, "BRANCH", HARBIN);
		fx.classroom(p, "BRANCH", "230102000000");
		fx.classroom(p, "BRANCH", QIQIHAR);
		String all = mvc.perform(get("/api/v1/training/programmes").param("size", "100").with(as("hlj-admin")))
			.andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<List<Integer>>read(all, "$.content[?(@.id == " + p + ")].classroomCount")).containsExactly(4);
		String harbin = mvc.perform(get("/api/v1/training/programmes").param("size", "100").with(as("harbin-admin")))
			.andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<List<Integer>>read(harbin, "$.content[?(@.id == " + p + ")].classroomCount")).containsExactly(2);
		// Ningxia has nothing of it
		mvc.perform(get("/api/v1/training/programmes").param("size", "100").with(as("nx-admin")))
			.andExpect(jsonPath("$.content[*].id", not(hasItem((int) p))));
		mvc.perform(get("/api/v1/training/programmes/" + p).with(as("nx-admin"))).andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		mvc.perform(get("/api/v1/training/programmes/" + p + "/classrooms").with(as("nx-admin")))
			.andExpect(status().isForbidden());
		// a city sees a province programme through its classroom, but may not change it
		mvc.perform(get("/api/v1/training/programmes/" + p).with(as("harbin-admin"))).andExpect(status().isOk())
			.andExpect(jsonPath("$.canManage").value(false));
		int before = version(p);
		mvc.perform(put("/api/v1/training/programmes/" + p).with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(programmeJson("改名", "23", null))).andExpect(status().isForbidden());
		assertThat(version(p)).isEqualTo(before);
		// an account without training permissions sees no programme at all
		mvc.perform(get("/api/v1/training/programmes").param("size", "100").with(as("nx-civil")))
			.andExpect(status().isOk()).andExpect(jsonPath("$.content[*].id", not(hasItem((int) p))));
	}

	@Test
	void badInputIsRefusedFieldByFieldAndNothingIsWritten() throws Exception {
		long before = jdbc.sql("SELECT COUNT(*) FROM training_programme").query(Long.class).single();
		mvc.perform(post("/api/v1/training/programmes").with(as("hlj-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(json("{'name':' ','year':1999,'sponsorName':'省委组织部','sponsorRegionCode':'999999',"
					+ "'startDate':'2026-06-22','endDate':'2026-06-18','requiredHours':0.25,'targetPosts':[],"
					+ "'minCaseShare':1.5,'summonsLimit':-1}")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("name", "year",
					"sponsorRegionCode", "endDate", "requiredHours", "targetPosts", "topics", "minCaseShare",
					"summonsLimit")));
		mvc.perform(post("/api/v1/training/programmes").with(as("hlj-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(programmeJson("x", "230102001001", null)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("sponsorRegionCode"));
		mvc.perform(post("/api/v1/training/programmes").with(as("hlj-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(programmeJson("x", "23", "'dayOrder':'SIDEWAYS'")))
			.andExpect(status().isBadRequest());
		assertThat(jdbc.sql("SELECT COUNT(*) FROM training_programme").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void onlyTheSponsorsRegionMayCreateOrChangeAProgramme() throws Exception {
		long before = jdbc.sql("SELECT COUNT(*) FROM training_programme").query(Long.class).single();
		mvc.perform(post("/api/v1/training/programmes").with(as("nx-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(programmeJson(unique("越权"), "23", null))).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/training/programmes").with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(programmeJson(unique("越权"), "23", null))).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/training/programmes").with(as("hlj-secretary")).contentType(MediaType.APPLICATION_JSON)
			.content(programmeJson(unique("越权"), "230102001", null))).andExpect(status().isForbidden());
		assertThat(jdbc.sql("SELECT COUNT(*) FROM training_programme").query(Long.class).single()).isEqualTo(before);

		// a city sponsors its own programme
		long own = fx.programme("harbin-admin", "2301");
		mvc.perform(get("/api/v1/training/programmes/" + own).with(as("harbin-admin")))
			.andExpect(jsonPath("$.sponsorLevel").value("CITY")).andExpect(jsonPath("$.canManage").value(true));
		mvc.perform(get("/api/v1/training/programmes/" + own).with(as("hlj-admin"))).andExpect(status().isOk());
		mvc.perform(get("/api/v1/training/programmes/" + own).with(as("nx-admin"))).andExpect(status().isForbidden());

		String renamed = unique("改名培训班");
		mvc.perform(put("/api/v1/training/programmes/" + own).with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(programmeJson(renamed, "2301", "'version':0,'requiredHours':32.5")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value(renamed))
			.andExpect(jsonPath("$.requiredHours").value(32.5))
			.andExpect(jsonPath("$.version").value(1));
		assertThat(fx.audits("TRAINING_PROGRAMME_UPDATE", own)).isEqualTo(1);
		// stale version
		mvc.perform(put("/api/v1/training/programmes/" + own).with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(programmeJson("再改", "2301", "'version':0"))).andExpect(status().isConflict());
		// moving the sponsor out of one's scope
		mvc.perform(put("/api/v1/training/programmes/" + own).with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(programmeJson("再改", "2302", null))).andExpect(status().isForbidden());
		assertThat(version(own)).isEqualTo(1);
		mvc.perform(get("/api/v1/training/programmes/99999999").with(as("hlj-admin"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/training/programmes").param("sort", "bogus").with(as("hlj-admin")))
			.andExpect(status().isBadRequest());
	}
}
