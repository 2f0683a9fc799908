package cn.grassroots.training.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import cn.grassroots.platform.NotFoundException;
import cn.grassroots.training.internal.CompletionService;
import cn.grassroots.training.internal.CompletionService.Completion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Appraisal, completion, certificates and their public verification. */
@RestController
@Tag(name = "training")
class CertificateApiController {

	record AppraisalRequest(Boolean passed, String comment) {
	}

	/** What anyone may learn from a verification code: the holder's name masked. */
	record Verification(String code, String holder, String programme, String classroom, BigDecimal hours,
			Instant issuedAt) {
	}

	private final CompletionService completion;

	CertificateApiController(CompletionService completion) {
		this.completion = completion;
	}

	@PostMapping("/api/v1/training/enrolments/{id}/appraisal")
	@Operation(summary = "The head teacher's appraisal of a confirmed trainee (passed, comment)")
	Map<String, Boolean> appraise(@PathVariable long id, @RequestBody AppraisalRequest body) {
		completion.appraise(id, body.passed(), body.comment());
		return Map.of("passed", body.passed());
	}

	@GetMapping("/api/v1/training/classrooms/{id}/completion")
	@Operation(summary = "Each trainee's completion: attendance within 1/7, final test at 60% or more, appraisal passed")
	List<Completion> completion(@PathVariable long id) {
		return completion.completion(id);
	}

	@PostMapping("/api/v1/training/classrooms/{id}/certificates")
	@Operation(summary = "Issue a certificate to every trainee of the classroom who completed and has none yet")
	Map<String, Integer> issue(@PathVariable long id) {
		return Map.of("issued", completion.issue(id));
	}

	@GetMapping(value = "/api/v1/training/certificates/{id}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
	@Operation(summary = "The certificate as PDF, with its verification code and QR code (holder, officers and staff)")
	ResponseEntity<byte[]> pdf(@PathVariable long id) {
		String base = ServletUriComponentsBuilder.fromCurrentContextPath().path("/certificates/").toUriString();
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"certificate-" + id + ".pdf\"")
			.body(completion.pdf(id, base));
	}

	@GetMapping("/api/v1/certificates/{code}")
	@Operation(summary = "Public, without login: verify a certificate code; 404 when there is no such certificate")
	Verification verify(@PathVariable String code) {
		var c = completion.verify(code).orElseThrow(() -> new NotFoundException("no certificate with this code"));
		return new Verification(c.code(), CompletionService.maskName(c.personName()), c.programmeName(),
				c.classroomName(), c.hours(), c.issuedAt());
	}
}
