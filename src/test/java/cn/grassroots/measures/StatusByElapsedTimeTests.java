package cn.grassroots.measures;

import static cn.grassroots.measures.StatusFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import cn.grassroots.measures.internal.MeasureStatus;
import cn.grassroots.measures.internal.MeasuresSettings;
import cn.grassroots.measures.internal.StatusPolicy;

/** AT_RISK when the elapsed share of the measure's time minus its progress exceeds 0.25. */
class StatusByElapsedTimeTests {

	@Test
	void halfTheTimeGoneWithAQuarterDoneIsNotYetAtRisk() {
		var today = java.time.LocalDate.of(2026, 7, 2); // 182 of 364 days: exactly half
		assertThat(StatusPolicy.elapsedShare(START, DUE, today)).isEqualTo(0.5);
		assertThat(POLICY.status(open(0.25, monthEnd(6)), today)).isEqualTo(MeasureStatus.ON_TRACK);
		assertThat(POLICY.status(open(0.24, monthEnd(6)), today)).isEqualTo(MeasureStatus.AT_RISK);
	}

	@Test
	void anAcceptedReportThatRaisesProgressTakesTheMeasureOffTheRiskList() {
		var today = day(9, 15);
		assertThat(POLICY.status(open(0.3, monthEnd(8)), today)).isEqualTo(MeasureStatus.AT_RISK);
		assertThat(POLICY.status(open(0.6, monthEnd(8)), today)).isEqualTo(MeasureStatus.ON_TRACK);
	}

	@Test
	void theRiskGapIsASetting() {
		var lenient = new StatusPolicy(new MeasuresSettings(10, 0.5, 30, 15, 7, "Asia/Shanghai"));
		var today = day(9, 15);
		assertThat(lenient.status(open(0.3, monthEnd(8)), today)).isEqualTo(MeasureStatus.ON_TRACK);
	}

	@Test
	void timeBeforeTheStartCountsAsNothingElapsed() {
		assertThat(StatusPolicy.elapsedShare(START, DUE, START.minusDays(10))).isZero();
		assertThat(StatusPolicy.elapsedShare(START, DUE, DUE.plusDays(10))).isEqualTo(1.0);
	}
}
