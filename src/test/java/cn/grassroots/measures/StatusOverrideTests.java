package cn.grassroots.measures;

import static cn.grassroots.measures.StatusFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import cn.grassroots.measures.internal.MeasureStatus;

/** A manual override replaces the computed status of an open measure. */
class StatusOverrideTests {

	@Test
	void anOverrideReplacesTheComputedStatusWhileTheRulesStillGiveTheirOwn() {
		var f = overridden(open(0.1, monthEnd(2)), MeasureStatus.ON_TRACK);
		assertThat(POLICY.computed(f, day(9, 1))).isEqualTo(MeasureStatus.AT_RISK);
		assertThat(POLICY.status(f, day(9, 1))).isEqualTo(MeasureStatus.ON_TRACK);
	}

	@Test
	void anOverrideCanMarkAnOnTrackMeasureAtRisk() {
		assertThat(POLICY.status(overridden(open(0.5, monthEnd(5)), MeasureStatus.AT_RISK), day(6, 5)))
			.isEqualTo(MeasureStatus.AT_RISK);
	}
}
