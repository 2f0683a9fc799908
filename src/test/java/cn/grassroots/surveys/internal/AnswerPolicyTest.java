package cn.grassroots.surveys.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.grassroots.surveys.XlsformFiles;

/** The answer policy on a questionnaire with every type (see XlsformFiles.everyType). */
class AnswerPolicyTest {

	static AnswerPolicy policy;

	@BeforeAll
	static void load() throws IOException {
		Form form = Xlsform.read(new ByteArrayInputStream(XlsformFiles.everyType("t").bytes()));
		// the only region this test knows: Harbin's Nangang district, in short or full form
		policy = new AnswerPolicy(form, text -> text.equals("230103") || text.equals("230103000000")
				? Optional.of(230103000000L) : Optional.empty());
	}

	/** A complete, valid answer set of a grid worker. */
	static Map<String, String> gridWorker() {
		Map<String, String> a = new HashMap<>();
		a.put("position", "grid_worker");
		a.put("city", "harbin");
		a.put("county", "nangang");
		a.put("years", "5");
		a.put("since", "2021-03-01");
		a.put("problems", "meetings apps");
		a.put("top3", "apps meetings");
		a.put("burden", "4");
		a.put("suggestion", "减少报表");
		a.put("hours", "6.5");
		a.put("home", "230103");
		a.put("trained", "yes");
		return a;
	}

	static Map<String, String> with(Map<String, String> base, String... kv) {
		Map<String, String> m = new HashMap<>(base);
		for (int i = 0; i < kv.length; i += 2) {
			if (kv[i + 1] == null) {
				m.remove(kv[i]);
			}
			else {
				m.put(kv[i], kv[i + 1]);
			}
		}
		return m;
	}

	static List<String> problems(Map<String, String> answers) {
		return policy.check(answers).problems().stream().map(p -> p.question() + " " + p.message()).toList();
	}

	@Test
	void aCompleteAnswerSetIsParsedByType() {
		AnswerPolicy.Result r = policy.check(gridWorker());
		assertThat(r.problems()).isEmpty();
		assertThat(r.values()).containsEntry("position", "grid_worker")
			.containsEntry("years", new BigDecimal("5"))
			.containsEntry("since", LocalDate.of(2021, 3, 1))
			.containsEntry("problems", List.of("meetings", "apps"))
			.containsEntry("top3", List.of("apps", "meetings"))
			.containsEntry("burden", new BigDecimal("4"))
			.containsEntry("hours", new BigDecimal("6.5"))
			.containsEntry("home", 230103000000L)
			.doesNotContainKey("detail");
	}

	@Test
	void skipLogicHidesASectionAndAQuestion() {
		// a resident representative never sees the grid section nor the training question
		Map<String, String> resident = with(gridWorker(), "position", "resident", "problems", null, "top3", null,
				"burden", null, "trained", null);
		assertThat(problems(resident)).isEmpty();
		assertThat(problems(with(resident, "burden", "3"))).containsExactly("burden surveys.answer.hidden");
		assertThat(problems(with(resident, "trained", "no"))).containsExactly("trained surveys.answer.hidden");
		// not(${years} < 1): under a year hides it, so its required answer is not asked for
		assertThat(problems(with(gridWorker(), "years", "0", "trained", null))).isEmpty();
		assertThat(problems(with(gridWorker(), "years", "0"))).containsExactly("trained surveys.answer.hidden");
	}

	@Test
	void aRequiredQuestionThatIsShownMustBeAnswered() {
		assertThat(problems(with(gridWorker(), "burden", null))).containsExactly("burden surveys.answer.required");
		assertThat(problems(with(gridWorker(), "burden", "  "))).containsExactly("burden surveys.answer.required");
		// selected(${problems}, 'other') shows the long text, which is required
		assertThat(problems(with(gridWorker(), "problems", "meetings other"))).containsExactly("detail surveys.answer.required");
		assertThat(problems(with(gridWorker(), "problems", "meetings other", "detail", "第一行\n第二行"))).isEmpty();
		assertThat(problems(with(gridWorker(), "detail", "说明"))).containsExactly("detail surveys.answer.hidden");
	}

