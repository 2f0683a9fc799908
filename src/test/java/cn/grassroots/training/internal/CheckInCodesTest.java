package cn.grassroots.training.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** Rotating check-in codes against a fixed clock, and the 1/7 withdrawal rule. */
class CheckInCodesTest {

	private static final byte[] KEY = "a fixed test key of 32 bytes....".getBytes(StandardCharsets.US_ASCII);

	/** The start of a 30-second step. */
	private static final Instant T0 = Instant.ofEpochSecond(1_781_740_800L);

	private static CheckInCodes at(Instant t) {
		return new CheckInCodes(KEY, Clock.fixed(t, ZoneOffset.UTC));
	}

	@Test
	void aCodeWorksForItsStepAndTheNextButNotAMinuteLater() {
		String shown = at(T0).current(42).code();
		assertThat(shown).hasSize(8).containsOnlyDigits();
		assertThat(at(T0).current(42).changesAt()).isEqualTo(T0.plusSeconds(30));
		assertThat(at(T0.plusSeconds(29)).accepts(42, shown)).isTrue();
		assertThat(at(T0.plusSeconds(30)).accepts(42, shown)).as("previous step").isTrue();
		assertThat(at(T0.plusSeconds(59)).accepts(42, shown)).as("previous step, last second").isTrue();
		assertThat(at(T0.plusSeconds(60)).accepts(42, shown)).as("a screenshot a minute later").isFalse();
		assertThat(at(T0.minusSeconds(1)).accepts(42, shown)).as("not before its step").isFalse();
	}

	@Test
	void codesDifferBySessionStepAndKey() {
		CheckInCodes c = at(T0);
		long step = CheckInCodes.step(T0);
		assertThat(c.code(42, step)).isEqualTo(at(T0.plusSeconds(10)).code(42, step));
		assertThat(c.code(42, step)).isNotEqualTo(c.code(43, step)).isNotEqualTo(c.code(42, step + 1));
		assertThat(new CheckInCodes("another key of the same length..".getBytes(StandardCharsets.US_ASCII),
				Clock.fixed(T0, ZoneOffset.UTC)).code(42, step)).isNotEqualTo(c.code(42, step));
		assertThat(c.accepts(43, c.current(42).code())).isFalse();
		assertThat(c.accepts(42, null)).isFalse();
		assertThat(c.accepts(42, "1234")).isFalse();
	}

	@Test
	void withdrawalWhenMissedHoursExceedOneSeventhOfThePlan() {
		BigDecimal plan = new BigDecimal("35");
		var exactly = AttendanceService.attendance(1, "甲", new BigDecimal("30"), new BigDecimal("5"), plan);
		assertThat(exactly.withdrawal()).as("5 of 35 is exactly 1/7: not more").isFalse();
		assertThat(exactly.missedShare()).isEqualByComparingTo("0.1429");
		var over = AttendanceService.attendance(1, "甲", new BigDecimal("29.5"), new BigDecimal("5.5"), plan);
		assertThat(over.withdrawal()).isTrue();
		assertThat(AttendanceService.attendance(1, "甲", BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO).withdrawal())
			.isFalse();
		assertThat(AttendanceStatus.EXCUSED.missed()).isTrue();
		assertThat(AttendanceStatus.ABSENT.missed()).isTrue();
		assertThat(AttendanceStatus.LATE.missed()).isFalse();
	}
}
