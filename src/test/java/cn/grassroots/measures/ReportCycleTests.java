package cn.grassroots.measures;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import cn.grassroots.measures.internal.ReportCycle;

class ReportCycleTests {

	@Test
	void monthsAndQuartersHaveLabelsEndsAndStarts() {
		LocalDate d = LocalDate.of(2026, 5, 14);
		assertThat(ReportCycle.MONTHLY.label(d)).isEqualTo("2026-05");
		assertThat(ReportCycle.MONTHLY.endOf(d)).isEqualTo(LocalDate.of(2026, 5, 31));
		assertThat(ReportCycle.MONTHLY.previousEnd(d)).isEqualTo(LocalDate.of(2026, 4, 30));
		assertThat(ReportCycle.QUARTERLY.label(d)).isEqualTo("2026-Q2");
		assertThat(ReportCycle.QUARTERLY.endOf(d)).isEqualTo(LocalDate.of(2026, 6, 30));
		assertThat(ReportCycle.QUARTERLY.startOf(d)).isEqualTo(LocalDate.of(2026, 4, 1));
		assertThat(ReportCycle.QUARTERLY.previousEnd(d)).isEqualTo(LocalDate.of(2026, 3, 31));
	}

	@Test
	void labelsParseOnlyForTheirOwnCycle() {
		assertThat(ReportCycle.MONTHLY.parse("2026-02")).contains(LocalDate.of(2026, 2, 28));
		assertThat(ReportCycle.QUARTERLY.parse("2026-Q4")).contains(LocalDate.of(2026, 12, 31));
		assertThat(ReportCycle.MONTHLY.parse("2026-Q1")).isEmpty();
		assertThat(ReportCycle.QUARTERLY.parse("2026-13")).isEmpty();
		assertThat(ReportCycle.MONTHLY.parse("2026-13")).isEmpty();
		assertThat(ReportCycle.MONTHLY.parse(null)).isEmpty();
	}
}
