package cn.grassroots.platform.web;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.NotFoundException;
import tools.jackson.core.JacksonException;

/**
 * RFC 9457 problem+json for every error the JSON API can produce; no request ends in a bare 500.
 * Every answer names its content type itself, so that it is written as problem+json even when the
 * caller's Accept header asks for something else or cannot be parsed. Malformed input (a body
 * that is no JSON or has a field of the wrong type, a parameter of the wrong type or missing)
 * is a 400 whose {@code errors} name the fields.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiProblemAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiProblemAdvice.class);

	private final MessageSource messages;

	ApiProblemAdvice(MessageSource messages) {
		this.messages = messages;
	}

	/** Field messages are message keys where the code has one; plain text passes through. */
	private String text(String keyOrText) {
		return messages.getMessage(keyOrText, null, keyOrText, LocaleContextHolder.getLocale());
	}

	/** A problem answer whose content type does not depend on content negotiation. */
	static ResponseEntity<ProblemDetail> respond(ProblemDetail p) {
		return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
	}

	private ResponseEntity<Object> badRequest(String detail, List<Map<String, String>> errors) {
		ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		p.setTitle("Invalid input");
		if (errors != null) {
			p.setProperty("errors", errors);
		}
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
	}

	private Map<String, String> error(String field, String key) {
		return Map.of("field", field, "message", text(key));
	}

	@ExceptionHandler(InvalidInputException.class)
	ResponseEntity<ProblemDetail> invalid(InvalidInputException ex) {
		var first = ex.errors().isEmpty() ? null : ex.errors().get(0);
		ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				first == null ? "invalid input" : first.field() + ": " + text(first.message()));
		p.setTitle("Invalid input");
		p.setProperty("errors", ex.errors().stream().map(e -> error(e.field(), e.message())).toList());
		return respond(p);
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<ProblemDetail> illegalArgument(IllegalArgumentException ex) {
		ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		p.setTitle("Invalid input");
		return respond(p);
	}

	/** The firewall's refusal of a header or parameter, noticed only when a handler reads it. */
	@ExceptionHandler(RequestRejectedException.class)
	ResponseEntity<ProblemDetail> rejected(RequestRejectedException ex) {
		log.debug("request rejected: {}", ex.getMessage());
		ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, text("validation.request"));
		p.setTitle("Invalid input");
		return respond(p);
	}

	/** Not multipart, or a body that cannot be parsed as multipart. */
	@ExceptionHandler(MultipartException.class)
	ResponseEntity<ProblemDetail> multipart(MultipartException ex) {
		ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, text("upload.malformed"));
		p.setTitle("Invalid input");
		return respond(p);
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<ProblemDetail> notFound(NotFoundException ex) {
		ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		p.setTitle("Not found");
		return respond(p);
	}

	@ExceptionHandler(ConflictException.class)
	ResponseEntity<ProblemDetail> conflict(ConflictException ex) {
		ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		p.setTitle("Conflict");
		return respond(p);
	}

	/**
	 * The database refused a write. A data exception (a value it cannot hold) is input that
	 * validation should have caught: 400. Anything else (a unique key, a row changed meanwhile) is
	 * a clash with existing data: 409.
	 */
	@ExceptionHandler(DataIntegrityViolationException.class)
	ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException ex) {
		if (SqlStates.isDataException(ex)) {
			log.warn("the database refused a value that validation let through: {}", ex.getMostSpecificCause().getMessage());
			ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, text("validation.value"));
			p.setTitle("Invalid input");
			return respond(p);
		}
		log.info("integrity violation: {}", ex.getMostSpecificCause().getMessage());
		ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "the change clashes with existing data");
		p.setTitle("Conflict");
		return respond(p);
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<ProblemDetail> denied(AccessDeniedException ex) {
		ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
		p.setTitle("Forbidden");
		return respond(p);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		log.error("unexpected error", ex);
		ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "unexpected error");
		p.setTitle("Internal error");
		return respond(p);
	}

	/** The answers of the base class (405, 415, 413 …), as problem+json whatever the Accept header says. */
	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		HttpHeaders copy = new HttpHeaders();
		copy.putAll(headers);
		if (body instanceof ProblemDetail) {
			copy.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
		return new ResponseEntity<>(body, copy, statusCode);
	}

	/** A body that is no JSON, or whose field has the wrong type or format: the field, when known. */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		log.debug("unreadable body: {}", ex.getMessage());
		String field = field(ex);
		if (field == null) {
			return badRequest(text("validation.body"), List.of(error("body", "validation.body")));
		}
		return badRequest("invalid fields", List.of(error(field, "validation.type")));
	}

	/** The JSON path of the field a body could not be read at, or null when the body itself is broken. */
	private static String field(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof JacksonException j && !j.getPath().isEmpty()) {
				StringBuilder path = new StringBuilder();
				for (JacksonException.Reference r : j.getPath()) {
					if (r.getPropertyName() != null) {
						path.append(path.isEmpty() ? "" : ".").append(r.getPropertyName());
					}
					else if (r.getIndex() >= 0) {
						path.append('[').append(r.getIndex()).append(']');
					}
				}
				return path.isEmpty() ? null : path.toString();
			}
		}
		return null;
	}

	/** A path variable or parameter that does not convert ("abc" for a number, an unknown enum value). */
	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status,
			WebRequest request) {
		String field = ex.getPropertyName() == null ? "value" : ex.getPropertyName();
		return badRequest("invalid parameters", List.of(error(field, "validation.type")));
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return badRequest("invalid parameters", List.of(error(ex.getParameterName(), "validation.required")));
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return badRequest("invalid parameters", List.of(error(ex.getRequestPartName(), "validation.required")));
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(e -> Map.of("field", e.getField(), "message", String.valueOf(e.getDefaultMessage())))
			.toList();
		return badRequest("invalid fields", errors);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return badRequest("invalid parameters", ex.getParameterValidationResults()
			.stream()
			.flatMap(r -> r.getResolvableErrors()
				.stream()
				.map(e -> Map.of("field", String.valueOf(r.getMethodParameter().getParameterName()), "message",
						String.valueOf(e.getDefaultMessage()))))
			.toList());
	}
}
