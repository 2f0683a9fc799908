package cn.grassroots.surveys.internal;

import static cn.grassroots.surveys.XlsformFiles.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.grassroots.surveys.XlsformFiles;
import tools.jackson.databind.json.JsonMapper;

class XlsformTest {

	static Form read(byte[] bytes) throws IOException {
		return Xlsform.read(new ByteArrayInputStream(bytes));
	}

	static List<XlsformException.Problem> problems(XlsformFiles f) {
		try {
			read(f.bytes());
		}
		catch (XlsformException e) {
			return e.problems();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		throw new AssertionError("the form was accepted");
	}

	private static String[] r(String... cells) {
		return cells;
	}

	@Test
	void readsEveryTypeWithSectionsLabelsAndLogic() throws IOException {
		Form f = read(XlsformFiles.everyType("grid2026").bytes());
		assertThat(f.formId()).isEqualTo("grid2026");
		assertThat(f.title()).isEqualTo(new Label("网格工作调查", "Grid work survey"));
		assertThat(f.formVersion()).isEqualTo("2026-1");
		assertThat(f.settings()).containsEntry("x_audience", "grid");
		assertThat(f.sections()).extracting(Section::name).containsExactly("basic", "grid", null);
		assertThat(f.sections().get(1).relevant()).isEqualTo("${position} = 'grid_worker'");
		assertThat(f.questions()).extracting(Question::type)
			.containsExactly(QuestionType.SINGLE, QuestionType.SINGLE, QuestionType.SINGLE, QuestionType.INTEGER,
					QuestionType.DATE, QuestionType.MULTIPLE, QuestionType.RANKING, QuestionType.SCALE, QuestionType.TEXT,
					QuestionType.LONG_TEXT, QuestionType.DECIMAL, QuestionType.REGION, QuestionType.SINGLE);
		Question county = f.question("county").orElseThrow();
		assertThat(county.choiceFilter()).isEqualTo("city");
		assertThat(f.choices(county)).extracting(Choice::parent).containsExactly("harbin", "harbin", "qiqihar");
		Question burden = f.question("burden").orElseThrow();
		assertThat(List.of(burden.min(), burden.max(), burden.step())).containsExactly(1, 5, 1);
		assertThat(f.question("top3").orElseThrow().rankCount()).isEqualTo(3);
		Question years = f.question("years").orElseThrow();
		assertThat(List.of(years.min(), years.max())).containsExactly(0, 60);
		assertThat(years.hint().zh()).isEqualTo("填整数");
		assertThat(years.required()).isTrue();
		assertThat(f.question("since").orElseThrow().required()).isFalse();
		assertThat(f.question("home").orElseThrow().extra()).containsEntry("x_note", "keep");
		assertThat(f.question("position").orElseThrow().label()).isEqualTo(new Label("您的身份", "Your role"));
	}

	@Test
	void exportThenImportGivesTheSameQuestionnaire() throws IOException {
		Form original = read(XlsformFiles.everyType("grid2026").bytes());
		Form again = read(Xlsform.write(original));
		assertThat(again).isEqualTo(original);
		assertThat(read(Xlsform.write(again))).isEqualTo(original);
	}

	@Test
	void theStoredDefinitionRoundTripsThroughJson() throws IOException {
		Form original = read(XlsformFiles.everyType("grid2026").bytes());
		JsonMapper json = JsonMapper.builder().build();
		assertThat(json.readValue(json.writeValueAsString(original), Form.class)).isEqualTo(original);
	}

	@Test
	void questionsOutsideGroupsKeepTheirPlaceBetweenGroups() throws IOException {
		Form f = read(form().sheet("survey", r("type", "name", "label"), r("text", "a", "甲"), r("begin_group", "g", "组"),
				r("text", "b", "乙"), r("end_group"), r("text", "c", "丙")).bytes());
		assertThat(f.sections()).extracting(Section::name).containsExactly(null, "g", null);
		assertThat(read(Xlsform.write(f))).isEqualTo(f);
		assertThat(f.formId()).isEqualTo("survey");
		assertThat(f.title().zh()).isEqualTo("survey");
	}

	@Test
	void anUnsupportedTypeIsRefusedNamingSheetAndRow() {
		var p = problems(form().sheet("survey", r("type", "name", "label"), r("text", "a", "甲"), r("geopoint", "where", "位置")));
		assertThat(p).singleElement().satisfies(x -> {
			assertThat(x.sheet()).isEqualTo("survey");
			assertThat(x.row()).isEqualTo(3);
			assertThat(x.column()).isEqualTo("type");
			assertThat(x.message()).isEqualTo("surveys.xlsform.type");
		});
	}

	@Test
	void everyProblemOfTheFileIsReported() {
		var p = problems(form()
			.sheet("survey", r("type", "name", "label", "relevant", "choice_filter", "constraint"),
					r("select_one nolist", "a", "甲"),
					r("text", "b", "乙", "${later} = 'x'"),
					r("text", "c", "丙", "string-length(${b}) > 3"),
					r("select_one l", "d", "丁", null, "parent=${b}"),
					r("select_one l", "e", "戊", null, "name = ${d}"),
					r("text", "f", ""),
					r("text", "b", "重名"),
					r("text", "token", "保留字"),
					r("begin_group", "g1", "组"), r("begin_group", "g2", "嵌套"), r("end_group"), r("end_group"),
					r("range", "s", "量表"),
					r("integer", "n", "数", null, null))
			.sheet("choices", r("list_name", "name", "label"), r("l", "x", "X"), r("l", "x", "again"), r("l", "bad name", "Y"))
			.sheet("notes", r("anything")));
		assertThat(p).extracting(x -> x.sheet() + "!" + x.row() + ":" + x.column() + " " + x.message())
			.contains("notes!0:null surveys.xlsform.unknownSheet",
					"survey!1:constraint surveys.xlsform.unknownColumn",
					"survey!2:type surveys.xlsform.unknownList",
					"survey!3:relevant surveys.xlsform.relevantReference",
					"survey!4:relevant surveys.xlsform.relevant",
					"survey!5:choice_filter surveys.xlsform.choiceFilter",
					"survey!6:choice_filter surveys.xlsform.choiceFilter",
					"survey!7:label surveys.xlsform.required",
					"survey!8:name surveys.xlsform.duplicateName",
					"survey!9:name surveys.xlsform.badName",
					"survey!11:type surveys.xlsform.nestedGroup",
					"survey!13:type surveys.xlsform.endWithoutBegin",
					"survey!14:parameters surveys.xlsform.range",
					"choices!3:name surveys.xlsform.duplicateChoice",
					"choices!4:name surveys.xlsform.badName");
	}

	@Test
	void otherLanguagesAppearancesAndSettingsAreRefused() {
		assertThat(problems(form().sheet("survey", r("type", "name", "label::French (fr)"), r("text", "a", "x"))))
			.extracting(XlsformException.Problem::message).contains("surveys.xlsform.unknownColumn");
		assertThat(problems(form().sheet("survey", r("type", "name", "label", "appearance"), r("integer", "a", "x", "w2"))))
			.extracting(XlsformException.Problem::message).containsExactly("surveys.xlsform.appearance");
		assertThat(problems(form().sheet("survey", r("type", "name", "label", "required"), r("text", "a", "x", "maybe"))))
			.extracting(XlsformException.Problem::message).containsExactly("surveys.xlsform.requiredValue");
		assertThat(problems(form().sheet("survey", r("type", "name", "label"), r("text", "a", "x"))
			.sheet("settings", r("form_title", "submission_url"), r("t", "http://x"))))
			.extracting(x -> x.sheet() + ":" + x.message()).containsExactly("settings:surveys.xlsform.unknownColumn");
		assertThat(problems(form().sheet("survey", r("type", "name", "label"), r("begin_group", "g", "组"), r("text", "a", "x"))))
			.extracting(XlsformException.Problem::message).containsExactly("surveys.xlsform.groupNotClosed");
		assertThat(problems(form().sheet("choices", r("list_name", "name", "label"))))
			.extracting(x -> x.sheet() + ":" + x.message()).containsExactly("survey:surveys.xlsform.missingSheet");
		assertThatThrownBy(() -> Xlsform.read(new ByteArrayInputStream("type,name\n".getBytes())))
			.isInstanceOfSatisfying(XlsformException.class,
					e -> assertThat(e.problems()).extracting(XlsformException.Problem::message).containsExactly("surveys.xlsform.notXlsx"));
	}
}
