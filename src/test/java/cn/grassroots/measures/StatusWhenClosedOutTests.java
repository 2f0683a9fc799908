package cn.grassroots.measures;

import static cn.grassroots.measures.StatusFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import cn.grassroots.measures.internal.MeasureStatus;
import cn.grassroots.measures.internal.StatusPolicy.Stage;

/** DONE if and only if the measure is closed out. */
class StatusWhenClosedOutTests {

	@Test
	void aClosedOutMeasureIsDoneEvenPastItsDueDateWithAMissedStage() {
		var f = closed(withStages(open(0.4, null), new Stage(day(6, 30), BigDecimal.ZERO, BigDecimal.TEN, BigDecimal.ONE)));
		assertThat(POLICY.status(f, DUE.plusDays(40))).isEqualTo(MeasureStatus.DONE);
	}

	@Test
	void aClosedOutMeasureIsDoneWhateverItsOverrideSays() {
		assertThat(POLICY.status(overridden(closed(open(1, null)), MeasureStatus.OVERDUE), day(5, 1)))
			.isEqualTo(MeasureStatus.DONE);
	}

	@Test
	void aMeasureAtFullProgressIsNotDoneUntilItIsClosedOut() {
		var f = open(1.0, monthEnd(4));
		assertThat(POLICY.status(f, day(5, 5))).isEqualTo(MeasureStatus.ON_TRACK);
		assertThat(POLICY.status(closed(f), day(5, 5))).isEqualTo(MeasureStatus.DONE);
	}

	@Test
	void anOverrideCannotMakeAnOpenMeasureDone() {
		assertThat(POLICY.status(overridden(open(1.0, monthEnd(4)), MeasureStatus.DONE), day(5, 5)))
			.isEqualTo(MeasureStatus.ON_TRACK);
	}
}
