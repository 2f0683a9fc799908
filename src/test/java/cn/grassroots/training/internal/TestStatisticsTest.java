package cn.grassroots.training.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Item statistics and gains on a small fixed set, against values worked out by hand.
 *
 * <pre>
 * marks (max 1, 1, 2)   total  percent
 * S1  1 1 2              4      100
 * S2  1 0 1              2       50
 * S3  0 1 0              1       25
 * S4  0 0 1              1       25
 * </pre>
 * facility 2/4 = 0.5, 2/4 = 0.5, (4/4)/2 = 0.5; discrimination: q1 x=(1,1,0,0), rest=(3,1,1,1): Σdxdy = 1,
 * Σdx² = 1, Σdy² = 3, r = 1/√3; q2 x=(1,0,1,0), rest=(3,2,0,1): Σdxdy = 0, r = 0; q3 x=(2,1,0,1),
 * rest=(2,1,1,0): Σdxdy = 1, Σdx² = 2, Σdy² = 2, r = 0.5. Mean 50, median (25+50)/2 = 37.5, sample sd
 * √(3750/3) = √1250. α: item variances 1/3, 1/3, 2/3 (sum 4/3), total variance 6/3 = 2,
 * α = 3/2 · (1 − (4/3)/2) = 0.5.
 */
class TestStatisticsTest {

	private static final double[][] MARKS = { { 1, 1, 2 }, { 1, 0, 1 }, { 0, 1, 0 }, { 0, 0, 1 } };
	private static final double[] MAX = { 1, 1, 2 };

	@Test
	void itemAndTestStatisticsMatchTheHandComputedValues() {
		var s = TestStatistics.of(MARKS, MAX);
		assertThat(s.mean()).isCloseTo(50.0, within(1e-9));
		assertThat(s.median()).isCloseTo(37.5, within(1e-9));
		assertThat(s.sd()).isCloseTo(Math.sqrt(1250), within(1e-9));
		assertThat(s.alpha()).isCloseTo(0.5, within(1e-9));
		assertThat(s.items()).extracting(TestStatistics.Item::facility).containsExactly(0.5, 0.5, 0.5);
		assertThat(s.items().get(0).discrimination()).isCloseTo(1 / Math.sqrt(3), within(1e-9));
		assertThat(s.items().get(1).discrimination()).isCloseTo(0.0, within(1e-9));
		assertThat(s.items().get(2).discrimination()).isCloseTo(0.5, within(1e-9));
	}

	@Test
	void undefinedValuesAreNullNotNumbers() {
		// everyone got question 1 right: no variance, no discrimination; one submission: no sd, no alpha
		var s = TestStatistics.of(new double[][] { { 1, 1 }, { 1, 0 } }, new double[] { 1, 1 });
		assertThat(s.items().get(0).facility()).isEqualTo(1.0);
		assertThat(s.items().get(0).discrimination()).isNull();
		var one = TestStatistics.of(new double[][] { { 1, 0 } }, new double[] { 1, 1 });
		assertThat(one.sd()).isNull();
		assertThat(one.alpha()).isNull();
		assertThat(one.mean()).isEqualTo(50.0);
		var none = TestStatistics.of(new double[0][], new double[] { 1, 1 });
		assertThat(none.mean()).isNull();
	}

	/**
	 * Pairs (baseline, final): (20, 60), (50, 75), (40, 40). Means 110/3 and 175/3;
	 * Hake (175/3 − 110/3) / (100 − 110/3) = 65/190 = 0.342105…; individual gains 40/80, 25/50, 0/60,
	 * mean 1/3; sample variances 700/3 (baseline) and 925/3 (final), d = (65/3) / √(1625/6) = 1.316561….
	 */
	@Test
	void gainsMatchTheHandComputedValues() {
		var g = TestStatistics.gain(new double[] { 20, 50, 40 }, new double[] { 60, 75, 40 });
		assertThat(g.pairs()).isEqualTo(3);
		assertThat(g.hake()).isCloseTo(65.0 / 190, within(1e-9));
		assertThat(g.meanIndividualGain()).isCloseTo(1.0 / 3, within(1e-9));
		assertThat(g.cohenD()).isCloseTo((65.0 / 3) / Math.sqrt(1625.0 / 6), within(1e-9));
		assertThat(g.cohenD()).isCloseTo(1.316561, within(1e-6));
		// a perfect baseline has no individual gain; no pairs, no gain
		var top = TestStatistics.gain(new double[] { 100, 50 }, new double[] { 100, 100 });
		assertThat(top.meanIndividualGain()).isCloseTo(1.0, within(1e-9));
		assertThat(TestStatistics.gain(new double[0], new double[0]).hake()).isNull();
	}
}
