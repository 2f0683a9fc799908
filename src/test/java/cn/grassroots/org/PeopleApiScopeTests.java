package cn.grassroots.org;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;

@IntegrationTest
class PeopleApiScopeTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	private long personIn(long fromCode, long toCode) {
		return jdbc.sql("SELECT MIN(id) FROM person WHERE region_code BETWEEN :f AND :t")
			.param("f", fromCode)
			.param("t", toCode)
			.query(Long.class)
			.single();
	}

	@Test
	void aCommunitySecretaryAskingForANingxiaRegionIsForbidden() throws Exception {
		mvc.perform(get("/api/v1/people").param("region", "64").with(as("hlj-secretary")))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
	}

	@Test
	void aCityAdminSeesOnlyPeopleOfTheirCity() throws Exception {
		String body = mvc.perform(get("/api/v1/people").param("size", "100").with(as("harbin-admin")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		List<String> codes = JsonPath.read(body, "$.content[*].regionCode");
		assertThat(codes).isNotEmpty().allMatch(c -> c.startsWith("2301"));
		Integer total = JsonPath.read(body, "$.page.totalElements");
		long inHarbin = jdbc.sql("SELECT COUNT(*) FROM person WHERE region_code BETWEEN 230100000000 AND 230199999999")
			.query(Long.class).single();
		assertThat(total.longValue()).isEqualTo(inHarbin);
	}

	@Test
	void aProvinceAdminAskingForTheirProvinceGetsItsPeopleMasked() throws Exception {
		mvc.perform(get("/api/v1/people").param("region", "23").with(as("hlj-admin")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[0].regionCode").value(org.hamcrest.Matchers.startsWith("23")))
			.andExpect(jsonPath("$.content[0].phone").value(org.hamcrest.Matchers.matchesPattern("\\d{3}\\*{4}\\d{4}")))
			.andExpect(jsonPath("$.content[0].idNumber").value(org.hamcrest.Matchers.matchesPattern("\\d{6}\\*{8}[0-9X]{4}")));
	}

	@Test
	void aGridWorkerReadsOnlyThePeopleOfTheirGrid() throws Exception {
		String body = mvc.perform(get("/api/v1/people").param("size", "100").with(as("hlj-grid")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<Object> grids = JsonPath.read(body, "$.content[*].grid.name");
		assertThat(grids).isNotEmpty();
		List<String> regions = JsonPath.read(body, "$.content[*].regionCode");
		assertThat(regions).allMatch(r -> r.equals("230102001001"));
	}

	@Test
	void aUnitOfficerReadsTheirUnitOnly() throws Exception {
		String body = mvc.perform(get("/api/v1/people").param("size", "100").with(as("nx-civil")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<String> units = JsonPath.read(body, "$.content[*].unit.name");
		assertThat(units).isNotEmpty().allMatch(u -> u.equals("自治区民政厅"));
	}

	@Test
	void readingAPersonOutsideTheScopeIsForbidden() throws Exception {
		long ningxian = personIn(640000000000L, 649999999999L);
		mvc.perform(get("/api/v1/people/" + ningxian).with(as("hlj-admin"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/people/" + ningxian).with(as("nx-admin"))).andExpect(status().isOk());
		mvc.perform(get("/api/v1/people/999999999").with(as("nx-admin"))).andExpect(status().isNotFound());
	}

	@Test
	void changingAPersonOutsideTheScopeIsForbiddenAndChangesNothing() throws Exception {
		long ningxian = personIn(640000000000L, 649999999999L);
		String before = jdbc.sql("SELECT name FROM person WHERE id = :id").param("id", ningxian).query(String.class).single();
		mvc.perform(put("/api/v1/people/" + ningxian).with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"改名\",\"regionCode\":\"230102001001\"}"))
			.andExpect(status().isForbidden());
		assertThat(jdbc.sql("SELECT name FROM person WHERE id = :id").param("id", ningxian).query(String.class).single())
			.isEqualTo(before);
	}

	@Test
	void creatingAPersonOutsideTheScopeIsForbiddenAndWritesNothing() throws Exception {
		long count = jdbc.sql("SELECT COUNT(*) FROM person").query(Long.class).single();
		long ningxiaVillage = jdbc.sql("SELECT MIN(code) FROM region WHERE level = 'VILLAGE' AND code BETWEEN 640000000000 AND 649999999999")
			.query(Long.class).single();
		mvc.perform(post("/api/v1/people").with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"越权新增\",\"regionCode\":\"" + ningxiaVillage + "\"}"))
			.andExpect(status().isForbidden());
		assertThat(jdbc.sql("SELECT COUNT(*) FROM person").query(Long.class).single()).isEqualTo(count);
	}

	@Test
	void aCreatedPersonTakesGenderAndBirthFromTheIdNumberAndIsStoredEncrypted() throws Exception {
		String first17 = "23010219850612" + String.format("%03d", (int) (System.nanoTime() % 500) * 2 + 1);
		String id = first17 + IdNumbers.checkCharacter(first17);
		String body = mvc.perform(post("/api/v1/people").with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"测试新增\",\"regionCode\":\"230102001001\",\"idNumber\":\"" + id
					+ "\",\"phone\":\"13912345678\",\"partyMember\":true}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.gender").value("MALE"))
			.andExpect(jsonPath("$.birthDate").value("1985-06-12"))
			.andExpect(jsonPath("$.phone").value("139****5678"))
			.andExpect(jsonPath("$.regionCode").value("230102001001"))
			.andReturn().getResponse().getContentAsString();
		long personId = ((Number) JsonPath.read(body, "$.id")).longValue();
		String stored = jdbc.sql("SELECT id_number_cipher FROM person WHERE id = :id").param("id", personId).query(String.class).single();
		assertThat(stored).startsWith("sm4:").doesNotContain(id);
		String audit = jdbc.sql("SELECT after_value FROM audit_event WHERE action = 'PERSON_CREATE' AND target_id = :id")
			.param("id", Long.toString(personId)).query(String.class).single();
		assertThat(audit).contains("139****5678").doesNotContain("13912345678").doesNotContain(id);

		mvc.perform(post("/api/v1/people/" + personId + "/reveal").with(as("harbin-admin")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.idNumber").value(id))
			.andExpect(jsonPath("$.phone").value("13912345678"));
		mvc.perform(post("/api/v1/people/" + personId + "/reveal").with(as("hlj-grid"))).andExpect(status().isForbidden());
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'PERSON_REVEAL' AND target_id = :id")
			.param("id", Long.toString(personId)).query(Long.class).single()).isEqualTo(1);

		// the same ID number twice is a clash on the field
		mvc.perform(post("/api/v1/people").with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"重复\",\"regionCode\":\"230102001001\",\"idNumber\":\"" + id + "\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("idNumber"));
	}

	@Test
	void badInputGetsFieldErrorsAndWritesNothing() throws Exception {
		long count = jdbc.sql("SELECT COUNT(*) FROM person").query(Long.class).single();
		mvc.perform(post("/api/v1/people").with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"\",\"regionCode\":\"abc\",\"idNumber\":\"230102198506120011\",\"phone\":\"12\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.errors[?(@.field == 'name')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'regionCode')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'phone')]").exists());
		mvc.perform(post("/api/v1/people").with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON).content("{not json"))
			.andExpect(status().isBadRequest());
		mvc.perform(post("/api/v1/people").with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"x\",\"gender\":\"UNKNOWN\"}"))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/people").param("region", "12345").with(as("harbin-admin"))).andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/people/abc").with(as("harbin-admin"))).andExpect(status().isBadRequest());
		assertThat(jdbc.sql("SELECT COUNT(*) FROM person").query(Long.class).single()).isEqualTo(count);
	}
}
