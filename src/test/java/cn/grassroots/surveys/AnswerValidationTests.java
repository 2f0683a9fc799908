package cn.grassroots.surveys;

import static cn.grassroots.surveys.Distributions.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.grassroots.IntegrationTest;

/**
 * Every question type's rule through the submission path (the same AnswerPolicy as import): each
 * bad answer is a 400 naming the question with a clear message, and nothing is stored; skip
 * logic hides questions (their answers are refused, their requirement lifted).
 */
@IntegrationTest
class AnswerValidationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	long questionnaire;
	List<String> tokens;

	@BeforeEach
	void everyTypeDistributed() throws Exception {
		String formId = "v" + java.util.UUID.randomUUID().toString().substring(0, 8);
		questionnaire = SurveyFixtures.createQuestionnaire(mvc, "hlj-admin", XlsformFiles.everyType(formId).bytes());
		long d = Distributions.id(Distributions.create(mvc, "hlj-admin", questionnaire, "TOKENS", true, "23",
				new String[] { "GRID_WORKER", "2301", "4" }));
		tokens = Distributions.links(mvc, "hlj-admin", questionnaire, d, "COUNT");
	}

	/** A full, valid answer set of a grid worker. */
	static Map<String, Object> valid() {
		Map<String, Object> m = new HashMap<>();
		m.put("position", "grid_worker");
		m.put("city", "harbin");
		m.put("county", "daoli");
		m.put("years", "5");
		m.put("since", "2020-03-01");
		m.put("problems", List.of("meetings", "other"));
		m.put("top3", List.of("other", "meetings"));
		m.put("burden", 4);
		m.put("suggestion", "多沟通");
		m.put("detail", "会议太多\n第二行");
		m.put("hours", "2.5");
		m.put("home", "230102");
		m.put("trained", "yes");
		return m;
	}

	static Map<String, Object> with(String question, Object value) {
		Map<String, Object> m = valid();
		if (value == null) {
			m.remove(question);
		}
		else {
			m.put(question, value);
		}
		return m;
	}

	long responses() {
		return jdbc.sql("SELECT COUNT(*) FROM survey_response WHERE questionnaire_id = :q").param("q", questionnaire)
			.query(Long.class).single();
	}

	void refused(Map<String, Object> answers, String question, String message) throws Exception {
		submit(mvc, tokens.get(0), answers).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value(question))
			.andExpect(jsonPath("$.errors[0].message").value(message));
	}

	@Test
	void eachTypeRefusesWhatItCannotHoldAndStoresNothing() throws Exception {
		refused(with("position", "mayor"), "position", "选项“mayor”不在本题可选范围内");
		refused(with("position", null), "position", "此题为必答题");
		refused(with("county", "longsha"), "county", "选项“longsha”不在本题可选范围内");
		refused(with("problems", List.of("meetings", "meetings")), "problems", "选项“meetings”重复");
		refused(with("top3", List.of("meetings", "reports", "apps", "staff")), "top3", "最多排序 3 项");
		refused(with("burden", 6), "burden", "请填写 1 到 5 之间的分值");
		refused(with("years", "5.5"), "years", "请填写整数");
		refused(with("years", "70"), "years", "数值超出范围（0 – 60）");
		refused(with("hours", "12e3"), "hours", "请填写数字");
		refused(with("since", "2026-02-30"), "since", "日期格式应为 YYYY-MM-DD");
		refused(with("suggestion", "x".repeat(501)), "suggestion", "不能超过 500 个字");
		refused(with("suggestion", "一\n二"), "suggestion", "短文本不能换行");
		refused(with("home", "999999"), "home", "区划代码“999999”不存在");
		refused(with("nosuch", "x"), "nosuch", "问卷中没有题目“nosuch”");
		assertThat(responses()).isZero();
		submit(mvc, tokens.get(0), valid()).andExpect(status().isCreated());
		assertThat(responses()).isEqualTo(1);
	}

	@Test
	void skipLogicHidesTheGridSectionForOthersAndRefusesAnswersToHiddenQuestions() throws Exception {
		Map<String, Object> resident = new HashMap<>();
		resident.put("position", "resident");
		resident.put("city", "qiqihar");
		resident.put("years", "0");
		// the grid section and "trained" are hidden: their required answers are not asked for
		submit(mvc, tokens.get(1), resident).andExpect(status().isCreated());
		Map<String, Object> answered = new HashMap<>(resident);
		answered.put("burden", 3);
		submit(mvc, tokens.get(2), answered).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("burden"))
			.andExpect(jsonPath("$.errors[0].message").value("根据跳题逻辑此题不应作答"));
		// the long text is asked for only when "other" is picked
		refused(with("detail", null), "detail", "此题为必答题");
		Map<String, Object> noOther = with("problems", List.of("meetings"));
		noOther.put("top3", List.of("meetings"));
		submit(mvc, tokens.get(3), noOther).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("detail"));
		noOther.remove("detail");
		submit(mvc, tokens.get(3), noOther).andExpect(status().isCreated());
		assertThat(responses()).isEqualTo(2);
	}
}
