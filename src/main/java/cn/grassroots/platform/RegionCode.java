package cn.grassroots.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A statistical division code (区划代码). Stored as the 12-digit number; the short form has
 * 2, 4, 6, 9 or 12 digits by level. Everything below a region lies in {@code [value, subtreeEnd()]}.
 */
public record RegionCode(long value) implements Comparable<RegionCode> {

	private static final Pattern DIGITS = Pattern.compile("\\d+");
	private static final int[] SHORT_LENGTHS = { 2, 4, 6, 9, 12 };

	public RegionCode {
		if (value < 100_000_000_000L || value > 999_999_999_999L) {
			throw new IllegalArgumentException("region code must have 12 digits: " + value);
		}
	}

	/** Parses the short (2/4/6/9 digits) or the 12-digit form; rejects anything else. */
	public static RegionCode parse(String text) {
		if (text == null) {
			throw new IllegalArgumentException("region code is missing");
		}
		String s = text.trim();
		if (!DIGITS.matcher(s).matches()) {
			throw new IllegalArgumentException("region code must be digits: " + text);
		}
		boolean known = false;
		for (int len : SHORT_LENGTHS) {
			known |= s.length() == len;
		}
		if (!known || s.startsWith("0")) {
			throw new IllegalArgumentException("region code must have 2, 4, 6, 9 or 12 digits: " + text);
		}
		return new RegionCode(Long.parseLong((s + "000000000000").substring(0, 12)));
	}

	public static boolean isValid(String text) {
		try {
			parse(text);
			return true;
		}
		catch (IllegalArgumentException e) {
			return false;
		}
	}

	/** The short form: trailing all-zero level groups removed. */
	public String shortForm() {
		String full = full();
		for (int i = SHORT_LENGTHS.length - 1; i > 0; i--) {
			int from = SHORT_LENGTHS[i - 1];
			int to = SHORT_LENGTHS[i];
			if (!full.substring(from, to).chars().allMatch(c -> c == '0')) {
				return full.substring(0, to);
			}
		}
		return full.substring(0, 2);
	}

	public String full() {
		return Long.toString(value);
	}

	/** The codes of the regions above this one, from the province down, then this one's. */
	public List<Long> selfAndAncestors() {
		String s = shortForm();
		List<Long> codes = new ArrayList<>(SHORT_LENGTHS.length);
		for (int len : SHORT_LENGTHS) {
			if (len > s.length()) {
				break;
			}
			long code = Long.parseLong((s.substring(0, len) + "000000000000").substring(0, 12));
			if (codes.isEmpty() || codes.get(codes.size() - 1) != code) {
				codes.add(code);
			}
		}
		return codes;
	}

	/** The last 12-digit code inside this region's subtree. */
	public long subtreeEnd() {
		long span = 1;
		for (int i = shortForm().length(); i < 12; i++) {
			span *= 10;
		}
		return value + span - 1;
	}

	public boolean contains(RegionCode other) {
		return other.value >= value && other.value <= subtreeEnd();
	}

	@Override
	public int compareTo(RegionCode o) {
		return Long.compare(value, o.value);
	}

	@Override
	public String toString() {
		return full();
	}
}
