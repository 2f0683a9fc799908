package cn.grassroots.surveys.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Keyword extraction on a small fixed set: planted terms are found, a term used alike everywhere is not distinctive. */
class DistinctiveTermsTest {

	private static final Set<String> DICTIONARY = Set.of("网格员", "吹哨报到", "接诉即办", "小马拉大车", "报表");

	private final GovernanceSegmenter.Terms segment = new GovernanceSegmenter.Terms(DICTIONARY);

	@Test
	void theGovernanceDictionaryKeepsItsTermsWhole() {
		assertThat(segment.distinct("社区工作小马拉大车，吹哨报到以后部门还是不来")).contains("小马拉大车", "吹哨报到")
			.doesNotContain("小马", "大车", "吹哨");
		assertThat(segment.distinct("接诉即办的任务太多了")).contains("接诉即办", "任务");
		// function words and punctuation are left out
		assertThat(segment.distinct("的，了。我们")).isEmpty();
	}

	@Test
	void plantedTermsAreDistinctiveForTheirGroupAndAnEvenTermIsNot() {
		DistinctiveTerms d = new DistinctiveTerms();
		// 60 answers each: grid workers speak of 小马拉大车, secretaries of 吹哨报到; both mention 报表 in half their answers
		for (int i = 0; i < 60; i++) {
			String even = i % 2 == 0 ? "，报表" : "";
			d.add(segment.distinct("工作繁重小马拉大车" + even), "GRID_WORKER", "R1");
			d.add(segment.distinct("希望部门落实吹哨报到" + even), "COMMUNITY_SECRETARY", i < 30 ? "R1" : "R2");
		}
		List<DistinctiveTerms.Scored> grid = d.distinctive("GRID_WORKER", 1.96, 3, 10);
		List<DistinctiveTerms.Scored> secretaries = d.distinctive("COMMUNITY_SECRETARY", 1.96, 3, 10);
		assertThat(grid).extracting(DistinctiveTerms.Scored::term).contains("小马拉大车").doesNotContain("报表", "吹哨报到");
		assertThat(secretaries).extracting(DistinctiveTerms.Scored::term).contains("吹哨报到").doesNotContain("报表", "小马拉大车");
		assertThat(grid.get(0).count()).isEqualTo(60);
		assertThat(grid.get(0).share()).isEqualTo(1.0);
		// R2 holds only secretaries' answers: 吹哨报到 sets it apart from R1, the half-and-half 报表 never does
		assertThat(d.distinctive("R2", 1.96, 3, 10)).extracting(DistinctiveTerms.Scored::term).contains("吹哨报到")
			.doesNotContain("报表");
		// overall, 报表 is used by half the answers
		assertThat(d.top(50)).filteredOn(s -> s.term().equals("报表")).singleElement()
			.satisfies(s -> assertThat(s.count()).isEqualTo(60));
		assertThat(d.answers()).isEqualTo(120);
	}

	@Test
	void aTermEveryGroupUsesAlikeScoresNearZero() {
		DistinctiveTerms d = new DistinctiveTerms();
		for (int i = 0; i < 100; i++) {
			d.add(Set.of("网格员", i % 4 == 0 ? "经费" : "人手"), "A");
			d.add(Set.of("网格员", i % 4 == 0 ? "经费" : "人手"), "B");
		}
		assertThat(d.distinctive("A", -100, 1, 10)).allSatisfy(s -> assertThat(Math.abs(s.z())).isLessThan(0.01));
		assertThat(d.distinctive("A", 1.96, 1, 10)).isEmpty();
	}
}
