package cn.grassroots.surveys.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.surveys.internal.AnswerPolicy;
import cn.grassroots.surveys.internal.Choice;
import cn.grassroots.surveys.internal.Form;
import cn.grassroots.surveys.internal.Question;
import cn.grassroots.surveys.internal.Questionnaire;
import cn.grassroots.surveys.internal.ResponseImport;
import cn.grassroots.surveys.internal.QuestionnaireService;
import cn.grassroots.surveys.internal.Section;
import cn.grassroots.surveys.internal.Xlsform;
import cn.grassroots.surveys.internal.XlsformException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Questionnaires over JSON: XLSForm in and out, versions, and checking an answer set against a version. */
@RestController
@RequestMapping("/api/v1/surveys")
@Tag(name = "surveys", description = "问卷 — questionnaires (XLSForm), answers, analysis")
class SurveyApiController {

	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	record Created(long id) {
	}

	record VersionCreated(long id, int version) {
	}

	record SurveyBody(long id, String formId, String title, String titleEn, String regionCode, boolean anonymous,
			String status, int version) {

		static SurveyBody of(Questionnaire q) {
			return new SurveyBody(q.id(), q.formId(), q.title().zh(), q.title().en(),
					q.regionCode() == null ? null : Long.toString(q.regionCode()), q.anonymous(), q.status(),
					q.currentVersion());
		}
	}

	record ChoiceBody(String name, String label, String labelEn, String parent) {
	}

	record QuestionBody(String name, String type, String section, String label, String labelEn, String hint,
			String hintEn, boolean required, String relevant, String choiceFilter, Integer min, Integer max, Integer step,
			List<ChoiceBody> choices) {
	}

	record SurveyDetail(long id, String formId, String title, String titleEn, String regionCode, boolean anonymous,
			String status, int version, List<QuestionBody> questions) {
	}

	record CheckError(String question, String message) {
	}

	record CheckBody(boolean valid, List<CheckError> errors) {
	}

	private final QuestionnaireService questionnaires;
	private final ResponseImport imports;
	private final MessageSource messages;

	SurveyApiController(QuestionnaireService questionnaires, ResponseImport imports, MessageSource messages) {
		this.questionnaires = questionnaires;
		this.imports = imports;
		this.messages = messages;
	}

	@GetMapping
	@Operation(summary = "Questionnaires whose owning region overlaps the caller's scope, newest first")
	PageResult<SurveyBody> list(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		return questionnaires.list(PageRequest.of(page, size)).map(SurveyBody::of);
	}

	@GetMapping("/{id}")
	@Operation(summary = "A questionnaire with the questions of its current version (or ?version=n)")
	SurveyDetail get(@PathVariable long id, @RequestParam(required = false) Integer version) {
		Questionnaire q = questionnaires.get(id);
		Form form = questionnaires.form(id, version);
		List<QuestionBody> questions = new java.util.ArrayList<>();
		for (Section s : form.sections()) {
			for (Question x : s.questions()) {
				questions.add(new QuestionBody(x.name(), x.type().name(), s.name(), x.label().zh(), x.label().en(),
						x.hint().zh(), x.hint().en(), x.required(), x.relevant(), x.choiceFilter(), x.min(), x.max(),
						x.step(), form.choices(x).stream().map(SurveyApiController::choice).toList()));
			}
		}
		return new SurveyDetail(q.id(), form.formId(), form.title().zh(), form.title().en(),
				q.regionCode() == null ? null : Long.toString(q.regionCode()), q.anonymous(), q.status(),
				version == null ? q.currentVersion() : version, questions);
	}

	private static ChoiceBody choice(Choice c) {
		return new ChoiceBody(c.name(), c.label().zh(), c.label().en(), c.parent());
	}

