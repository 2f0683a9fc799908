package cn.grassroots.org;

import static cn.grassroots.Api.as;
import static cn.grassroots.org.StructureFixtures.SHENGBAOSHE;
import static cn.grassroots.org.StructureFixtures.id;
import static cn.grassroots.org.StructureFixtures.json;
import static cn.grassroots.org.StructureFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
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
class PartyOrganisationApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	StructureFixtures fx;

	@BeforeEach
	void setUp() {
		fx = new StructureFixtures(mvc, jdbc);
	}

	private String body(String code, String name, String kind, String region, Long parentId, Long unitId) {
		return json("{'code':'" + code + "','name':'" + name + "','kind':'" + kind + "','regionCode':'" + region
				+ "','parentId':" + parentId + ",'unitId':" + unitId + "}");
	}

	@Test
	void listsNeverShowOrganisationsOutsideTheScope() throws Exception {
		String body = mvc.perform(get("/api/v1/party-organisations").param("size", "100").with(as("hlj-secretary")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<String> regions = JsonPath.read(body, "$.content[*].regionCode");
		assertThat(regions).isNotEmpty().allMatch(r -> r.equals("230102001001"));
		body = mvc.perform(get("/api/v1/party-organisations").param("size", "100").with(as("nx-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat((List<String>) JsonPath.read(body, "$.content[*].regionCode")).isNotEmpty().allMatch(r -> r.startsWith("64"));
		mvc.perform(get("/api/v1/party-organisations").param("kind", "BRANCH").param("region", "230102001").with(as("harbin-admin")))
			.andExpect(jsonPath("$.content[*].kind").value(org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.is("BRANCH"))));
		mvc.perform(get("/api/v1/party-organisations").with(as("nx-civil"))).andExpect(jsonPath("$.page.totalElements").value(0));
		mvc.perform(get("/api/v1/party-organisations").param("region", "23").with(as("nx-admin")))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
	}

	@Test
	void anOrganisationShowsItsParentUnitAndChildren() throws Exception {
		long community = fx.organisationId("P230102001001");
		mvc.perform(get("/api/v1/party-organisations/" + community).with(as("hlj-secretary")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.kind").value("COMMITTEE"))
			.andExpect(jsonPath("$.regionCode").value("230102001001"))
			.andExpect(jsonPath("$.parent.name").value("中共哈尔滨市道里区兆麟街道工作委员会"))
			.andExpect(jsonPath("$.children.length()").value(org.hamcrest.Matchers.greaterThanOrEqualTo(3)))
			.andExpect(jsonPath("$.children[?(@.name == '黑龙江日报社离退休党总支')]").exists());
		mvc.perform(get("/api/v1/party-organisations/" + fx.organisationId("P230102001001-03")).with(as("hlj-secretary")))
			.andExpect(jsonPath("$.unit.name").value("黑龙江日报社"));
		mvc.perform(get("/api/v1/party-organisations/" + community).with(as("nx-admin"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/party-organisations/" + fx.organisationId("P230102001")).with(as("hlj-secretary")))
			.andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/party-organisations/0").with(as("hlj-secretary"))).andExpect(status().isNotFound());
	}

	@Test
	void theTreeUnderARegionFollowsTheParentLinks() throws Exception {
		String tree = mvc.perform(get("/api/v1/party-organisations/tree").param("region", "230102001").with(as("harbin-admin")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.region").value("230102001000"))
			.andExpect(jsonPath("$.roots[?(@.code == 'P230102001')].children[0].code").value("P230102001001"))
			.andReturn().getResponse().getContentAsString();
		List<String> underCommunity = JsonPath.read(tree,
				"$.roots[?(@.code == 'P230102001')].children[?(@.code == 'P230102001001')].children[*].code");
		assertThat(underCommunity).contains("P230102001001-01", "P230102001001-02", "P230102001001-03");
		// the secretary sees the community's part; its parent is outside, so the committee is a root
		mvc.perform(get("/api/v1/party-organisations/tree").param("region", "230102001001").with(as("hlj-secretary")))
			.andExpect(jsonPath("$.roots[?(@.code == 'P230102001001')]").exists())
			.andExpect(jsonPath("$.roots[?(@.code == 'P230102001')]").doesNotExist());
		mvc.perform(get("/api/v1/party-organisations/tree").param("region", "230102001").with(as("nx-admin")))
			.andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/party-organisations/tree").with(as("nx-admin"))).andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/party-organisations/tree").param("region", "x").with(as("nx-admin"))).andExpect(status().isBadRequest());
	}

	@Test
	void organisationsAreCreatedAndChangedWithTheRulesOfTheHierarchy() throws Exception {
		long community = fx.organisationId("P230102001001");
		long newspaper = fx.unitId("230102001-003");
		String general = fx.organisation("hlj-secretary", unique("PG-"), unique("测试党总支"), "GENERAL_BRANCH", SHENGBAOSHE,
				community, newspaper);
		long generalId = id(general);
		assertThat((String) JsonPath.read(general, "$.unit.name")).isEqualTo("黑龙江日报社");
		String branchCode = unique("PB-");
		long branch = id(fx.organisation("hlj-secretary", branchCode, unique("测试党支部"), "BRANCH", SHENGBAOSHE, generalId, null));
		// under a general branch only branches; under a branch nothing
		mvc.perform(post("/api/v1/party-organisations").with(as("hlj-secretary")).contentType(MediaType.APPLICATION_JSON)
			.content(body(unique("PX-"), unique("x"), "COMMITTEE", "230102001001", generalId, null)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("kind"));
		mvc.perform(post("/api/v1/party-organisations").with(as("hlj-secretary")).contentType(MediaType.APPLICATION_JSON)
			.content(body(unique("PX-"), unique("x"), "BRANCH", "230102001001", branch, null)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].message").value("党支部下不能再设党组织"));
		// a general branch with branches cannot become a branch; nor can it hang under its own branch
		String generalCode = JsonPath.read(general, "$.code");
		mvc.perform(put("/api/v1/party-organisations/" + generalId).with(as("hlj-secretary")).contentType(MediaType.APPLICATION_JSON)
			.content(body(generalCode, "x", "BRANCH", "230102001001", community, newspaper)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[?(@.field == 'kind')]").exists());
		mvc.perform(put("/api/v1/party-organisations/" + generalId).with(as("hlj-secretary")).contentType(MediaType.APPLICATION_JSON)
			.content(body(generalCode, "x", "COMMITTEE", "230102001001", generalId, null)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("parentId"));
		// a cycle through two levels
		long committee = id(fx.organisation("hlj-secretary", unique("PC-"), unique("测试党委"), "COMMITTEE", SHENGBAOSHE, null, null));
		long sub = id(fx.organisation("hlj-secretary", unique("PC-"), unique("测试下级党委"), "COMMITTEE", SHENGBAOSHE, committee, null));
		String committeeCode = jdbc.sql("SELECT code FROM party_organisation WHERE id = :id").param("id", committee).query(String.class).single();
		mvc.perform(put("/api/v1/party-organisations/" + committee).with(as("hlj-secretary")).contentType(MediaType.APPLICATION_JSON)
			.content(body(committeeCode, "环", "COMMITTEE", "230102001001", sub, null)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].message").value("上级党组织不能是本组织或其下级组织"));
		assertThat(jdbc.sql("SELECT parent_id FROM party_organisation WHERE id = :id").param("id", committee)
			.query(Long.class).optional()).isEmpty();
		// a plain rename is fine and audited
		String renamed = unique("改名党总支");
		mvc.perform(put("/api/v1/party-organisations/" + generalId).with(as("hlj-secretary")).contentType(MediaType.APPLICATION_JSON)
			.content(body(generalCode, renamed, "GENERAL_BRANCH", "230102001001", community, newspaper)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value(renamed))
			.andExpect(jsonPath("$.version").value(1));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE target_type = 'partyOrganisation' AND target_id = :id")
			.param("id", Long.toString(generalId)).query(Long.class).single()).isEqualTo(2);
		mvc.perform(post("/api/v1/party-organisations").with(as("hlj-secretary")).contentType(MediaType.APPLICATION_JSON)
			.content(body(branchCode, "重复", "BRANCH", "230102001001", null, null)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("code"));
	}

	@Test
	void changesOutsideTheScopeAreForbiddenAndChangeNothing() throws Exception {
		long organisations = fx.count("party_organisation");
		long audits = fx.count("audit_event");
		long street = fx.organisationId("P230102001");
		long nxOrg = fx.organisationId("P64-001");
		mvc.perform(post("/api/v1/party-organisations").with(as("hlj-secretary")).contentType(MediaType.APPLICATION_JSON)
			.content(body(unique("PX-"), unique("越权"), "BRANCH", "64", null, null)))
			.andExpect(status().isForbidden());
		// under a parent outside the caller's scope
		mvc.perform(post("/api/v1/party-organisations").with(as("hlj-secretary")).contentType(MediaType.APPLICATION_JSON)
			.content(body(unique("PX-"), unique("越权"), "BRANCH", "230102001001", street, null)))
			.andExpect(status().isForbidden());
		// with a unit the caller cannot see
		mvc.perform(post("/api/v1/party-organisations").with(as("hlj-secretary")).contentType(MediaType.APPLICATION_JSON)
			.content(body(unique("PX-"), unique("越权"), "BRANCH", "230102001001", null, fx.unitId("64-010"))))
			.andExpect(status().isForbidden());
		mvc.perform(put("/api/v1/party-organisations/" + street).with(as("hlj-secretary")).contentType(MediaType.APPLICATION_JSON)
			.content(body("P230102001", "改名", "WORKING_COMMITTEE", "230102001", null, null)))
			.andExpect(status().isForbidden());
		mvc.perform(put("/api/v1/party-organisations/" + nxOrg).with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(body("P64-001", "改名", "COMMITTEE", "64", null, null)))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/party-organisations").with(as("hlj-grid")).contentType(MediaType.APPLICATION_JSON)
			.content(body(unique("PX-"), unique("越权"), "BRANCH", "230102001001", null, null)))
			.andExpect(status().isForbidden());
		assertThat(fx.count("party_organisation")).isEqualTo(organisations);
		assertThat(fx.count("audit_event")).isEqualTo(audits);
		assertThat(jdbc.sql("SELECT name FROM party_organisation WHERE id = :id").param("id", nxOrg).query(String.class).single())
			.isEqualTo("中共宁夏回族自治区委员会组织部机关委员会");
	}

	@Test
	void badInputIsABadRequestWithFieldErrors() throws Exception {
		long organisations = fx.count("party_organisation");
		mvc.perform(post("/api/v1/party-organisations").with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(json("{'code':'','name':' ','regionCode':'2301020010011','parentId':99999999,'unitId':99999999}")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[?(@.field == 'code')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'name')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'kind')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'regionCode')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'parentId')].message").value("党组织不存在"))
			.andExpect(jsonPath("$.errors[?(@.field == 'unitId')]").exists());
		mvc.perform(post("/api/v1/party-organisations").with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(body(unique("PK-"), "x", "CELL", "2301", null, null)))
			.andExpect(status().isBadRequest());
		mvc.perform(post("/api/v1/party-organisations").with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(json("{'code':'x','parentId':'abc'}")))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/party-organisations/abc").with(as("harbin-admin"))).andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/party-organisations").param("kind", "CELL").with(as("harbin-admin"))).andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/party-organisations").param("region", "0").with(as("harbin-admin"))).andExpect(status().isBadRequest());
		assertThat(fx.count("party_organisation")).isEqualTo(organisations);
	}
}
