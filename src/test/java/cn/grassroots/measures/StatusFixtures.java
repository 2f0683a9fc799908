package cn.grassroots.measures;

import java.time.LocalDate;
import java.util.List;

import cn.grassroots.measures.internal.MeasureStatus;
import cn.grassroots.measures.internal.MeasuresSettings;
import cn.grassroots.measures.internal.ReportCycle;
import cn.grassroots.measures.internal.StatusPolicy;
import cn.grassroots.measures.internal.StatusPolicy.Facts;
import cn.grassroots.measures.internal.StatusPolicy.Stage;

/** A measure running through 2026 with monthly reports, and ways to vary it. */
final class StatusFixtures {

	static final StatusPolicy POLICY = new StatusPolicy(MeasuresSettings.defaults());
	static final LocalDate START = LocalDate.of(2026, 1, 1);
	static final LocalDate DUE = LocalDate.of(2026, 12, 31);

	private StatusFixtures() {
	}

	/** Open, monthly, everything reported up to the month before {@code reportedUpTo}. */
	static Facts open(double progress, LocalDate reportedUpTo) {
		return new Facts(false, START, DUE, progress, ReportCycle.MONTHLY, reportedUpTo, List.of(), null);
	}

	static Facts withStages(Facts f, Stage... stages) {
		return new Facts(f.closed(), f.start(), f.due(), f.progress(), f.cycle(), f.lastReportedCycleEnd(), List.of(stages),
				f.override());
	}

	static Facts closed(Facts f) {
		return new Facts(true, f.start(), f.due(), f.progress(), f.cycle(), f.lastReportedCycleEnd(), f.stages(), f.override());
	}

	static Facts overridden(Facts f, MeasureStatus status) {
		return new Facts(f.closed(), f.start(), f.due(), f.progress(), f.cycle(), f.lastReportedCycleEnd(), f.stages(), status);
	}

	static LocalDate day(int month, int day) {
		return LocalDate.of(2026, month, day);
	}

	/** The last day of a month of 2026. */
	static LocalDate monthEnd(int month) {
		return day(month, 1).withDayOfMonth(day(month, 1).lengthOfMonth());
	}
}
