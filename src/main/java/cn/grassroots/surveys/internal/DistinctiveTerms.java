package cn.grassroots.surveys.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which terms set one group of answers apart from the rest: the log-odds ratio with an informative
 * Dirichlet prior (Monroe, Colaresi and Quinn, "Fightin' Words", 2008). A term's count in a group is
 * the number of the group's answers that use it. The prior is the term's share of all answers, scaled
 * to the whole corpus (α_w = y_w, α_0 = n), which shrinks rare terms towards no difference; the
 * z-score is δ / √(1/(y_iw + α_w) + 1/(y_jw + α_w)), where j is every answer outside group i. A term
 * used alike everywhere scores near 0 whatever its frequency.
 */
final class DistinctiveTerms {

	/** A term with its count (answers using it), that count's share of the group's answers, and z (null overall). */
	record Scored(String term, long count, double share, Double z) {
	}

	private final Map<String, Integer> ids = new HashMap<>();
	private final List<String> terms = new ArrayList<>();
	/** per group: counts by term id. */
	private final Map<String, int[]> groups = new HashMap<>();
	private final Map<String, long[]> groupAnswers = new HashMap<>();
	private int[] total = new int[64];
	private long answers;

	/** Counts one answer's distinct terms under each of its groups (a role and a region, say). */
	void add(Set<String> answerTerms, String... answerGroups) {
		answers++;
		for (String g : answerGroups) {
			groupAnswers.computeIfAbsent(g, k -> new long[1])[0]++;
		}
		for (String t : answerTerms) {
			int id = ids.computeIfAbsent(t, k -> {
				terms.add(k);
				return terms.size() - 1;
			});
			if (id >= total.length) {
				total = Arrays.copyOf(total, total.length * 2);
			}
			total[id]++;
			for (String g : answerGroups) {
				int[] c = groups.computeIfAbsent(g, k -> new int[Math.max(64, total.length)]);
				if (id >= c.length) {
					c = Arrays.copyOf(c, Math.max(c.length * 2, id + 1));
					groups.put(g, c);
				}
				c[id]++;
			}
		}
	}

	long answers() {
		return answers;
	}

	long answers(String group) {
		long[] n = groupAnswers.get(group);
		return n == null ? 0 : n[0];
	}

	Set<String> groups() {
		return groupAnswers.keySet();
	}

	/** The most used terms over all answers. */
	List<Scored> top(int limit) {
		List<Scored> out = new ArrayList<>();
		for (int id = 0; id < terms.size(); id++) {
			out.add(new Scored(terms.get(id), total[id], share(total[id], answers), null));
		}
		out.sort(Comparator.comparingLong(Scored::count).reversed().thenComparing(Scored::term));
		return out.size() > limit ? out.subList(0, limit) : out;
	}

	/**
	 * The terms of a group with z at least {@code minZ}, most distinctive first, at most {@code limit};
	 * terms used by fewer than {@code minCount} of the group's answers are left out as anecdotes.
	 */
	List<Scored> distinctive(String group, double minZ, int minCount, int limit) {
		int[] c = groups.get(group);
		if (c == null) {
			return List.of();
		}
		double nAll = 0;
		for (int id = 0; id < terms.size(); id++) {
			nAll += total[id];
		}
		double nI = 0;
		for (int id = 0; id < terms.size() && id < c.length; id++) {
			nI += c[id];
		}
		double nJ = nAll - nI;
		double alpha0 = nAll;
		List<Scored> out = new ArrayList<>();
		for (int id = 0; id < terms.size() && id < c.length; id++) {
			int yI = c[id];
			if (yI < minCount) {
				continue;
			}
			double yJ = total[id] - yI;
			double a = total[id] * alpha0 / nAll;
			double delta = Math.log((yI + a) / (nI + alpha0 - yI - a)) - Math.log((yJ + a) / (nJ + alpha0 - yJ - a));
			double z = delta / Math.sqrt(1 / (yI + a) + 1 / (yJ + a));
			if (z >= minZ) {
				out.add(new Scored(terms.get(id), yI, share(yI, answers(group)), Math.round(z * 100) / 100.0));
			}
		}
		out.sort(Comparator.comparingDouble((Scored s) -> s.z()).reversed().thenComparing(Scored::term));
		return out.size() > limit ? out.subList(0, limit) : out;
	}

	private static double share(long count, long of) {
		return of == 0 ? 0 : Math.round(count * 10000.0 / of) / 10000.0;
	}
}
