package cn.grassroots.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

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

	/** The first message of each field, in order, as a form shows them beside its fields. */
	public Map<String, String> byField() {
		return byField(UnaryOperator.identity());
	}

	/** The same, for a form whose fields are named differently: {@code field} gives the form's name. */
	public Map<String, String> byField(UnaryOperator<String> field) {
		Map<String, String> out = new LinkedHashMap<>();
		errors.forEach(e -> out.putIfAbsent(field.apply(e.field()), e.message()));
		return out;
	}
}
