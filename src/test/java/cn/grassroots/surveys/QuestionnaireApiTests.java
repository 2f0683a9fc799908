package cn.grassroots.surveys;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;
import cn.grassroots.surveys.internal.Form;
import cn.grassroots.surveys.internal.Xlsform;

@IntegrationTest
class QuestionnaireApiTests {

	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	static MockMultipartFile file(byte[] bytes) {
		return new MockMultipartFile("file", "form.xlsx", XLSX, bytes);
	}

	static String uniqueId() {
		return "f" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	long count() {
		return jdbc.sql("SELECT COUNT(*) FROM survey_questionnaire").query(Long.class).single()
				+ jdbc.sql("SELECT COUNT(*) FROM survey_version").query(Long.class).single();
	}

	long create(String user, byte[] xlsform, String region) throws Exception {
		var req = multipart("/api/v1/surveys/xlsform").file(file(xlsform)).with(as(user));
		if (region != null) {
			req.param("region", region);
		}
		String body = mvc.perform(req).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return ((Number) JsonPath.read(body, "$.id")).longValue();
	}

	@Test
	void anXlsformComesBackAsTheSameQuestionnaire() throws Exception {
		String formId = uniqueId();
		byte[] uploaded = XlsformFiles.everyType(formId).bytes();
		long id = create("hlj-admin", uploaded, "23");

		byte[] exported = mvc.perform(get("/api/v1/surveys/" + id + "/xlsform").with(as("hlj-admin")))
			.andExpect(status().isOk())
			.andExpect(content().contentType(XLSX))
			.andReturn().getResponse().getContentAsByteArray();
		Form original = Xlsform.read(new ByteArrayInputStream(uploaded));
		assertThat(Xlsform.read(new ByteArrayInputStream(exported))).isEqualTo(original);

		// and importing the export makes a second questionnaire with the same definition
		long again = create("hlj-admin", exported, "23");
		byte[] second = mvc.perform(get("/api/v1/surveys/" + again + "/xlsform").with(as("hlj-admin")))
			.andReturn().getResponse().getContentAsByteArray();
		assertThat(Xlsform.read(new ByteArrayInputStream(second))).isEqualTo(original);

		mvc.perform(get("/api/v1/surveys/" + id).with(as("hlj-admin")))
			.andExpect(jsonPath("$.formId").value(formId))
			.andExpect(jsonPath("$.title").value("网格工作调查"))
			.andExpect(jsonPath("$.regionCode").value("230000000000"))
			.andExpect(jsonPath("$.version").value(1))
			.andExpect(jsonPath("$.questions[2].name").value("county"))
			.andExpect(jsonPath("$.questions[2].choiceFilter").value("city"))
			.andExpect(jsonPath("$.questions[2].choices[2].parent").value("qiqihar"))
			.andExpect(jsonPath("$.questions[7].type").value("SCALE"))
			.andExpect(jsonPath("$.questions[7].section").value("grid"));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'SURVEY_CREATE' AND target_id = :id")
			.param("id", Long.toString(id)).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void aRefusedFormNamesSheetAndRowAndCreatesNothing() throws Exception {
		byte[] bad = XlsformFiles.form()
			.sheet("survey", new String[] { "type", "name", "label" }, new String[] { "text", "a", "甲" },
					new String[] { "geopoint", "where", "位置" })
			.bytes();
		long before = count();
		mvc.perform(multipart("/api/v1/surveys/xlsform").file(file(bad)).with(as("hlj-admin")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.errors[0].sheet").value("survey"))
			.andExpect(jsonPath("$.errors[0].row").value(3))
			.andExpect(jsonPath("$.errors[0].column").value("type"))
			.andExpect(jsonPath("$.errors[0].message").value("不支持的题型“geopoint”"));
		mvc.perform(multipart("/api/v1/surveys/xlsform").file(file("no,xlsx".getBytes())).with(as("hlj-admin")))
			.andExpect(status().isBadRequest());
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void versionsKeepTheirDefinitions() throws Exception {
		String formId = uniqueId();
		long id = create("harbin-admin", XlsformFiles.everyType(formId).bytes(), null);
		byte[] v2 = XlsformFiles.form()
			.sheet("survey", new String[] { "type", "name", "label" }, new String[] { "integer", "age", "年龄" })
			.sheet("settings", new String[] { "form_id", "form_title" }, new String[] { formId, "第二版" })
			.bytes();
		var put = multipart(HttpMethod.PUT, "/api/v1/surveys/" + id + "/xlsform").file(file(v2))
			.with(as("harbin-admin"));
		mvc.perform(put).andExpect(status().isOk()).andExpect(jsonPath("$.version").value(2));
		mvc.perform(get("/api/v1/surveys/" + id).with(as("harbin-admin")))
			.andExpect(jsonPath("$.regionCode").value("230100000000"))
			.andExpect(jsonPath("$.title").value("第二版"))
			.andExpect(jsonPath("$.questions.length()").value(1));
		mvc.perform(get("/api/v1/surveys/" + id).param("version", "1").with(as("harbin-admin")))
			.andExpect(jsonPath("$.questions.length()").value(13))
			.andExpect(jsonPath("$.version").value(1));
		mvc.perform(get("/api/v1/surveys/" + id).param("version", "3").with(as("harbin-admin")))
			.andExpect(status().isNotFound());
	}

	@Test
	void scopeDecidesWhoSeesAndWhoDesigns() throws Exception {
		long province = create("hlj-admin", XlsformFiles.everyType(uniqueId()).bytes(), null);
		long harbin = create("harbin-admin", XlsformFiles.everyType(uniqueId()).bytes(), null);
		long before = count();
		// a city officer may not own a questionnaire at the province, nor another province's account read Heilongjiang's
		mvc.perform(multipart("/api/v1/surveys/xlsform").file(file(XlsformFiles.everyType(uniqueId()).bytes()))
			.param("region", "23").with(as("harbin-admin"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/surveys/" + province).with(as("nx-admin"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/surveys/" + harbin + "/xlsform").with(as("nx-admin"))).andExpect(status().isForbidden());
		mvc.perform(multipart(HttpMethod.PUT, "/api/v1/surveys/" + province + "/xlsform")
			.file(file(XlsformFiles.everyType(uniqueId()).bytes())).with(as("harbin-admin"))).andExpect(status().isForbidden());
		// a grid worker has no survey permission at all
		mvc.perform(get("/api/v1/surveys").with(as("hlj-grid"))).andExpect(status().isForbidden());
		mvc.perform(multipart("/api/v1/surveys/xlsform").file(file(XlsformFiles.everyType(uniqueId()).bytes()))
			.with(as("hlj-grid"))).andExpect(status().isForbidden());
		assertThat(count()).isEqualTo(before);
		// the city officer reads the province's questionnaire (their region's answers only, later) and their own
		mvc.perform(get("/api/v1/surveys/" + province).with(as("harbin-admin"))).andExpect(status().isOk());
		String list = mvc.perform(get("/api/v1/surveys").param("size", "100").with(as("nx-admin")))
			.andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<java.util.List<Integer>>read(list, "$.content[*].id")).doesNotContain((int) province, (int) harbin);
		list = mvc.perform(get("/api/v1/surveys").param("size", "100").with(as("harbin-admin")))
			.andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<java.util.List<Integer>>read(list, "$.content[*].id")).contains((int) province, (int) harbin);
		mvc.perform(get("/api/v1/surveys/999999999").with(as("hlj-admin"))).andExpect(status().isNotFound());
	}

	@Test
	void anAnswerSetIsCheckedWithTheSameRules() throws Exception {
		long id = create("hlj-admin", XlsformFiles.everyType(uniqueId()).bytes(), null);
		RequestPostProcessor admin = as("hlj-admin");
		mvc.perform(post("/api/v1/surveys/" + id + "/check").with(admin).contentType(MediaType.APPLICATION_JSON)
			.content("{\"position\":\"resident\",\"city\":\"harbin\",\"years\":\"3\",\"burden\":\"4\",\"home\":\"230103\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.valid").value(false))
			.andExpect(jsonPath("$.errors.length()").value(1))
			.andExpect(jsonPath("$.errors[0].question").value("burden"))
			.andExpect(jsonPath("$.errors[0].message").value("根据跳题逻辑此题不应作答"));
		mvc.perform(post("/api/v1/surveys/" + id + "/check").with(admin).contentType(MediaType.APPLICATION_JSON)
			.content("{\"position\":\"resident\",\"city\":\"harbin\",\"years\":\"3\",\"home\":\"230103\"}"))
			.andExpect(jsonPath("$.valid").value(true));
	}
}
