package cn.grassroots.measures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.grassroots.measures.internal.ProgressPolicy;
import cn.grassroots.measures.internal.ProgressPolicy.Node;

/** Progress: leaves from reports or indicators, parents and cited higher measures as weighted averages. */
class WeightedRollUpTests {

	private final Map<Long, Node> nodes = new HashMap<>();

	private void leaf(long id, Long parent, double weight, Double reported) {
		nodes.put(id, new Node(id, parent, null, weight, false, reported, null, null, null));
	}

	private Map<Long, Double> progress() {
		return ProgressPolicy.progress(nodes);
	}

	@Test
	void aParentWithEqualWeightsTakesThePlainAverageOfItsChildren() {
		leaf(1, null, 1, null);
		leaf(2, 1L, 1, 0.2);
		leaf(3, 1L, 1, 0.6);
		leaf(4, 1L, 1, null);
		assertThat(progress().get(1L)).isCloseTo((0.2 + 0.6 + 0) / 3, within(1e-9));
	}

	@Test
	void weightsAreNormalisedToOne() {
		leaf(1, null, 1, null);
		leaf(2, 1L, 3, 1.0);
		leaf(3, 1L, 1, 0.0);
		assertThat(progress().get(1L)).isCloseTo(0.75, within(1e-9));
		nodes.clear();
		leaf(1, null, 1, null);
		leaf(2, 1L, 30, 1.0);
		leaf(3, 1L, 10, 0.0);
		assertThat(progress().get(1L)).isCloseTo(0.75, within(1e-9));
	}

	@Test
	void aClosedSubMeasureCountsAsOneWhateverItsLastReportSaid() {
		leaf(1, null, 1, null);
		nodes.put(2L, new Node(2, 1L, null, 1, true, 0.4, null, null, null));
		leaf(3, 1L, 1, 0.0);
		assertThat(progress().get(2L)).isEqualTo(1.0);
		assertThat(progress().get(1L)).isCloseTo(0.5, within(1e-9));
	}

	@Test
	void nestedMeasuresRollUpLevelByLevel() {
		leaf(1, null, 1, null);
		leaf(2, 1L, 1, null);
		leaf(3, 1L, 1, 1.0);
		leaf(4, 2L, 1, 0.5);
		leaf(5, 2L, 1, 0.0);
		assertThat(progress().get(2L)).isCloseTo(0.25, within(1e-9));
		assertThat(progress().get(1L)).isCloseTo(0.625, within(1e-9));
	}

	@Test
	void aCitedHigherMeasureTakesItsProgressFromTheMeasuresCitingIt() {
		leaf(10, null, 1, 0.9); // its own report is not asked for once lower measures cite it
		nodes.put(20L, new Node(20, null, 10L, 1, false, 0.4, null, null, null));
		nodes.put(30L, new Node(30, null, 10L, 1, false, 0.8, null, null, null));
		assertThat(progress().get(10L)).isCloseTo(0.6, within(1e-9));
	}

	@Test
	void anIndicatorLeafMeasuresHowFarFromBaselineToTargetItGotClampedToZeroAndOne() {
		nodes.put(1L, new Node(1, null, null, 1, false, 0.1, new BigDecimal("50"), new BigDecimal("20"), new BigDecimal("60")));
		assertThat(progress().get(1L)).isCloseTo(0.75, within(1e-9));
		assertThat(ProgressPolicy.indicator(new BigDecimal("80"), new BigDecimal("20"), new BigDecimal("60"))).isEqualTo(1.0);
		assertThat(ProgressPolicy.indicator(new BigDecimal("10"), new BigDecimal("20"), new BigDecimal("60"))).isEqualTo(0.0);
		assertThat(ProgressPolicy.indicator(new BigDecimal("150"), new BigDecimal("300"), new BigDecimal("100")))
			.isCloseTo(0.75, within(1e-9));
	}

	@Test
	void aLeafWithoutAnAcceptedReportHasNoProgressAndReportedValuesAreClamped() {
		leaf(1, null, 1, null);
		leaf(2, null, 1, 1.7);
		assertThat(progress().get(1L)).isZero();
		assertThat(progress().get(2L)).isEqualTo(1.0);
	}

	@Test
	void aCycleOfCitationsDoesNotLoopForever() {
		nodes.put(1L, new Node(1, null, 2L, 1, false, 0.2, null, null, null));
		nodes.put(2L, new Node(2, null, 1L, 1, false, 0.4, null, null, null));
		assertThat(progress()).containsKeys(1L, 2L);
	}
}
