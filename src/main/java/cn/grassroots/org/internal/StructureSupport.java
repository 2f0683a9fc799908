package cn.grassroots.org.internal;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import cn.grassroots.org.Region;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException.FieldError;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.RegionCode;
import cn.grassroots.platform.security.AccessScope;

/** What the grid, unit and party organisation services share: region look-ups, text checks, audit maps. */
@Component
class StructureSupport {

	/** Codes of units and party organisations: letters, digits, dot, dash and underscore. */
	static final Pattern CODE = Pattern.compile("^[0-9A-Za-z][0-9A-Za-z._-]*$");

	/** How far up a parent chain the cycle check walks before it calls the hierarchy broken. */
	static final int MAX_DEPTH = 64;

	private final RegionRepository regions;
	private final PersonService people;

	StructureSupport(RegionRepository regions, PersonService people) {
		this.regions = regions;
		this.people = people;
	}

	/** The region a form field names, or null with a field error when it is blank, malformed or unknown. */
	Region region(String text, String field, List<FieldError> errors) {
		if (text == null || text.isBlank()) {
			errors.add(new FieldError(field, "validation.required"));
			return null;
		}
		if (!RegionCode.isValid(text)) {
			errors.add(new FieldError(field, "region.code.format"));
			return null;
		}
		Region region = regions.find(RegionCode.parse(text).value()).orElse(null);
		if (region == null) {
			errors.add(new FieldError(field, "region.notFound"));
		}
		return region;
	}

	/**
	 * A list filtered to a region: unknown regions are 404, and a region the scope cannot reach
	 * at all is 403 (as for the roster), rather than an empty page that looks like "nothing there".
	 */
	void requireListable(AccessScope scope, long regionCode) {
		regions.find(regionCode).orElseThrow(() -> new NotFoundException("no region " + regionCode));
		if (!people.touches(scope, regionCode)) {
			throw new ForbiddenException("region " + regionCode + " is outside your scope");
		}
	}

	/** Trimmed text, or null when blank. */
	static String text(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}

	/** Checks a trimmed text's presence and length; returns it (or null). */
	static String text(String value, String field, boolean required, int max, List<FieldError> errors) {
		String t = text(value);
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

	/** A count between 0 and max; null counts as 0. */
	static int count(Integer value, String field, int max, List<FieldError> errors) {
		if (value == null) {
			return 0;
		}
		if (value < 0 || value > max) {
			errors.add(new FieldError(field, "structure.count.range"));
		}
		return value;
	}

	/** A date that is not after today; null means today. */
	static LocalDate notFuture(LocalDate value, String field, List<FieldError> errors) {
		LocalDate d = value == null ? LocalDate.now() : value;
		if (d.isAfter(LocalDate.now())) {
			errors.add(new FieldError(field, "validation.future"));
		}
		if (d.getYear() < 1949) {
			errors.add(new FieldError(field, "structure.date.tooEarly"));
		}
		return d;
	}

	/** A unit or party organisation code: required, at most 40 characters of letters, digits and ._- */
	static String code(String value, String field, List<FieldError> errors) {
		String c = text(value, field, true, 40, errors);
		if (c != null && c.length() <= 40 && !CODE.matcher(c).matches()) {
			errors.add(new FieldError(field, "structure.code.format"));
		}
		return c;
	}

	/** A map that keeps nulls and order, for audit snapshots. */
	static Map<String, Object> mapOf(Object... kv) {
		Map<String, Object> m = new LinkedHashMap<>();
		for (int i = 0; i < kv.length; i += 2) {
			Object v = kv[i + 1];
			m.put((String) kv[i], v instanceof Enum<?> e ? e.name() : v instanceof LocalDate ld ? ld.toString() : v);
		}
		return m;
	}
}
