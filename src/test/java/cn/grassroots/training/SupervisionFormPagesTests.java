package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import cn.grassroots.IntegrationTest;

/**
 * 督学 from the desk, the whole loop: the province forms a team of people found in the roster as it
 * types; a member records a visit to a classroom and its findings; the classroom reports its
 * rectification; the team sends it back, then accepts it and the finding is closed. Each form
 * names its bad fields and stores nothing; each step is audited and shown.
 */
@IntegrationTest
class SupervisionFormPagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	TrainingFixtures fx;

	long programme;
	long harbin;
	long teacher;
	String teacherName;

	@BeforeEach
	void setUp() throws Exception {
		fx = new TrainingFixtures(mvc, jdbc);
		programme = fx.programme();
		harbin = fx.classroom(programme, "BRANCH", TrainingFixtures.HARBIN);
		teacher = fx.personOf("hlj-teacher");
		teacherName = jdbc.sql("SELECT name FROM person WHERE id = :id").param("id", teacher).query(String.class).single();
	}

	private MockHttpServletRequestBuilder form(String account, String uri) {
		return post(uri).with(as(account)).with(csrf());
	}

	private String page(String account, String uri) throws Exception {
		return mvc.perform(get(uri).with(as(account)).accept(MediaType.TEXT_HTML)).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString();
	}

	private static long idAfter(String prefix, String location) {
		assertThat(location).startsWith(prefix);
		return Long.parseLong(location.substring(prefix.length()));
	}

	private String findingStatus(long finding) {
		return jdbc.sql("SELECT status FROM training_supervision_finding WHERE id = :id").param("id", finding)
			.query(String.class).single();
	}

	private long count(String table, String column, long id) {
		return fx.count("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = :id", id);
	}

	@Test
	void aTeamVisitsAClassroomAndAFindingIsRectifiedReturnedAndClosedFromThePages() throws Exception {
		String supervision = "/training/programmes/" + programme + "/supervision";
		String desk = page("hlj-admin", supervision);
		assertThat(desk).contains(supervision + "/teams/new").contains(supervision + "/visits/new");

		// the team: members found in the roster as one types, one picked as leader
		assertThat(page("hlj-admin", supervision + "/teams/new")).contains("data-testid=\"team-form\"");
		String found = mvc.perform(get(supervision + "/people").param("q", teacherName).with(as("hlj-admin"))
			.header("HX-Request", "true")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(found).contains("data-person-id=\"" + teacher + "\"").contains("/supervision/teams/member?personId=" + teacher);
		assertThat(page("hlj-admin", supervision + "/teams/member?personId=" + teacher))
			.contains("name=\"memberPersonIds\"").contains("value=\"" + teacher + "\"").contains(teacherName);
		// once picked, a member is neither suggested again nor added a second time
		String again = mvc.perform(get(supervision + "/people").param("q", teacherName)
			.param("memberPersonIds", Long.toString(teacher)).with(as("hlj-admin")).header("HX-Request", "true"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(again).doesNotContain("data-person-id=\"" + teacher + "\"");
		assertThat(page("hlj-admin", supervision + "/teams/member?personId=" + teacher + "&memberPersonIds=" + teacher))
			.doesNotContain("name=\"memberPersonIds\"").contains("id=\"member-suggestions\"");
		mvc.perform(form("hlj-admin", supervision + "/teams").param("name", " "))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"error-name\"")))
			.andExpect(content().string(containsString("data-testid=\"error-memberPersonIds\"")));
		String teamName = TrainingFixtures.unique("第一督学组");
		// a leader who is not among the members is refused; the picked member stays on the form
		mvc.perform(form("hlj-admin", supervision + "/teams").param("name", teamName)
			.param("memberPersonIds", Long.toString(teacher)).param("leaderPersonId", Long.toString(fx.personOf("hlj-secretary"))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"error-leaderPersonId\"")))
			.andExpect(content().string(containsString("data-member=\"" + teacher + "\"")));
		assertThat(count("training_supervision_team", "programme_id", programme)).isZero();
		mvc.perform(form("hlj-admin", supervision + "/teams").param("name", teamName)
			.param("memberPersonIds", Long.toString(teacher)).param("leaderPersonId", Long.toString(teacher)))
			.andExpect(status().is3xxRedirection());
		long team = jdbc.sql("SELECT id FROM training_supervision_team WHERE programme_id = :p").param("p", programme)
			.query(Long.class).single();
		assertThat(fx.audits("TRAINING_SUPERVISION_TEAM_CREATE", team)).isEqualTo(1);
		assertThat(page("hlj-admin", supervision)).contains(teamName);

		// the member records the visit
		String visitForm = page("hlj-teacher", supervision + "/visits/new");
		assertThat(visitForm).contains("data-testid=\"visit-form\"").contains(teamName).doesNotContain("data-testid=\"no-team\"");
		mvc.perform(form("hlj-teacher", supervision + "/visits").param("teamId", "").param("classroomId", Long.toString(harbin))
			.param("visitedOn", "20.6.2026").param("summary", "随堂听课"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"error-teamId\"")))
			.andExpect(content().string(containsString("data-testid=\"error-visitedOn\"")))
			.andExpect(content().string(containsString("随堂听课")));
		assertThat(count("training_supervision_visit", "team_id", team)).isZero();
		long visit = idAfter("/training/supervision/visits/", mvc.perform(form("hlj-teacher", supervision + "/visits")
			.param("teamId", Long.toString(team)).param("classroomId", Long.toString(harbin)).param("visitedOn", "2026-06-20")
			.param("summary", "随堂听课，抽查考勤和请假审批"))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl());
		assertThat(fx.audits("TRAINING_SUPERVISION_VISIT_CREATE", visit)).isEqualTo(1);
		String visitUri = "/training/supervision/visits/" + visit;
		assertThat(page("hlj-teacher", visitUri)).contains("抽查考勤和请假审批").contains("data-testid=\"finding-form\"");

		// a finding: its deadline cannot come before the visit
		mvc.perform(form("hlj-teacher", visitUri + "/findings").param("description", "请假审批记录不全").param("deadline", "2026-01-01"))
			.andExpect(status().isOk()).andExpect(content().string(containsString("data-testid=\"error-deadline\"")))
			.andExpect(content().string(containsString("请假审批记录不全")));
		assertThat(count("training_supervision_finding", "visit_id", visit)).isZero();
		long finding = idAfter("/training/supervision/findings/", mvc.perform(form("hlj-teacher", visitUri + "/findings")
			.param("description", "请假审批记录不全").param("deadline", "2026-07-20"))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl());
		assertThat(findingStatus(finding)).isEqualTo("OPEN");
		assertThat(fx.audits("TRAINING_SUPERVISION_FINDING_CREATE", finding)).isEqualTo(1);
		String findingUri = "/training/supervision/findings/" + finding;
		// the team does not rectify; the classroom does not review
		assertThat(page("hlj-teacher", findingUri)).doesNotContain("data-testid=\"rectification-form\"")
			.doesNotContain("data-testid=\"review-form\"").contains("等待课堂报告整改情况");
		assertThat(page("harbin-admin", findingUri)).contains("data-testid=\"rectification-form\"");

		// the classroom reports: a note is required
		mvc.perform(form("harbin-admin", findingUri + "/rectification").param("note", " "))
			.andExpect(status().isOk()).andExpect(content().string(containsString("data-testid=\"error-note\"")));
		assertThat(findingStatus(finding)).isEqualTo("OPEN");
		mvc.perform(form("harbin-admin", findingUri + "/rectification").param("note", "已补齐审批单"))
			.andExpect(status().is3xxRedirection());
		assertThat(findingStatus(finding)).isEqualTo("RECTIFIED");
		assertThat(fx.audits("TRAINING_SUPERVISION_FINDING_REPORTED", finding)).isEqualTo(1);
		// reporting again once it moved on is refused on the page, nothing changes
		mvc.perform(form("harbin-admin", findingUri + "/rectification").param("note", "再报一次"))
			.andExpect(status().isOk()).andExpect(content().string(containsString("问题状态已变化")));
		assertThat(fx.audits("TRAINING_SUPERVISION_FINDING_REPORTED", finding)).isEqualTo(1);

		// the team reviews: a decision and a note are required; it sends the finding back, then accepts it
		assertThat(page("hlj-teacher", findingUri)).contains("data-testid=\"review-form\"");
		mvc.perform(form("hlj-teacher", findingUri + "/review").param("reviewNote", ""))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-testid=\"error-decision\"")))
			.andExpect(content().string(containsString("data-testid=\"error-reviewNote\"")));
		mvc.perform(form("hlj-teacher", findingUri + "/review").param("decision", "RETURN").param("reviewNote", " "))
			.andExpect(status().isOk()).andExpect(content().string(containsString("data-testid=\"error-reviewNote\"")));
		assertThat(findingStatus(finding)).isEqualTo("RECTIFIED");
		mvc.perform(form("hlj-teacher", findingUri + "/review").param("decision", "RETURN").param("reviewNote", "缺班主任签字"))
			.andExpect(status().is3xxRedirection());
		assertThat(findingStatus(finding)).isEqualTo("OPEN");
		mvc.perform(form("harbin-admin", findingUri + "/rectification").param("note", "已补签字")).andExpect(status().is3xxRedirection());
		mvc.perform(form("hlj-teacher", findingUri + "/review").param("decision", "ACCEPT").param("reviewNote", "整改到位"))
			.andExpect(status().is3xxRedirection());
		assertThat(findingStatus(finding)).isEqualTo("CLOSED");
		assertThat(fx.audits("TRAINING_SUPERVISION_FINDING_RETURNED", finding)).isEqualTo(1);
		assertThat(fx.audits("TRAINING_SUPERVISION_FINDING_CLOSED", finding)).isEqualTo(1);

		String closed = page("harbin-admin", findingUri);
		Matcher steps = Pattern.compile("data-step=\"([A-Z]+)\"").matcher(closed);
		List<String> seen = new java.util.ArrayList<>();
		while (steps.find()) {
			seen.add(steps.group(1));
		}
		assertThat(seen).containsExactly("FOUND", "REPORTED", "RETURNED", "REPORTED", "CLOSED");
		assertThat(closed).contains("已销号").doesNotContain("data-testid=\"rectification-form\"")
			.doesNotContain("data-testid=\"review-form\"");
		// the programme's supervision page links to the visit and the finding
		assertThat(page("harbin-admin", supervision)).contains(visitUri).contains(findingUri);
	}

	@Test
	void aCityOfficerMayNeitherFormTeamsNorRecordVisitsForTheProvince() throws Exception {
		String supervision = "/training/programmes/" + programme + "/supervision";
		mvc.perform(get(supervision + "/teams/new").with(as("harbin-admin"))).andExpect(status().isForbidden());
		mvc.perform(get(supervision + "/people").param("q", teacherName).with(as("harbin-admin"))).andExpect(status().isForbidden());
		mvc.perform(form("harbin-admin", supervision + "/teams").param("name", "自组").param("memberPersonIds",
				Long.toString(teacher))).andExpect(status().isForbidden());
		mvc.perform(get(supervision + "/visits/new").with(as("harbin-admin"))).andExpect(status().isForbidden());
		mvc.perform(form("harbin-admin", supervision + "/visits").param("teamId", "").param("classroomId", Long.toString(harbin))
			.param("visitedOn", "bad")).andExpect(status().isForbidden());
		assertThat(count("training_supervision_team", "programme_id", programme)).isZero();
	}
}
