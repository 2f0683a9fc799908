package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static cn.grassroots.training.TrainingFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import cn.grassroots.IntegrationTest;

/**
 * A symposium (座谈) held from the desk: the form refuses bad fields next to them and stores
 * nothing, a good one is stored and audited; participants are picked from the classroom's people
 * as one types (a head teacher too, though the roster is beyond their reach) or typed in from
 * outside; the minutes are edited in place and guarded against a stale copy.
 */
@IntegrationTest
class SymposiumFormPagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	TrainingFixtures fx;

	long classroom;
	long secretary;

	@BeforeEach
	void setUp() throws Exception {
		fx = new TrainingFixtures(mvc, jdbc);
		long p = fx.programme();
		classroom = fx.classroom(p, "BRANCH", TrainingFixtures.HARBIN);
		secretary = fx.personOf("hlj-secretary");
		fx.enrolConfirmed(p, classroom, secretary);
		mvc.perform(post("/api/v1/training/classrooms/" + classroom + "/staff").with(as("hlj-admin"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json("{'personId':" + fx.personOf("hlj-teacher") + ",'role':'HEAD_TEACHER'}")))
			.andExpect(status().isCreated());
	}

	private MockHttpServletRequestBuilder form(String account, String uri) {
		return post(uri).with(as(account)).with(csrf());
	}

	private String page(String account, String uri) throws Exception {
		return mvc.perform(get(uri).with(as(account)).accept(MediaType.TEXT_HTML)).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString();
	}

	private long symposiums() {
		return fx.count("SELECT COUNT(*) FROM training_symposium WHERE classroom_id = :id", classroom);
	}

	private long participants(long symposium) {
		return fx.count("SELECT COUNT(*) FROM training_symposium_participant WHERE symposium_id = :id", symposium);
	}

	@Test
	void anOfficerHoldsASymposiumAndAHeadTeacherPicksParticipantsAndWritesTheMinutes() throws Exception {
		String base = "/training/classrooms/" + classroom;
		assertThat(page("harbin-admin", base + "/seminars")).contains("/training/classrooms/" + classroom + "/symposiums/new");
		assertThat(page("harbin-admin", base + "/symposiums/new")).contains("data-testid=\"symposium-form\"");

		// a blank title and a date that is none: both named, nothing stored
		mvc.perform(form("harbin-admin", base + "/symposiums").param("title", " ").param("heldOn", "2026-13-45")
			.param("place", "市委党校"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"error-title\"")))
			.andExpect(content().string(containsString("data-testid=\"error-heldOn\"")))
			.andExpect(content().string(containsString("请填写正确的日期")))
			.andExpect(content().string(containsString("value=\"市委党校\"")));
		assertThat(symposiums()).isZero();

		String title = TrainingFixtures.unique("学员座谈会");
		String location = mvc.perform(form("harbin-admin", base + "/symposiums").param("title", title)
			.param("heldOn", "2026-06-22").param("place", "市委党校第二会议室"))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		assertThat(location).startsWith("/training/symposiums/");
		long symposium = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		assertThat(symposiums()).isEqualTo(1);
		assertThat(fx.audits("TRAINING_SYMPOSIUM_CREATE", symposium)).isEqualTo(1);
		assertThat(page("harbin-admin", base + "/seminars")).contains("/training/symposiums/" + symposium).contains(title);

		// the head teacher finds the trainee as they type and adds her with one click
		String uri = "/training/symposiums/" + symposium;
		assertThat(page("hlj-teacher", uri)).contains(title).contains("data-testid=\"people-search\"")
			.contains("data-testid=\"minutes-form\"");
		String found = mvc.perform(get(uri + "/people").param("q", "淑珍").with(as("hlj-teacher")).header("HX-Request", "true"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(found).contains("data-person-id=\"" + secretary + "\"").contains("李淑珍").contains("学员")
			.doesNotContain("<html");
		mvc.perform(get(uri + "/people").param("q", TrainingFixtures.unique("无此人")).with(as("hlj-teacher")))
			.andExpect(status().isOk()).andExpect(content().string(containsString("没有找到此人")));
		mvc.perform(form("hlj-teacher", uri + "/participants").param("personId", Long.toString(secretary)))
			.andExpect(status().is3xxRedirection());
		assertThat(participants(symposium)).isEqualTo(1);
		assertThat(fx.audits("TRAINING_SYMPOSIUM_PARTICIPANT_ADD", symposium)).isEqualTo(1);
		// twice is refused beside the picker
		mvc.perform(form("hlj-teacher", uri + "/participants").param("personId", Long.toString(secretary)))
			.andExpect(status().isOk()).andExpect(content().string(containsString("data-testid=\"error-personId\"")))
			.andExpect(content().string(containsString("此人已在参会名单中")));
		// someone from outside needs a name
		mvc.perform(form("hlj-teacher", uri + "/participants").param("name", "").param("unitName", "省委党校"))
			.andExpect(status().isOk()).andExpect(content().string(containsString("data-testid=\"error-name\"")))
			.andExpect(content().string(containsString("value=\"省委党校\"")));
		assertThat(participants(symposium)).isEqualTo(1);
		mvc.perform(form("hlj-teacher", uri + "/participants").param("name", "王教授").param("unitName", "省委党校"))
			.andExpect(status().is3xxRedirection());
		assertThat(participants(symposium)).isEqualTo(2);
		assertThat(page("harbin-admin", uri)).contains("李淑珍").contains("王教授").contains("外请人员");

		// the minutes: required; a stale copy does not overwrite a newer one
		mvc.perform(form("hlj-teacher", uri + "/minutes").param("minutes", "  ").param("version", "0"))
			.andExpect(status().isOk()).andExpect(content().string(containsString("data-testid=\"error-minutes\"")));
		mvc.perform(form("hlj-teacher", uri + "/minutes").param("minutes", "学员建议增加现场观摩").param("version", "0"))
			.andExpect(status().is3xxRedirection());
		mvc.perform(form("harbin-admin", uri + "/minutes").param("minutes", "旧稿").param("version", "0"))
			.andExpect(status().isOk()).andExpect(content().string(containsString("纪要已被他人修改")))
			.andExpect(content().string(containsString("旧稿")));
		assertThat(jdbc.sql("SELECT minutes FROM training_symposium WHERE id = :id").param("id", symposium)
			.query(String.class).single()).isEqualTo("学员建议增加现场观摩");
		assertThat(fx.audits("TRAINING_SYMPOSIUM_MINUTES", symposium)).isEqualTo(1);
		// the page shows the minutes and who changed what
		assertThat(page("harbin-admin", uri)).contains("学员建议增加现场观摩").contains("TRAINING_SYMPOSIUM_MINUTES");
	}

	@Test
	void aTraineeOfTheClassroomSeesNoSymposiumForms() throws Exception {
		long symposium = TrainingFixtures.id(mvc.perform(post("/api/v1/training/classrooms/" + classroom + "/symposiums")
			.with(as("harbin-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(json("{'title':'座谈','heldOn':'2026-06-22'}"))).andExpect(status().isCreated()).andReturn()
			.getResponse().getContentAsString());
		mvc.perform(get("/training/classrooms/" + classroom + "/symposiums/new").with(as("hlj-secretary")))
			.andExpect(status().isForbidden());
		mvc.perform(get("/training/symposiums/" + symposium).with(as("hlj-secretary"))).andExpect(status().isForbidden());
		mvc.perform(get("/training/symposiums/" + symposium + "/people").param("q", "李").with(as("hlj-secretary")))
			.andExpect(status().isForbidden());
		mvc.perform(form("hlj-secretary", "/training/symposiums/" + symposium + "/participants").param("name", "某人"))
			.andExpect(status().isForbidden());
		mvc.perform(form("hlj-secretary", "/training/symposiums/" + symposium + "/minutes").param("minutes", "x"))
			.andExpect(status().isForbidden());
		mvc.perform(form("hlj-secretary", "/training/classrooms/" + classroom + "/symposiums").param("title", "x")
			.param("heldOn", "2026-06-22")).andExpect(status().isForbidden());
		assertThat(symposiums()).isEqualTo(1);
		assertThat(participants(symposium)).isZero();
		assertThat(page("harbin-admin", "/training/symposiums/" + symposium)).contains("data-testid=\"minutes-form\"");
	}
}
