package cn.grassroots.org.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;

import cn.grassroots.org.PostType;
import cn.grassroots.org.internal.PersonRepository;
import cn.grassroots.org.internal.RosterExportService;
import cn.grassroots.org.internal.RosterImport;
import cn.grassroots.org.internal.RosterImportService;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.jobs.JobBody;
import cn.grassroots.platform.jobs.JobViews;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Roster import (template, upload with validation, commit) and export, over JSON. */
@RestController
@RequestMapping("/api/v1/people")
@Tag(name = "people-import-export", description = "人员名册导入导出 — validated in full before anything is written")
class RosterImportApiController {

	/** An upload and the outcome of its validation; {@code errors} lists every bad row's problems. */
	record ImportBody(long id, String fileName, RosterImport.State state, String stateName, int rows, int toCreate,
			int toUpdate, int badRows, int errorCount, List<JobBody.ErrorBody> errors, Instant expiresAt, Long jobId,
			Long commitJobId, Instant createdAt) {
	}

	/** How long an upload request waits for its validation before answering 202. */
	private static final Duration WAIT = Duration.ofSeconds(30);

	private final RosterImportService imports;
	private final RosterExportService exports;
	private final JobViews views;
	private final MessageSource messages;

	RosterImportApiController(RosterImportService imports, RosterExportService exports, JobViews views,
			MessageSource messages) {
		this.imports = imports;
		this.exports = exports;
		this.views = views;
		this.messages = messages;
	}

	@GetMapping("/import/template")
	@Operation(summary = "The XLSX import template: header row, an example row, a sheet explaining columns and post codes")
	ResponseEntity<byte[]> template() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		imports.writeTemplate(out, LocaleContextHolder.getLocale());
		return xlsx(out.toByteArray(), RosterImportService.templateFileName());
	}

	@PostMapping("/imports")
	@Operation(summary = "Uploads a roster XLSX (multipart field \"file\"); validates every row before anything is written. "
			+ "201 with the outcome, or 202 while a large file is still being validated (GET it later)")
	ResponseEntity<ImportBody> upload(@RequestParam("file") MultipartFile file) throws IOException {
		if (file.isEmpty()) {
			throw InvalidInputException.of("file", "import.file.empty");
		}
		RosterImport imp;
		try (InputStream in = file.getInputStream()) {
			imp = imports.upload(file.getOriginalFilename(), file.getSize(), in);
		}
		imp = imports.awaitValidation(imp.id(), WAIT);
		HttpStatus status = imp.state() == RosterImport.State.VALIDATING ? HttpStatus.ACCEPTED : HttpStatus.CREATED;
		return ResponseEntity.status(status).location(URI.create("/api/v1/people/imports/" + imp.id())).body(body(imp));
	}

	@GetMapping("/imports/{id}")
	@Operation(summary = "One of the caller's uploads and its validation; 404 when expired, 403 when another user's")
	ImportBody get(@PathVariable long id) {
		return body(imports.get(id));
	}

	@PostMapping("/imports/{id}/commit")
	@Operation(summary = "Writes every row of an upload without errors in one transaction (a job); 409 when it has errors")
	ResponseEntity<JobBody> commit(@PathVariable long id) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(views.body(imports.commit(id)));
	}

	@GetMapping("/export")
	@Operation(summary = "Exports the people matching the list's filters within the caller's ROSTER_EXPORT scope to XLSX "
			+ "(a job; phones and ID numbers masked); 202 with the job")
	ResponseEntity<JobBody> export(@RequestParam(required = false) String region, @RequestParam(required = false) String name,
			@RequestParam(required = false) PostType post, @RequestParam(required = false) Boolean partyMember) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(views.body(exports.submit(criteria(region, name, post, partyMember))));
	}

	@PostMapping("/export")
	@Operation(summary = "The same as GET /export")
	ResponseEntity<JobBody> exportPost(@RequestParam(required = false) String region,
			@RequestParam(required = false) String name, @RequestParam(required = false) PostType post,
			@RequestParam(required = false) Boolean partyMember) {
		return export(region, name, post, partyMember);
	}

	static PersonRepository.Criteria criteria(String region, String name, PostType post, Boolean partyMember) {
		Long regionCode = region == null || region.isBlank() ? null : RegionApiController.code(region);
		if (name != null && name.length() > 50) {
			throw InvalidInputException.of("name", "validation.tooLong");
		}
		return new PersonRepository.Criteria(regionCode, name, post, partyMember, null, null);
	}

	static ResponseEntity<byte[]> xlsx(byte[] content, String fileName) {
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(RosterImportService.xlsxContentType()))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(content);
	}

	private ImportBody body(RosterImport imp) {
		return new ImportBody(imp.id(), imp.fileName(), imp.state(),
				messages.getMessage(imp.state().messageKey(), null, imp.state().name(), LocaleContextHolder.getLocale()),
				imp.rows(), imp.toCreate(), imp.toUpdate(), imp.badRows(), imp.errorCount(), views.errors(imp.errors()),
				imp.expiresAt(), imp.validateJobId(), imp.commitJobId(), imp.createdAt());
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException ex) {
		ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
				messages.getMessage("import.file.tooLarge", null, LocaleContextHolder.getLocale()));
		p.setTitle("Payload too large");
		return problem(p);
	}

	/** Not multipart, or a body that cannot be parsed as multipart: the caller's mistake, not ours. */
	@ExceptionHandler(MultipartException.class)
	ResponseEntity<ProblemDetail> badMultipart(MultipartException ex) {
		ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				messages.getMessage("import.file.missing", null, LocaleContextHolder.getLocale()));
		p.setTitle("Invalid input");
		return problem(p);
	}

	/** As problem+json whatever the caller's Accept header says (or whether it can be parsed at all). */
	private static ResponseEntity<ProblemDetail> problem(ProblemDetail p) {
		return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
	}
}
