package cn.grassroots.training.internal;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.Region;
import cn.grassroots.platform.InvalidInputException.FieldError;

/** Field checks shared by the training services; each adds a field error with a message key. */
final class Checks {

	private Checks() {
	}

	static String text(String value, String field, boolean required, int max, List<FieldError> errors) {
		String t = value == null || value.isBlank() ? null : value.trim();
		if (t == null) {
			if (required) {
				errors.add(new FieldError(field, "validation.required"));
			}
			return null;
		}
		if (t.length() > max) {
			errors.add(new FieldError(field, "validation.tooLong"));
		}
		return t;
	}

	static int range(Integer value, String field, int min, int max, List<FieldError> errors) {
		if (value == null) {
			errors.add(new FieldError(field, "validation.required"));
			return min;
		}
		if (value < min || value > max) {
			errors.add(new FieldError(field, "training.validation.range"));
		}
		return value;
	}

	/** An integer setting that may be left out for its default. */
	static int rangeOr(Integer value, int fallback, String field, int min, int max, List<FieldError> errors) {
		return value == null ? fallback : range(value, field, min, max, errors);
	}

	static BigDecimal decimal(BigDecimal value, String field, BigDecimal min, BigDecimal max, int scale,
			List<FieldError> errors) {
		if (value == null) {
			errors.add(new FieldError(field, "validation.required"));
			return null;
		}
		if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
			errors.add(new FieldError(field, "training.validation.range"));
			return null;
		}
		if (value.stripTrailingZeros().scale() > scale) {
			errors.add(new FieldError(field, "training.validation.precision"));
			return null;
		}
		return value;
	}

	static <T> T required(T value, String field, List<FieldError> errors) {
		if (value == null) {
			errors.add(new FieldError(field, "validation.required"));
		}
		return value;
	}

	/** A region by its short or 12-digit code, through org's facade. */
	static Region region(OrgDirectory org, String code, String field, List<FieldError> errors) {
		String c = text(code, field, true, 12, errors);
		if (c == null) {
			return null;
		}
		Optional<Region> r = org.region(c);
		if (r.isEmpty()) {
			errors.add(new FieldError(field, "training.region.notFound"));
			return null;
		}
		return r.get();
	}

	/** A map that keeps nulls and order, for audit snapshots. */
	static Map<String, Object> mapOf(Object... kv) {
		Map<String, Object> m = new LinkedHashMap<>();
		for (int i = 0; i < kv.length; i += 2) {
			m.put((String) kv[i], kv[i + 1]);
		}
		return m;
	}
}
