package cn.grassroots.measures.internal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How often a measure's units report: each cycle is a calendar month or quarter. */
public enum ReportCycle {
	MONTHLY, QUARTERLY;

	private static final Pattern MONTH = Pattern.compile("(\\d{4})-(0[1-9]|1[0-2])");
	private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

	/** The last day of the cycle that contains the date. */
	public LocalDate endOf(LocalDate date) {
		YearMonth month = YearMonth.from(date);
		if (this == QUARTERLY) {
			int last = ((date.getMonthValue() - 1) / 3) * 3 + 3;
			month = YearMonth.of(date.getYear(), last);
		}
		return month.atEndOfMonth();
	}

	/** The first day of the cycle that ends on (or contains) the date. */
	public LocalDate startOf(LocalDate date) {
		LocalDate end = endOf(date);
		return this == MONTHLY ? end.withDayOfMonth(1) : end.minusMonths(2).withDayOfMonth(1);
	}

	/** The end of the cycle before the one that contains the date. */
	public LocalDate previousEnd(LocalDate date) {
		return startOf(date).minusDays(1);
	}

	/** "2026-03" or "2026-Q1". */
	public String label(LocalDate date) {
		LocalDate end = endOf(date);
		return this == MONTHLY ? YearMonth.from(end).toString() : end.getYear() + "-Q" + (end.getMonthValue() / 3);
	}

	/** The end date of a cycle named by its label, if the label fits this cycle. */
	public Optional<LocalDate> parse(String label) {
		if (label == null) {
			return Optional.empty();
		}
		Matcher m = (this == MONTHLY ? MONTH : QUARTER).matcher(label.strip());
		if (!m.matches()) {
			return Optional.empty();
		}
		int year = Integer.parseInt(m.group(1));
		if (year < 2000 || year > 2100) {
			return Optional.empty();
		}
		int month = this == MONTHLY ? Integer.parseInt(m.group(2)) : Integer.parseInt(m.group(2)) * 3;
		return Optional.of(YearMonth.of(year, month).atEndOfMonth());
	}
}
