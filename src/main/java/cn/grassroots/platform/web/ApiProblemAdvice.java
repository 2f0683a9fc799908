package cn.grassroots.platform.web;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.NotFoundException;

/** RFC 9457 problem+json for every error the JSON API can produce; no request ends in a bare 500. */
@RestControllerAdvice(annotations = RestController.class)
class ApiProblemAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiProblemAdvice.class);

	private final org.springframework.context.MessageSource messages;

	ApiProblemAdvice(org.springframework.context.MessageSource messages) {
		this.messages = messages;
	}

	/** Field messages are message keys where the code has one; plain text passes through. */
	private String text(String keyOrText) {
		return messages.getMessage(keyOrText, null, keyOrText, org.springframework.context.i18n.LocaleContextHolder.getLocale());
	}

	@ExceptionHandler(InvalidInputException.class)
	ProblemDetail invalid(InvalidInputException ex) {
		var first = ex.errors().isEmpty() ? null : ex.errors().get(0);
		ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				first == null ? "invalid input" : first.field() + ": " + text(first.message()));
		p.setTitle("Invalid input");
		p.setProperty("errors",
				ex.errors().stream().map(e -> Map.of("field", e.field(), "message", text(e.message()))).toList());
		return p;
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail illegalArgument(IllegalArgumentException ex) {
		ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		p.setTitle("Invalid input");
		return p;
	}

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException ex) {
		ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		p.setTitle("Not found");
		return p;
	}

	@ExceptionHandler(ConflictException.class)
	ProblemDetail conflict(ConflictException ex) {
		ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		p.setTitle("Conflict");
		return p;
	}

	@ExceptionHandler(DataIntegrityViolationException.class)
	ProblemDetail integrity(DataIntegrityViolationException ex) {
		log.info("integrity violation: {}", ex.getMostSpecificCause().getMessage());
		ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "the change clashes with existing data");
		p.setTitle("Conflict");
		return p;
	}

	@ExceptionHandler(AccessDeniedException.class)
	ProblemDetail denied(AccessDeniedException ex) {
		ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
		p.setTitle("Forbidden");
		return p;
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex) {
		log.error("unexpected error", ex);
		ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "unexpected error");
		p.setTitle("Internal error");
		return p;
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "invalid fields");
		p.setTitle("Invalid input");
		List<Map<String, String>> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(e -> Map.of("field", e.getField(), "message", String.valueOf(e.getDefaultMessage())))
			.toList();
		p.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(p);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "invalid parameters");
		p.setTitle("Invalid input");
		p.setProperty("errors", ex.getParameterValidationResults()
			.stream()
			.flatMap(r -> r.getResolvableErrors()
				.stream()
				.map(e -> Map.of("field", String.valueOf(r.getMethodParameter().getParameterName()), "message",
						String.valueOf(e.getDefaultMessage()))))
			.toList());
		return ResponseEntity.badRequest().body(p);
	}
}
