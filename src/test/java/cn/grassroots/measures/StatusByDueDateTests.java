package cn.grassroots.measures;

import static cn.grassroots.measures.StatusFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import cn.grassroots.measures.internal.MeasureStatus;
import cn.grassroots.measures.internal.MeasuresSettings;
import cn.grassroots.measures.internal.StatusPolicy;

/** OVERDUE after the due date; AT_RISK when due within 30 days and unfinished. */
class StatusByDueDateTests {

	/** Progress in step with time and every report in, so only the due date speaks. */
	private static double inStep(java.time.LocalDate today) {
		return StatusPolicy.elapsedShare(START, DUE, today);
	}

	@Test
	void aMeasureMovesFromOnTrackToAtRiskThirtyDaysBeforeItsDueDateAndToOverdueTheDayAfter() {
		var before = day(11, 30);
		assertThat(POLICY.status(open(inStep(before), monthEnd(10)), before)).isEqualTo(MeasureStatus.ON_TRACK);
		var thirtyDaysBefore = day(12, 1);
		assertThat(POLICY.status(open(inStep(thirtyDaysBefore), monthEnd(10)), thirtyDaysBefore))
			.isEqualTo(MeasureStatus.AT_RISK);
		assertThat(POLICY.status(open(0.99, monthEnd(11)), DUE)).isEqualTo(MeasureStatus.AT_RISK);
		assertThat(POLICY.status(open(0.99, monthEnd(11)), DUE.plusDays(1))).isEqualTo(MeasureStatus.OVERDUE);
	}

	@Test
	void aFinishedButNotClosedMeasureIsNotAtRiskNearItsDueDateButIsOverdueAfterIt() {
		assertThat(POLICY.status(open(1.0, monthEnd(11)), day(12, 20))).isEqualTo(MeasureStatus.ON_TRACK);
		assertThat(POLICY.status(open(1.0, monthEnd(12)), DUE.plusDays(1))).isEqualTo(MeasureStatus.OVERDUE);
	}

	@Test
	void theDueSoonWindowIsASetting() {
		var tight = new StatusPolicy(new MeasuresSettings(10, 0.25, 10, 15, 7, "Asia/Shanghai"));
		var today = day(12, 10);
		assertThat(tight.status(open(0.97, monthEnd(11)), today)).isEqualTo(MeasureStatus.ON_TRACK);
		assertThat(POLICY.status(open(0.97, monthEnd(11)), today)).isEqualTo(MeasureStatus.AT_RISK);
	}
}
