package cn.grassroots.training.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Classical test statistics on a matrix of marks (one row per submission, one column per
 * question): per question the facility index (mean mark ÷ maximum mark) and Moodle's
 * discrimination index (Pearson r between the question's mark and the total of the other
 * questions); per test the mean, median and sample standard deviation of the scores in percent
 * of the maximum, and Cronbach's α over the raw marks. And the baseline-to-final gain over matched
 * pairs: Hake's ⟨g⟩ = (⟨final⟩ − ⟨baseline⟩) ÷ (100 − ⟨baseline⟩), the mean of individual gains and
 * Cohen's d = difference of means ÷ √((sd_baseline² + sd_final²) ÷ 2). Values that are undefined
 * (no variance, fewer than two submissions) are null.
 */
public final class TestStatistics {

	public record Item(double facility, Double discrimination) {
	}

	public record Summary(Double mean, Double median, Double sd, Double alpha, List<Item> items) {
	}

	public record Gain(Double hake, Double meanIndividualGain, Double cohenD, int pairs) {
	}

	private TestStatistics() {
	}

	/** @param marks one row per submission; @param max the maximum mark of each question (positive) */
	public static Summary of(double[][] marks, double[] max) {
		int n = marks.length;
		int k = max.length;
		double maxTotal = Arrays.stream(max).sum();
		double[] totals = new double[n];
		for (int s = 0; s < n; s++) {
			totals[s] = Arrays.stream(marks[s]).sum();
		}
		List<Item> items = new ArrayList<>();
		double itemVariances = 0;
		for (int q = 0; q < k; q++) {
			double[] x = new double[n];
			double[] rest = new double[n];
			for (int s = 0; s < n; s++) {
				x[s] = marks[s][q];
				rest[s] = totals[s] - x[s];
			}
			items.add(new Item(n == 0 ? 0 : mean(x) / max[q], pearson(x, rest)));
			if (n > 1) {
				itemVariances += variance(x);
			}
		}
		if (n == 0) {
			return new Summary(null, null, null, null, items);
		}
		double[] percent = Arrays.stream(totals).map(t -> 100 * t / maxTotal).toArray();
		Double sd = n > 1 ? Math.sqrt(variance(percent)) : null;
		Double alpha = null;
		if (n > 1 && k > 1) {
			double totalVariance = variance(totals);
			if (totalVariance > 0) {
				alpha = (double) k / (k - 1) * (1 - itemVariances / totalVariance);
			}
		}
		return new Summary(mean(percent), median(percent), sd, alpha, items);
	}

	/** Baseline and final scores in percent of matched pairs (the same person took both). */
	public static Gain gain(double[] baseline, double[] fin) {
		int n = baseline.length;
		if (n == 0) {
			return new Gain(null, null, null, 0);
		}
		double mb = mean(baseline);
		double mf = mean(fin);
		Double hake = mb < 100 ? (mf - mb) / (100 - mb) : null;
		double sum = 0;
		int counted = 0;
		for (int i = 0; i < n; i++) {
			if (baseline[i] < 100) {
				sum += (fin[i] - baseline[i]) / (100 - baseline[i]);
				counted++;
			}
		}
		Double individual = counted == 0 ? null : sum / counted;
		Double d = null;
		if (n > 1) {
			double pooled = Math.sqrt((variance(baseline) + variance(fin)) / 2);
			if (pooled > 0) {
				d = (mf - mb) / pooled;
			}
		}
		return new Gain(hake, individual, d, n);
	}

	static double mean(double[] v) {
		return Arrays.stream(v).average().orElse(Double.NaN);
	}

	static double median(double[] v) {
		double[] s = v.clone();
		Arrays.sort(s);
		int n = s.length;
		return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
	}

	/** Sample variance (n − 1). */
	static double variance(double[] v) {
		double m = mean(v);
		double ss = 0;
		for (double x : v) {
			ss += (x - m) * (x - m);
		}
		return ss / (v.length - 1);
	}

	/** Pearson's r, or null when either side has no variance or there are fewer than two values. */
	static Double pearson(double[] x, double[] y) {
		int n = x.length;
		if (n < 2) {
			return null;
		}
		double mx = mean(x);
		double my = mean(y);
		double sxy = 0, sxx = 0, syy = 0;
		for (int i = 0; i < n; i++) {
			sxy += (x[i] - mx) * (y[i] - my);
			sxx += (x[i] - mx) * (x[i] - mx);
			syy += (y[i] - my) * (y[i] - my);
		}
		if (sxx == 0 || syy == 0) {
			return null;
		}
		return sxy / Math.sqrt(sxx * syy);
	}
}
