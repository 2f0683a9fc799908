package cn.grassroots.measures;

import static cn.grassroots.measures.StatusFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import cn.grassroots.measures.internal.MeasureStatus;
import cn.grassroots.measures.internal.MeasuresSettings;
import cn.grassroots.measures.internal.ReportCycle;
import cn.grassroots.measures.internal.StatusPolicy;
import cn.grassroots.measures.internal.StatusPolicy.Facts;

/** AT_RISK when the responsible unit's report is missing 10 days after its cycle ended. */
class StatusByReportsTests {

	@Test
	void aMissingMarchReportPutsTheMeasureAtRiskOnTheEleventhDayOfAprilNotBefore() {
		var f = open(0.25, monthEnd(2));
		assertThat(POLICY.status(f, day(4, 10))).isEqualTo(MeasureStatus.ON_TRACK);
		assertThat(POLICY.status(f, day(4, 11))).isEqualTo(MeasureStatus.AT_RISK);
	}

	@Test
	void filingTheMissingReportBringsTheMeasureBackOnTrack() {
		assertThat(POLICY.status(open(0.25, monthEnd(2)), day(4, 20))).isEqualTo(MeasureStatus.AT_RISK);
		assertThat(POLICY.status(open(0.25, monthEnd(3)), day(4, 20))).isEqualTo(MeasureStatus.ON_TRACK);
	}

	@Test
	void aMeasureThatNeverReportedIsAtRiskOnlyOnceItsFirstCycleIsOwed() {
		assertThat(POLICY.status(open(0.0, null), day(1, 20))).isEqualTo(MeasureStatus.ON_TRACK);
		assertThat(POLICY.status(open(0.05, null), day(2, 11))).isEqualTo(MeasureStatus.AT_RISK);
	}

	@Test
	void aQuarterlyMeasureOwesItsReportTenDaysAfterTheQuarter() {
		var f = new Facts(false, START, DUE, 0.25, ReportCycle.QUARTERLY, null, List.of(), null);
		assertThat(POLICY.status(f, day(3, 31))).isEqualTo(MeasureStatus.ON_TRACK);
		assertThat(POLICY.status(f, day(4, 10))).isEqualTo(MeasureStatus.ON_TRACK);
		assertThat(POLICY.status(f, day(4, 11))).isEqualTo(MeasureStatus.AT_RISK);
		var reported = new Facts(false, START, DUE, 0.25, ReportCycle.QUARTERLY, day(3, 31), List.of(), null);
		assertThat(POLICY.status(reported, day(5, 30))).isEqualTo(MeasureStatus.ON_TRACK);
	}

	@Test
	void theGracePeriodIsASetting() {
		var strict = new StatusPolicy(new MeasuresSettings(3, 0.25, 30, 15, 7, "Asia/Shanghai"));
		var f = open(0.25, monthEnd(2));
		assertThat(strict.status(f, day(4, 4))).isEqualTo(MeasureStatus.AT_RISK);
		assertThat(POLICY.status(f, day(4, 4))).isEqualTo(MeasureStatus.ON_TRACK);
	}

	@Test
	void noReportIsOwedForCyclesAfterTheDueDate() {
		var f = new Facts(false, START, day(3, 31), 1.0, ReportCycle.MONTHLY, monthEnd(3), List.of(), null);
		assertThat(POLICY.lastCycleDue(f, day(3, 30).plusMonths(0))).isEqualTo(monthEnd(2));
		assertThat(new StatusPolicy(MeasuresSettings.defaults()).lastCycleDue(f, day(6, 1))).isEqualTo(monthEnd(3));
	}
}