	@PostMapping(path = "/xlsform", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Creates a questionnaire from an XLSForm (multipart \"file\"); region (optional) is the owning "
			+ "region. 201 {\"id\"}; a form outside the subset is 400 naming sheet, row and column, and nothing is created")
	ResponseEntity<Created> create(@RequestParam("file") MultipartFile file, @RequestParam(required = false) String region,
			@RequestParam(required = false) Boolean anonymous) throws IOException {
		requireFile(file);
		long id;
		try (InputStream in = file.getInputStream()) {
			id = questionnaires.create(in, region, anonymous);
		}
		return ResponseEntity.created(URI.create("/api/v1/surveys/" + id)).body(new Created(id));
	}

	@PutMapping(path = "/{id}/xlsform", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Uploads a new version of a questionnaire; answers already given keep their version")
	VersionCreated newVersion(@PathVariable long id, @RequestParam("file") MultipartFile file) throws IOException {
		requireFile(file);
		try (InputStream in = file.getInputStream()) {
			return new VersionCreated(id, questionnaires.newVersion(id, in));
		}
	}

	@GetMapping("/{id}/xlsform")
	@Operation(summary = "The questionnaire (current version, or ?version=n) as XLSForm XLSX")
	ResponseEntity<byte[]> xlsform(@PathVariable long id, @RequestParam(required = false) Integer version) {
		Form form = questionnaires.form(id, version);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(XLSX))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(form.formId() + ".xlsx", StandardCharsets.UTF_8).build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(Xlsform.write(form));
	}

	record ImportStarted(long jobId) {
	}

	@PostMapping(path = "/{id}/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Imports responses from CSV (UTF-8, RFC 4180) or XLSX (multipart \"file\"): columns token "
			+ "(optional), role, region, submitted_at, then one per question. A background job: 202 {\"jobId\"}; "
			+ "GET /api/v1/jobs/{jobId} gives state, progress, rows and row errors. All rows go in, or none")
	ResponseEntity<ImportStarted> importResponses(@PathVariable long id, @RequestParam("file") MultipartFile file)
			throws IOException {
		requireFile(file);
		long jobId;
		try (InputStream in = file.getInputStream()) {
			jobId = imports.submit(id, file.getOriginalFilename(), in).id();
		}
		return ResponseEntity.accepted().location(URI.create("/api/v1/jobs/" + jobId)).body(new ImportStarted(jobId));
	}

	@PostMapping("/{id}/check")
	@Operation(summary = "Checks an answer set (question name → text, as in an import row) against the current version "
			+ "with the same rules as answering and import; nothing is stored")
	CheckBody check(@PathVariable long id, @RequestBody Map<String, String> answers) {
		Questionnaire q = questionnaires.get(id);
		AnswerPolicy policy = questionnaires.policy(q.currentVersionId());
		Map<String, String> copy = new LinkedHashMap<>(answers);
		AnswerPolicy.Result r = policy.check(copy);
		Locale locale = LocaleContextHolder.getLocale();
		return new CheckBody(r.ok(), r.problems().stream()
			.map(p -> new CheckError(p.question(), messages.getMessage(p.message(), p.args().toArray(), p.message(), locale)))
			.toList());
	}

	private static void requireFile(MultipartFile file) {
		if (file == null || file.isEmpty()) {
			throw InvalidInputException.of("file", "surveys.file.empty");
		}
	}

	@ExceptionHandler(XlsformException.class)
	ResponseEntity<ProblemDetail> xlsformRejected(XlsformException ex) {
		Locale locale = LocaleContextHolder.getLocale();
		List<Map<String, Object>> errors = ex.problems().stream().map(p -> {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("sheet", p.sheet());
			m.put("row", p.row());
			m.put("column", p.column());
			m.put("field", p.sheet() + (p.row() > 0 ? "!" + p.row() : "") + (p.column() == null ? "" : ":" + p.column()));
			m.put("message", messages.getMessage(p.message(), p.args().toArray(), p.message(), locale));
			return m;
		}).toList();
		ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				errors.isEmpty() ? "invalid XLSForm" : errors.get(0).get("field") + ": " + errors.get(0).get("message"));
		p.setTitle("Invalid input");
		p.setProperty("errors", errors);
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
	}
}
