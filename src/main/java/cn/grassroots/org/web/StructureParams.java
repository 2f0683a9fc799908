package cn.grassroots.org.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.validation.BindingResult;

import cn.grassroots.org.internal.StateConflict;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.InvalidInputException.FieldError;
import cn.grassroots.platform.RegionCode;

/**
 * Parsing for the structure pages and API: list filters, and the form fields that arrive as text
 * (so that "abc" in a number field is a Chinese field error, not a binding failure).
 */
final class StructureParams {

	private StructureParams() {
	}

	/** A region filter in the short or 12-digit form; blank means none. */
	static Long region(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		if (!RegionCode.isValid(text)) {
			throw InvalidInputException.of("region", "region.code.format");
		}
		return RegionCode.parse(text).value();
	}

	/** A free-text filter of at most 50 characters. */
	static String query(String text, String field) {
		if (text != null && text.length() > 50) {
			throw InvalidInputException.of(field, "validation.tooLong");
		}
		return text == null || text.isBlank() ? null : text.trim();
	}

	static Long id(String text, String field, List<FieldError> errors) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			long v = Long.parseLong(text.trim());
			if (v > 0) {
				return v;
			}
		}
		catch (NumberFormatException e) {
			// reported below
		}
		errors.add(new FieldError(field, "structure.form.id"));
		return null;
	}

	static Integer integer(String text, String field, List<FieldError> errors) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Integer.parseInt(text.trim());
		}
		catch (NumberFormatException e) {
			errors.add(new FieldError(field, "structure.form.integer"));
			return null;
		}
	}

	static LocalDate date(String text, String field, List<FieldError> errors) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(text.trim());
		}
		catch (DateTimeParseException e) {
			errors.add(new FieldError(field, "structure.form.date"));
			return null;
		}
	}

	static <E extends Enum<E>> E choice(Class<E> type, String text, String field, List<FieldError> errors) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Enum.valueOf(type, text.trim());
		}
		catch (IllegalArgumentException e) {
			errors.add(new FieldError(field, "structure.form.choice"));
			return null;
		}
	}

	/** Throws the collected parse errors, if any. */
	static void check(List<FieldError> errors) {
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
	}

	/** Puts the service's field errors on the form; errors on fields the form lacks become global ones. */
	static void reject(BindingResult binding, InvalidInputException e) {
		var form = PropertyAccessorFactory.forBeanPropertyAccess(binding.getTarget());
		for (FieldError error : e.errors()) {
			if (form.isReadableProperty(error.field())) {
				binding.rejectValue(error.field(), error.message(), error.message());
			}
			else {
				binding.reject(error.message(), error.message());
			}
		}
	}

	static void reject(BindingResult binding, StateConflict e) {
		binding.reject(e.key(), e.getMessage());
	}
}
