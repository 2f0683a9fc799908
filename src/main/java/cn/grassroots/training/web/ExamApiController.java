package cn.grassroots.training.web;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.training.internal.QuestionBankXlsx;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.grassroots.training.internal.ExamService;
import cn.grassroots.training.internal.ExamService.Answer;
import cn.grassroots.training.internal.ExamService.Question;
import cn.grassroots.training.internal.ExamService.Result;
import cn.grassroots.training.internal.ExamService.Test;
import cn.grassroots.training.internal.QuestionKind;
import cn.grassroots.training.internal.TestKind;
import cn.grassroots.training.internal.TestStatistics;
import cn.grassroots.training.internal.TopicCategory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Question bank, tests, submissions, marking, item statistics and gains. */
@RestController
@Tag(name = "training")
class ExamApiController {

	record QuestionRequest(QuestionKind kind, String stem, List<String> options, String answer, TopicCategory topic,
			BigDecimal maxMark) {
	}

	record TestRequest(TestKind kind, String title, OffsetDateTime opensAt, OffsetDateTime closesAt,
			List<Long> questionIds) {
	}

	record TestLine(long id, TestKind kind, String title) {
	}

	record PaperQuestion(long id, QuestionKind kind, String stem, List<String> options, BigDecimal maxMark) {
	}

	record Paper(long id, TestKind kind, String title, OffsetDateTime opensAt, OffsetDateTime closesAt,
			List<PaperQuestion> questions) {
	}

	record SubmissionRequest(List<Answer> answers) {
	}

	record MarkAnswerRequest(Long questionId, BigDecimal mark) {
	}

	record ItemBody(long questionId, double facility, Double discrimination) {
	}

	record TestStatisticsBody(Double mean, Double median, Double sd, Double alpha, List<ItemBody> items) {
	}

	private final ExamService exams;
	private final QuestionBankXlsx xlsx;

	ExamApiController(ExamService exams, QuestionBankXlsx xlsx) {
		this.exams = exams;
		this.xlsx = xlsx;
	}

	@GetMapping("/api/v1/training/programmes/{id}/questions/export")
	@Operation(summary = "The question bank as XLSX (题型, 题干, 选项, 答案, 主题, 分值)")
	ResponseEntity<byte[]> export(@PathVariable long id) {
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"question-bank-" + id + ".xlsx\"")
			.body(xlsx.export(id));
	}

	@PostMapping(value = "/api/v1/training/programmes/{id}/questions/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Import questions from XLSX (multipart field \"file\"): every row is checked first; all are added, or none")
	Map<String, Integer> importQuestions(@PathVariable long id, @RequestParam("file") MultipartFile file) throws IOException {
		if (file.isEmpty()) {
			throw InvalidInputException.of("file", "training.import.empty");
		}
		try (InputStream in = file.getInputStream()) {
			return Map.of("imported", xlsx.importFrom(id, in));
		}
	}

	@PostMapping("/api/v1/training/programmes/{id}/questions")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Add a question to the programme's bank: SINGLE/MULTIPLE (options, answer letters), TRUE_FALSE (T/F), SHORT (reference answer)")
	Question addQuestion(@PathVariable long id, @RequestBody QuestionRequest body) {
		return exams.addQuestion(id, new ExamService.QuestionDraft(body.kind(), body.stem(), body.options(), body.answer(),
				body.topic(), body.maxMark()));
	}

	@GetMapping("/api/v1/training/programmes/{id}/questions")
	@Operation(summary = "The programme's question bank with answers (the sponsor's officers only)")
	List<Question> questions(@PathVariable long id) {
		return exams.questions(id);
	}

	@PostMapping("/api/v1/training/programmes/{id}/tests")
	@ResponseStatus(HttpStatus.CREATED)
	TestLine createTest(@PathVariable long id, @RequestBody TestRequest body) {
		Test t = exams.createTest(id, body.kind(), body.title(), body.opensAt(), body.closesAt(), body.questionIds());
		return new TestLine(t.id(), t.kind(), t.title());
	}

	@GetMapping("/api/v1/training/programmes/{id}/tests")
	@Operation(summary = "The programme's tests: BASELINE, QUIZ, FINAL")
	List<TestLine> tests(@PathVariable long id) {
		return exams.tests(id).stream().map(t -> new TestLine(t.id(), t.kind(), t.title())).toList();
	}

	@GetMapping("/api/v1/training/tests/{id}/paper")
	@Operation(summary = "The test's questions without their answers, for taking it")
	Paper paper(@PathVariable long id) {
		var p = exams.paper(id);
		List<PaperQuestion> questions = new ArrayList<>();
		for (Question q : p.questions()) {
			questions.add(new PaperQuestion(q.id(), q.kind(), q.stem(), q.options(), q.maxMark()));
		}
		Test t = p.test();
		return new Paper(t.id(), t.kind(), t.title(), cn.grassroots.platform.Sql.utc(t.opensAt()),
				cn.grassroots.platform.Sql.utc(t.closesAt()), questions);
	}

	@PostMapping("/api/v1/training/tests/{id}/submissions")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "The signed-in trainee submits once within the window; choice questions are marked at once")
	Result submit(@PathVariable long id, @RequestBody SubmissionRequest body) {
		return exams.submit(id, body.answers());
	}

	@PostMapping("/api/v1/training/submissions/{id}/marks")
	@Operation(summary = "A marker of the trainee's classroom marks a short answer")
	Result mark(@PathVariable long id, @RequestBody MarkAnswerRequest body) {
		return exams.mark(id, body.questionId(), body.mark());
	}

	@GetMapping("/api/v1/training/tests/{id}/statistics")
	@Operation(summary = "Mean, median, sample sd (percent), Cronbach's alpha and per question facility and discrimination, over fully marked submissions the caller sees as officer or staff")
	TestStatisticsBody statistics(@PathVariable long id) {
		TestStatistics.Summary s = exams.statistics(id);
		List<Long> ids = exams.questionIds(id);
		List<ItemBody> items = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			items.add(new ItemBody(ids.get(i), s.items().get(i).facility(), s.items().get(i).discrimination()));
		}
		return new TestStatisticsBody(s.mean(), s.median(), s.sd(), s.alpha(), items);
	}

	@GetMapping("/api/v1/training/programmes/{id}/gain")
	@Operation(summary = "Baseline-to-final gain over matched pairs: Hake's normalised gain, mean individual gain, Cohen's d")
	TestStatistics.Gain gain(@PathVariable long id) {
		return exams.gain(id);
	}
}
