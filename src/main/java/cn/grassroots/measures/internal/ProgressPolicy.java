package cn.grassroots.measures.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 进度 of measures, 0 to 1:
 * <ul>
 * <li>a closed measure counts as 1;</li>
 * <li>a measure with sub-measures, or cited by lower mechanisms' measures, takes the weighted
 * average of those (weights normalised to 1 over them; equal by default);</li>
 * <li>a leaf takes its indicator, (actual − baseline) / (target − baseline) clamped to 0–1, when it
 * has one and an accepted report gave an actual; else the latest accepted report's value; else 0.</li>
 * </ul>
 */
public final class ProgressPolicy {

	/**
	 * One measure as the roll-up sees it.
	 *
	 * @param acceptedProgress the latest accepted report's progress, or null
	 * @param indicatorActual the latest accepted indicator value, or null
	 * @param baseline the indicator's baseline (the final staged target), or null without an indicator
	 * @param target the indicator's target value, or null without an indicator
	 */
	public record Node(long id, Long parentId, Long citedId, double weight, boolean closed, Double acceptedProgress,
			BigDecimal indicatorActual, BigDecimal baseline, BigDecimal target) {
	}

	private ProgressPolicy() {
	}

	/** The progress of every node given; contributors missing from the map are ignored. */
	public static Map<Long, Double> progress(Map<Long, Node> nodes) {
		Map<Long, List<Node>> contributors = new HashMap<>();
		for (Node n : nodes.values()) {
			if (n.parentId() != null) {
				contributors.computeIfAbsent(n.parentId(), k -> new ArrayList<>()).add(n);
			}
			if (n.citedId() != null && !n.citedId().equals(n.parentId())) {
				contributors.computeIfAbsent(n.citedId(), k -> new ArrayList<>()).add(n);
			}
		}
		Map<Long, Double> result = new HashMap<>();
		for (Node n : nodes.values()) {
			of(n, contributors, result, new HashSet<>());
		}
		return result;
	}

	private static double of(Node n, Map<Long, List<Node>> contributors, Map<Long, Double> done, Set<Long> path) {
		Double known = done.get(n.id());
		if (known != null) {
			return known;
		}
		double value;
		List<Node> below = contributors.getOrDefault(n.id(), List.of());
		if (n.closed()) {
			value = 1.0;
		}
		else if (!below.isEmpty() && path.add(n.id())) {
			double weights = below.stream().mapToDouble(c -> Math.max(0, c.weight())).sum();
			double sum = 0;
			for (Node c : below) {
				double w = weights > 0 ? Math.max(0, c.weight()) / weights : 1.0 / below.size();
				sum += w * of(c, contributors, done, path);
			}
			path.remove(n.id());
			value = clamp(sum);
		}
		else {
			value = leaf(n);
		}
		done.put(n.id(), value);
		return value;
	}

	/** A leaf's progress. */
	public static double leaf(Node n) {
		if (n.closed()) {
			return 1.0;
		}
		if (n.indicatorActual() != null && n.baseline() != null && n.target() != null) {
			return indicator(n.indicatorActual(), n.baseline(), n.target());
		}
		return n.acceptedProgress() == null ? 0.0 : clamp(n.acceptedProgress());
	}

	/** (actual − baseline) / (target − baseline), clamped to 0–1; a target equal to its baseline is met by reaching it. */
	public static double indicator(BigDecimal actual, BigDecimal baseline, BigDecimal target) {
		double span = target.subtract(baseline).doubleValue();
		if (span == 0) {
			return actual.compareTo(target) == 0 ? 1.0 : 0.0;
		}
		return clamp(actual.subtract(baseline).doubleValue() / span);
	}

	static double clamp(double v) {
		return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
	}
}
