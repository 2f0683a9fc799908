package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static cn.grassroots.training.TrainingFixtures.json;
import static cn.grassroots.training.TrainingFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
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
import org.springframework.test.web.servlet.ResultActions;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;

/**
 * Lecturers and the case library are shared within a province and written within a region; cases
 * are found by topic and by similar (same kind and size band) or neighbouring (township, county,
 * city) communities; a case's secretary becomes a model-secretary lecturer once; plan sessions
 * cite a lecturer and a case; observation sites are edited, approved and show their visits.
 */
@IntegrationTest
class LecturersAndCaseLibraryTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	TrainingFixtures fx;

	@BeforeEach
	void setUp() {
		fx = new TrainingFixtures(mvc, jdbc);
	}

	private ResultActions send(String method, String account, String uri, String body) throws Exception {
		var builder = "PUT".equals(method) ? put(uri)
				: org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(uri);
		return mvc.perform(builder.with(as(account)).contentType(MediaType.APPLICATION_JSON).content(json(body)));
	}

	private ResultActions post(String account, String uri, String body) throws Exception {
		return send("POST", account, uri, body);
	}

	private static long id(ResultActions r) throws Exception {
		return TrainingFixtures.id(r.andReturn().getResponse().getContentAsString());
	}

	/** A community-level region (code ending 001–199) within a code range, other than those given. */
	private long community(long from, long to, List<Long> not) {
		return jdbc.sql("SELECT code FROM region WHERE level = 'VILLAGE' AND code BETWEEN :f AND :t AND MOD(code, 1000) BETWEEN 1 AND 199"
				+ " ORDER BY code").param("f", from).param("t", to).query(Long.class).list().stream()
			.filter(c -> !not.contains(c)).findFirst().orElseThrow();
	}

	private long caseOf(String account, String title, long community, int households, String topic) throws Exception {
		return id(post(account, "/api/v1/training/cases", "{'title':'" + title + "','practice':'“红色物业”联席会议','results':'投诉下降六成',"
				+ "'topic':'" + topic + "','communityCode':'" + community + "','households':" + households + ",'year':2025}")
			.andExpect(status().isCreated()));
	}

	private List<Long> ids(String body) {
		return JsonPath.<List<Number>>read(body, "$[*].id").stream().map(Number::longValue).toList();
	}

	@Test
	void casesAreFoundBySimilarAndNeighbouringCommunitiesAndASecretaryIsChosenOnce() throws Exception {
		// a community of 兆麟街道 without a case of its own (other tests may have recorded one for the first)
		long home = jdbc.sql("SELECT code FROM region r WHERE level = 'VILLAGE' AND code BETWEEN 230102001001 AND 230102001199"
				+ " AND NOT EXISTS (SELECT 1 FROM training_case k WHERE k.community_code = r.code) ORDER BY code")
			.query(Long.class).list().get(0);
		long sameTownship = community(230102001000L, 230102001999L, List.of(home));
		long sameCounty = community(230102002000L, 230102999999L, List.of());
		long sameCity = community(230103000000L, 230199999999L, List.of());
		long otherCity = community(230200000000L, 230299999999L, List.of());
		String tag = unique("案例");
		long a = caseOf("hlj-admin", tag + "同街道", sameTownship, 1500, "PROPERTY_PARTY_BUILDING");
		long b = caseOf("hlj-admin", tag + "同区", sameCounty, 2500, "PROPERTY_PARTY_BUILDING");
		long c = caseOf("hlj-admin", tag + "同市", sameCity, 8000, "GRID_MANAGEMENT");
		long d = caseOf("hlj-admin", tag + "外市", otherCity, 1200, "PROPERTY_PARTY_BUILDING");

		// neighbouring: same township first, then county, then city; another city is not a neighbour
		String near = mvc.perform(get("/api/v1/training/cases").param("near", Long.toString(home)).param("q", tag)
			.with(as("harbin-admin"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(ids(near)).containsExactly(a, b, c);
		assertThat(JsonPath.<List<Integer>>read(near, "$[*].proximity")).containsExactly(1, 2, 3);
		// similar: same kind (community) and size band (1,000–2,999 households), anywhere in the province
		String similar = mvc.perform(get("/api/v1/training/cases").param("similarTo", Long.toString(home))
			.param("households", "2000").param("q", tag).with(as("harbin-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(ids(similar)).containsExactlyInAnyOrder(a, b, d);
		// by topic
		String grid = mvc.perform(get("/api/v1/training/cases").param("topic", "GRID_MANAGEMENT").param("q", tag)
			.with(as("hlj-admin"))).andReturn().getResponse().getContentAsString();
		assertThat(ids(grid)).containsExactly(c);
		// a community without a case needs its households; a non-community is refused
		mvc.perform(get("/api/v1/training/cases").param("similarTo", Long.toString(home)).with(as("hlj-admin")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("households"));
		mvc.perform(get("/api/v1/training/cases").param("near", "230102").with(as("hlj-admin")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("near"));

		// the library is the province's: Ningxia sees none of it; a grid worker has no training rights
		String nx = mvc.perform(get("/api/v1/training/cases").param("q", tag).with(as("nx-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(ids(nx)).isEmpty();
		mvc.perform(get("/api/v1/training/cases/" + a).with(as("nx-admin"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/training/cases").with(as("hlj-grid"))).andExpect(status().isForbidden());
		// Harbin reads Qiqihar's case but may not change it
		mvc.perform(get("/api/v1/training/cases/" + d).with(as("harbin-admin"))).andExpect(status().isOk());
		send("PUT", "harbin-admin", "/api/v1/training/cases/" + d, "{'title':'改','practice':'p','results':'r','topic':'MASS_WORK',"
				+ "'communityCode':'" + otherCity + "','households':10,'year':2025}").andExpect(status().isForbidden());
		post("harbin-admin", "/api/v1/training/cases", "{'title':'x','practice':'p','results':'r','topic':'MASS_WORK','communityCode':'"
				+ otherCity + "','households':10,'year':2025}").andExpect(status().isForbidden());

		// the case's secretary becomes a model secretary, once
		long secretary = fx.personOf("hlj-secretary");
		send("PUT", "hlj-admin", "/api/v1/training/cases/" + a, "{'title':'" + tag + "同街道','practice':'“红色物业”联席会议',"
				+ "'results':'投诉下降六成','topic':'PROPERTY_PARTY_BUILDING','communityCode':'" + sameTownship
				+ "','households':1500,'year':2025,'secretaryPersonId':" + secretary + ",'version':0}")
			.andExpect(status().isOk()).andExpect(jsonPath("$.secretaryName").value("李淑珍"));
		post("hlj-admin", "/api/v1/training/cases/" + a + "/secretary", "{'kind':'PARTY_SCHOOL_EXPERT'}")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("kind"));
		post("hlj-admin", "/api/v1/training/cases/" + b + "/secretary", "{'kind':'PROVINCIAL_MODEL_SECRETARY'}")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("caseId"));
		long lecturer = id(post("hlj-admin", "/api/v1/training/cases/" + a + "/secretary", "{'kind':'PROVINCIAL_MODEL_SECRETARY'}")
			.andExpect(status().isCreated()).andExpect(jsonPath("$.name").value("李淑珍"))
			.andExpect(jsonPath("$.caseId").value(a)).andExpect(jsonPath("$.topics[0]").value("PROPERTY_PARTY_BUILDING")));
		post("hlj-admin", "/api/v1/training/cases/" + a + "/secretary", "{'kind':'NATIONAL_MODEL_SECRETARY'}")
			.andExpect(status().isConflict());
		mvc.perform(get("/api/v1/training/cases/" + a).with(as("hlj-admin"))).andExpect(jsonPath("$.lecturerId").value(lecturer));
		assertThat(fx.audits("TRAINING_CASE_SECRETARY_CHOSEN", a)).isEqualTo(1);
		assertThat(fx.audits("TRAINING_CASE_UPDATE", a)).isEqualTo(1);
	}

	@Test
	void lecturersAreListedByTopicTeachSessionsTheirPlansCiteAndStayInTheirProvince() throws Exception {
		String name = unique("讲师");
		long lecturer = id(post("harbin-admin", "/api/v1/training/lecturers", "{'name':'" + name.substring(0, Math.min(20, name.length()))
				+ "','kind':'PARTY_SCHOOL_EXPERT','title':'教授','unitName':'哈尔滨市委党校','regionCode':'2301',"
				+ "'topics':['DISPUTE_RESOLUTION','MASS_WORK']}")
			.andExpect(status().isCreated()).andExpect(jsonPath("$.topics.length()").value(2)));
		String lecturerName = JsonPath.read(mvc.perform(get("/api/v1/training/lecturers/" + lecturer).with(as("hlj-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), "$.lecturer.name");
		post("harbin-admin", "/api/v1/training/lecturers", "{'name':'外地','kind':'OTHER','regionCode':'2302','topics':['MASS_WORK']}")
			.andExpect(status().isForbidden());
		post("harbin-admin", "/api/v1/training/lecturers", "{'name':'','kind':'NOPE','regionCode':'2301','topics':[]}")
			.andExpect(status().isBadRequest());
		post("harbin-admin", "/api/v1/training/lecturers", "{'name':'','regionCode':'2301','topics':[]}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("name", "kind", "topics")));
		String byTopic = mvc.perform(get("/api/v1/training/lecturers").param("topic", "DISPUTE_RESOLUTION").with(as("hlj-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(ids(byTopic)).contains(lecturer);
		String other = mvc.perform(get("/api/v1/training/lecturers").param("topic", "DISCIPLINE").with(as("hlj-admin")))
			.andReturn().getResponse().getContentAsString();
		assertThat(ids(other)).doesNotContain(lecturer);
		assertThat(ids(mvc.perform(get("/api/v1/training/lecturers").with(as("nx-admin"))).andReturn().getResponse()
			.getContentAsString())).doesNotContain(lecturer);
		mvc.perform(get("/api/v1/training/lecturers/" + lecturer).with(as("nx-admin"))).andExpect(status().isNotFound());
		send("PUT", "harbin-admin", "/api/v1/training/lecturers/" + lecturer, "{'name':'" + lecturerName
				+ "','kind':'PARTY_SCHOOL_EXPERT','regionCode':'2301','topics':['MASS_WORK'],'version':7}")
			.andExpect(status().isConflict());

		// a session of a draft plan cites the lecturer (its name goes to the lecturer column) and a case
		long p = fx.programme();
		long classroom = fx.classroom(p, "BRANCH", TrainingFixtures.HARBIN);
		post("hlj-admin", "/api/v1/training/classrooms/" + classroom + "/plan/versions", "{}").andExpect(status().isCreated());
		long session = id(post("hlj-admin", "/api/v1/training/classrooms/" + classroom + "/plan/sessions",
				"{'date':'2026-06-19','start':'08:00','end':'10:00','hours':2,'title':'" + unique("案例课")
						+ "','courseType':'CASE','delivery':'OFFLINE'}").andExpect(status().isCreated()));
		long theory = id(post("hlj-admin", "/api/v1/training/classrooms/" + classroom + "/plan/sessions",
				"{'date':'2026-06-19','start':'14:00','end':'16:00','hours':2,'title':'" + unique("理论课")
						+ "','courseType':'THEORY','delivery':'OFFLINE'}").andExpect(status().isCreated()));
		long aCase = caseOf("hlj-admin", unique("案例"), 230102001001L, 2000, "DISPUTE_RESOLUTION");
		send("PUT", "nx-admin", "/api/v1/training/sessions/" + session + "/links", "{'lecturerId':" + lecturer + "}")
			.andExpect(status().isForbidden());
		send("PUT", "harbin-admin", "/api/v1/training/sessions/" + theory + "/links", "{'caseId':" + aCase + "}")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("caseId"));
		send("PUT", "harbin-admin", "/api/v1/training/sessions/" + session + "/links", "{'lecturerId':" + lecturer
				+ ",'caseId':" + aCase + "}")
			.andExpect(status().isOk()).andExpect(jsonPath("$.lecturer").value(lecturerName));
		assertThat(jdbc.sql("SELECT lecturer FROM training_session WHERE id = :s").param("s", session).query(String.class)
			.single()).isEqualTo(lecturerName);
		mvc.perform(get("/api/v1/training/lecturers/" + lecturer).with(as("harbin-admin")))
			.andExpect(jsonPath("$.sessions[0].sessionId").value(session))
			.andExpect(jsonPath("$.lecturer.sessions").value(1));
		mvc.perform(get("/api/v1/training/cases/" + aCase).with(as("harbin-admin"))).andExpect(jsonPath("$.lessons").value(1));
		// a new plan version keeps the links
		post("hlj-admin", "/api/v1/training/classrooms/" + classroom + "/plan/submit", "{}");
		assertThat(fx.audits("TRAINING_SESSION_LINK", session)).isEqualTo(1);
	}

	@Test
	void sitesAreEditedAndApprovedInScopeAndShowWhichClassroomsVisitThem() throws Exception {
		long site = id(post("harbin-admin", "/api/v1/training/sites", "{'name':'" + unique("观摩点") + "','kind':'OBSERVATION_SITE',"
				+ "'theme':'党建联建','hostName':'道里区委组织部','regionCode':'230102','capacity':60}").andExpect(status().isCreated()));
		String body = "{'name':'道里区物业党建联建观摩点','kind':'OBSERVATION_SITE','theme':'党建联建','hostName':'道里区委组织部',"
				+ "'regionCode':'230102','capacity':80,'approved':true}";
		send("PUT", "nx-admin", "/api/v1/training/sites/" + site, body).andExpect(status().isForbidden());
		send("PUT", "harbin-admin", "/api/v1/training/sites/" + site, body).andExpect(status().isOk())
			.andExpect(jsonPath("$.approved").value(true)).andExpect(jsonPath("$.capacity").value(80));
		assertThat(jdbc.sql("SELECT approved_by FROM training_site WHERE id = :s").param("s", site).query(String.class).single())
			.isEqualTo("harbin-admin");
		String themed = mvc.perform(get("/api/v1/training/sites").param("theme", "党建联建").param("approved", "true")
			.param("region", "2301").with(as("hlj-admin"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(ids(themed)).contains(site);

		long p = fx.programme();
		long harbin = fx.classroom(p, "BRANCH", TrainingFixtures.HARBIN);
		long qiqihar = fx.classroom(p, "BRANCH", TrainingFixtures.QIQIHAR);
		for (long classroom : new long[] { harbin, qiqihar }) {
			post("hlj-admin", "/api/v1/training/classrooms/" + classroom + "/plan/versions", "{}").andExpect(status().isCreated());
			post("hlj-admin", "/api/v1/training/classrooms/" + classroom + "/plan/sessions",
					"{'date':'2026-06-20','start':'08:00','end':'11:00','hours':3,'title':'现场观摩','courseType':'OBSERVATION',"
							+ "'delivery':'FIELD','siteId':" + site + "}").andExpect(status().isCreated());
		}
		String all = mvc.perform(get("/api/v1/training/sites/" + site + "/visits").with(as("hlj-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<List<Number>>read(all, "$[*].classroomId").stream().map(Number::longValue))
			.containsExactlyInAnyOrder(harbin, qiqihar);
		String harbinOnly = mvc.perform(get("/api/v1/training/sites/" + site + "/visits").with(as("harbin-admin")))
			.andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<List<Number>>read(harbinOnly, "$[*].classroomId").stream().map(Number::longValue))
			.containsExactly(harbin);
		assertThat(fx.audits("TRAINING_SITE_UPDATE", site)).isEqualTo(1);
	}
}
