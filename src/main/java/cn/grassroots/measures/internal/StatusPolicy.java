package cn.grassroots.measures.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * 状态 of a measure, computed, never typed (dates are calendar dates in Asia/Shanghai):
 * <ol>
 * <li>DONE if and only if it is closed out;</li>
 * <li>else OVERDUE if today is past the due date, or a staged period has ended with its target unmet;</li>
 * <li>else AT_RISK if the responsible unit's report is missing {@code reportGraceDays} after its cycle
 * ended, or the elapsed share of the measure's time minus its progress exceeds {@code riskGap}, or it
 * is due within {@code dueSoonDays} and unfinished;</li>
 * <li>else ON_TRACK.</li>
 * </ol>
 * A manual override (with a reason, audited) replaces the computed status of an open measure; it
 * can never make a measure DONE, nor hide a close-out.
 */
public final class StatusPolicy {

	/** A staged target: unmet once its period has ended without an actual at (or beyond) the target. */
	public record Stage(LocalDate periodEnd, BigDecimal baseline, BigDecimal target, BigDecimal actual) {

		public boolean met() {
			if (actual == null) {
				return false;
			}
			boolean rising = target.compareTo(baseline) >= 0;
			return rising ? actual.compareTo(target) >= 0 : actual.compareTo(target) <= 0;
		}
	}

	/**
	 * What the status depends on.
	 *
	 * @param lastReportedCycleEnd the end of the latest cycle the responsible unit reported on (a
	 *        returned report does not count); null when it never reported
	 */
	public record Facts(boolean closed, LocalDate start, LocalDate due, double progress, ReportCycle cycle,
			LocalDate lastReportedCycleEnd, List<Stage> stages, MeasureStatus override) {

		public Facts {
			stages = stages == null ? List.of() : List.copyOf(stages);
		}
	}

	private final MeasuresSettings settings;

	public StatusPolicy(MeasuresSettings settings) {
		this.settings = settings;
	}

	public MeasureStatus status(Facts f, LocalDate today) {
		if (f.closed()) {
			return MeasureStatus.DONE;
		}
		if (f.override() != null && f.override() != MeasureStatus.DONE) {
			return f.override();
		}
		return computed(f, today);
	}

	/** The status the rules give, ignoring any override. */
	public MeasureStatus computed(Facts f, LocalDate today) {
		if (f.closed()) {
			return MeasureStatus.DONE;
		}
		if (today.isAfter(f.due()) || stageMissed(f, today)) {
			return MeasureStatus.OVERDUE;
		}
		if (reportMissing(f, today) || behindTime(f, today) || dueSoon(f, today)) {
			return MeasureStatus.AT_RISK;
		}
		return MeasureStatus.ON_TRACK;
	}

	/** A staged period that ended before today with its target unmet. */
	public boolean stageMissed(Facts f, LocalDate today) {
		return f.stages().stream().anyMatch(s -> s.periodEnd().isBefore(today) && !s.met());
	}

	/**
	 * The latest cycle that ended inside the measure's time, whose grace has passed, is not covered by
	 * a report of the responsible unit.
	 */
	public boolean reportMissing(Facts f, LocalDate today) {
		LocalDate end = lastCycleDue(f, today);
		return end != null && (f.lastReportedCycleEnd() == null || f.lastReportedCycleEnd().isBefore(end));
	}

	/** The end of the latest cycle a report is owed for by today, or null. */
	public LocalDate lastCycleDue(Facts f, LocalDate today) {
		LocalDate latestAllowed = today.minusDays(settings.reportGraceDays() + 1L);
		LocalDate end = f.cycle().endOf(latestAllowed);
		if (end.isAfter(latestAllowed)) {
			end = f.cycle().previousEnd(latestAllowed);
		}
		LocalDate lastInTime = f.cycle().endOf(f.due());
		if (end.isAfter(lastInTime)) {
			end = lastInTime;
		}
		// the first cycle owed is the one that contains the start
		return end.isBefore(f.cycle().endOf(f.start())) ? null : end;
	}

	public boolean behindTime(Facts f, LocalDate today) {
		return elapsedShare(f.start(), f.due(), today) - f.progress() > settings.riskGap();
	}

	public boolean dueSoon(Facts f, LocalDate today) {
		return f.progress() < 1.0 && !today.isAfter(f.due())
				&& ChronoUnit.DAYS.between(today, f.due()) <= settings.dueSoonDays();
	}

	/** The share of the measure's time that has passed, 0 to 1. */
	public static double elapsedShare(LocalDate start, LocalDate due, LocalDate today) {
		long total = ChronoUnit.DAYS.between(start, due);
		if (total <= 0) {
			return today.isBefore(start) ? 0 : 1;
		}
		double share = (double) ChronoUnit.DAYS.between(start, today) / total;
		return Math.max(0, Math.min(1, share));
	}
}
