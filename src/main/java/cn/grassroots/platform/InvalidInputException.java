package cn.grassroots.platform;

import java.util.List;

/** Input that fails validation, with one entry per offending field: 400. */
public class InvalidInputException extends RuntimeException {

	public record FieldError(String field, String message) {
	}

	private final List<FieldError> errors;

	public InvalidInputException(List<FieldError> errors) {
		super(errors.isEmpty() ? "invalid input" : errors.get(0).field() + ": " + errors.get(0).message());
		this.errors = List.copyOf(errors);
	}

	public static InvalidInputException of(String field, String message) {
		return new InvalidInputException(List.of(new FieldError(field, message)));
	}

	public List<FieldError> errors() {
		return errors;
	}
}