	@Test
	void choicesMustBeOfferedAfterTheFilter() {
		assertThat(problems(with(gridWorker(), "position", "mayor"))).contains("position surveys.answer.notOffered");
		assertThat(problems(with(gridWorker(), "county", "longsha"))).containsExactly("county surveys.answer.notOffered");
		assertThat(problems(with(gridWorker(), "city", "qiqihar", "county", "longsha"))).isEmpty();
		assertThat(problems(with(gridWorker(), "problems", "meetings meetings"))).containsExactly("problems surveys.answer.duplicateChoice");
		assertThat(problems(with(gridWorker(), "problems", "meetings parking"))).containsExactly("problems surveys.answer.notOffered");
	}

	@Test
	void rankingsAtMostTopThreeDistinct() {
		assertThat(problems(with(gridWorker(), "top3", "apps meetings staff"))).isEmpty();
		assertThat(problems(with(gridWorker(), "top3", "apps meetings staff reports"))).containsExactly("top3 surveys.answer.rankTooMany");
		assertThat(problems(with(gridWorker(), "top3", "apps apps"))).containsExactly("top3 surveys.answer.duplicateChoice");
	}

	@Test
	void scalesNumbersDatesTextAndRegionsAreChecked() {
		assertThat(problems(with(gridWorker(), "burden", "6"))).containsExactly("burden surveys.answer.scaleRange");
		assertThat(problems(with(gridWorker(), "burden", "0"))).containsExactly("burden surveys.answer.scaleRange");
		assertThat(problems(with(gridWorker(), "burden", "2.5"))).containsExactly("burden surveys.answer.scaleRange");
		assertThat(problems(with(gridWorker(), "burden", "很高"))).containsExactly("burden surveys.answer.number");
		assertThat(problems(with(gridWorker(), "years", "2.5"))).containsExactly("years surveys.answer.integer");
		assertThat(problems(with(gridWorker(), "years", "61"))).containsExactly("years surveys.answer.numberRange");
		assertThat(problems(with(gridWorker(), "years", "-1"))).containsExactly("years surveys.answer.numberRange");
		assertThat(problems(with(gridWorker(), "hours", "1e999999"))).containsExactly("hours surveys.answer.number");
		assertThat(problems(with(gridWorker(), "since", "2021-02-30"))).containsExactly("since surveys.answer.date");
		assertThat(problems(with(gridWorker(), "since", "01/03/2021"))).containsExactly("since surveys.answer.date");
		assertThat(problems(with(gridWorker(), "suggestion", "一\n二"))).containsExactly("suggestion surveys.answer.oneLine");
		assertThat(problems(with(gridWorker(), "suggestion", "字".repeat(501)))).containsExactly("suggestion surveys.answer.tooLong");
		assertThat(problems(with(gridWorker(), "suggestion", "a\u0000b"))).containsExactly("suggestion surveys.answer.control");
		assertThat(problems(with(gridWorker(), "home", "230103000000"))).isEmpty();
		assertThat(problems(with(gridWorker(), "home", "990000"))).containsExactly("home surveys.answer.region");
		assertThat(problems(with(gridWorker(), "nickname", "x"))).containsExactly("nickname surveys.answer.unknownQuestion");
	}

	@Test
	void aHiddenAnswerDoesNotOpenLaterQuestions() {
		// the grid section is hidden for a secretary: its (refused) answer must not show "detail"
		Map<String, String> a = with(gridWorker(), "position", "secretary", "problems", "other", "top3", null, "burden", null);
		assertThat(problems(a)).containsExactly("problems surveys.answer.hidden");
	}

	@Test
	void aNumberIsASignUpToFifteenDigitsAndUpToSixDecimalsAndNothingElse() {
		assertThat(List.of("0", "7", "10", "-1", "+3", "123456789012345", "3.5", "-0.000001"))
			.allMatch(AnswerPolicy::plainNumber);
		assertThat(List.of("", "-", "+", "1.", ".5", "1e5", "1 000", "1234567890123456", "1.1234567", "0x10", "1,5", "１２", "--1"))
			.noneMatch(AnswerPolicy::plainNumber);
	}

	@Test
	void choicesAreSeparatedByAnyRunOfWhiteSpaceIncludingTheIdeographicSpace() {
		assertThat(AnswerPolicy.words("p1 p2\tp3\u3000p4  p5")).containsExactly("p1", "p2", "p3", "p4", "p5");
		assertThat(AnswerPolicy.words("p1")).containsExactly("p1");
		assertThat(AnswerPolicy.words("")).isEmpty();
	}
}
