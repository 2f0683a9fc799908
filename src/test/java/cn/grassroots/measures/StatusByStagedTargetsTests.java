package cn.grassroots.measures;

import static cn.grassroots.measures.StatusFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.grassroots.measures.internal.MeasureStatus;
import cn.grassroots.measures.internal.ReportCycle;
import cn.grassroots.measures.internal.StatusPolicy.Facts;
import cn.grassroots.measures.internal.StatusPolicy.Stage;

/** A long-term measure is OVERDUE once a staged period has ended with its target unmet. */
class StatusByStagedTargetsTests {

	private static final LocalDate START = LocalDate.of(2025, 1, 1);
	private static final LocalDate DUE = LocalDate.of(2027, 12, 31);

	private static Facts longTerm(double progress, Stage... stages) {
		return new Facts(false, START, DUE, progress, ReportCycle.QUARTERLY, LocalDate.of(2026, 3, 31), List.of(stages), null);
	}

	private static Stage stage(LocalDate end, int baseline, int target, Integer actual) {
		return new Stage(end, BigDecimal.valueOf(baseline), BigDecimal.valueOf(target),
				actual == null ? null : BigDecimal.valueOf(actual));
	}

	@Test
	void aStageEndedBelowItsTargetMakesTheMeasureOverdueFromTheNextDay() {
		var f = longTerm(0.5, stage(LocalDate.of(2026, 3, 31), 20, 60, 45));
		assertThat(POLICY.status(f, LocalDate.of(2026, 3, 31))).isEqualTo(MeasureStatus.ON_TRACK);
		assertThat(POLICY.status(f, LocalDate.of(2026, 4, 1))).isEqualTo(MeasureStatus.OVERDUE);
	}

	@Test
	void aStageThatReachedItsTargetKeepsTheMeasureOnTrack() {
		var f = longTerm(0.5, stage(LocalDate.of(2026, 3, 31), 20, 60, 60), stage(LocalDate.of(2027, 12, 31), 20, 100, null));
		assertThat(POLICY.status(f, LocalDate.of(2026, 4, 5))).isEqualTo(MeasureStatus.ON_TRACK);
	}

	@Test
	void aStageWithNoActualReportedIsUnmetOnceItsPeriodEnds() {
		var f = longTerm(0.5, stage(LocalDate.of(2026, 3, 31), 20, 60, null));
		assertThat(POLICY.status(f, LocalDate.of(2026, 4, 2))).isEqualTo(MeasureStatus.OVERDUE);
	}

	@Test
	void aFallingIndicatorIsMetAtOrBelowItsTarget() {
		var met = longTerm(0.5, stage(LocalDate.of(2026, 3, 31), 300, 100, 90));
		var unmet = longTerm(0.5, stage(LocalDate.of(2026, 3, 31), 300, 100, 120));
		assertThat(POLICY.status(met, LocalDate.of(2026, 4, 2))).isEqualTo(MeasureStatus.ON_TRACK);
		assertThat(POLICY.status(unmet, LocalDate.of(2026, 4, 2))).isEqualTo(MeasureStatus.OVERDUE);
	}

	@Test
	void anOverdueStageOutranksAtRisk() {
		var f = longTerm(0.0, stage(LocalDate.of(2026, 3, 31), 20, 60, 30));
		assertThat(POLICY.computed(f, LocalDate.of(2026, 4, 20))).isEqualTo(MeasureStatus.OVERDUE);
	}
}
