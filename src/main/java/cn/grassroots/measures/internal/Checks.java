package cn.grassroots.measures.internal;

import java.util.ArrayList;
import java.util.List;

import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.InvalidInputException.FieldError;

/** Field errors collected while checking input; thrown together as one 400. */
final class Checks {

	private final List<FieldError> errors = new ArrayList<>();

	String text(String field, String value, int max, boolean required) {
		String v = value == null ? null : value.strip();
		if (v == null || v.isEmpty()) {
			if (required) {
				add(field, "is required");
			}
			return null;
		}
		if (v.length() > max) {
			add(field, "must be at most " + max + " characters");
			return null;
		}
		return v;
	}

	<T> T required(String field, T value) {
		if (value == null) {
			add(field, "is required");
		}
		return value;
	}

	void add(String field, String message) {
		errors.add(new FieldError(field, message));
	}

	boolean ok() {
		return errors.isEmpty();
	}

	boolean has(String field) {
		return errors.stream().anyMatch(e -> e.field().equals(field));
	}

	void throwIfAny() {
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
	}
}
