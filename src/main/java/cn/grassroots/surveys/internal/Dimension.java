package cn.grassroots.surveys.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * One closed question across all versions of a questionnaire: its values (choice names, or scale
 * points) in the current version's order, then any only older versions offered, and for each
 * version how to read them from a stored response. Answers are matched across versions by name.
 */
final class Dimension {

	/** Reads the merged value indexes of one response. */
	interface Reader {
		/** Calls {@code out} with each value's index (and, for rankings, place 0, 1, 2 … via {@link #readRanked}). */
		void read(String closed, IntConsumer out);
	}

	final String name;
	final QuestionType type;
	final Label label;
	final List<String> values = new ArrayList<>();
	final List<Label> labels = new ArrayList<>();
	/** For rankings, how many places the current version asks for. */
	final int places;
	private final Map<Long, ResponseCodec.Slot> slots = new HashMap<>();
	private final Map<Long, int[]> mapping = new HashMap<>();

	/**
	 * @param codecs every version's codec, the current version first
	 */
	Dimension(String name, Map<Long, ResponseCodec> codecs, long currentVersionId) {
		this.name = name;
		Question current = null;
		List<Map.Entry<Long, ResponseCodec>> ordered = new ArrayList<>();
		ordered.add(Map.entry(currentVersionId, codecs.get(currentVersionId)));
		codecs.forEach((id, c) -> {
			if (id != currentVersionId) {
				ordered.add(Map.entry(id, c));
			}
		});
		for (var e : ordered) {
			ResponseCodec.Slot s = e.getValue().slot(name);
			if (s == null) {
				continue;
			}
			if (current == null) {
				current = s.question();
			}
			if (s.question().type() != current.type()) {
				continue; // a version that changed the question's type is not comparable
			}
			slots.put(e.getKey(), s);
			int[] map;
			if (current.type() == QuestionType.SCALE) {
				Question q = s.question();
				map = new int[q.max() - q.min() + 2];
				for (int v = q.min(); v <= q.max(); v++) {
					map[v - q.min() + 1] = indexOf(Integer.toString(v), new Label(Integer.toString(v), Integer.toString(v)));
				}
			}
			else {
				map = new int[s.choices().size()];
				for (int i = 0; i < s.choices().size(); i++) {
					map[i] = indexOf(s.choices().get(i).name(), s.choices().get(i).label());
				}
			}
			mapping.put(e.getKey(), map);
		}
		if (current == null) {
			throw new IllegalArgumentException("no closed question " + name);
		}
		this.type = current.type();
		this.label = current.label();
		this.places = current.type() == QuestionType.RANKING ? current.rankCount() : 1;
		if (type == QuestionType.SCALE) {
			sortNumerically();
		}
	}

	private int indexOf(String value, Label label) {
		int i = values.indexOf(value);
		if (i >= 0) {
			return i;
		}
		values.add(value);
		labels.add(label);
		return values.size() - 1;
	}

	/** Scale points in numeric order (versions may have widened the scale). */
	private void sortNumerically() {
		List<String> sorted = new ArrayList<>(values);
		sorted.sort((a, b) -> new BigDecimal(a).compareTo(new BigDecimal(b)));
		int[] move = new int[values.size()];
		for (int i = 0; i < values.size(); i++) {
			move[i] = sorted.indexOf(values.get(i));
		}
		List<Label> newLabels = new ArrayList<>(labels);
		for (int i = 0; i < values.size(); i++) {
			newLabels.set(move[i], labels.get(i));
		}
		values.clear();
		values.addAll(sorted);
		labels.clear();
		labels.addAll(newLabels);
		mapping.replaceAll((k, map) -> {
			int[] m = map.clone();
			for (int i = 0; i < m.length; i++) {
				m[i] = move[m[i]];
			}
			return m;
		});
	}

	int size() {
		return values.size();
	}

	/** Whether a version holds this question (comparably). */
	boolean in(long versionId) {
		return slots.containsKey(versionId);
	}

	private long lastVersion = Long.MIN_VALUE;
	private ResponseCodec.Slot lastSlot;
	private int[] lastMap;

	/**
	 * Calls {@code out} with the merged index of every value the response gave (nothing when
	 * unanswered); returns how many it gave. Not thread-safe: one Dimension per request.
	 */
	int read(long versionId, String closed, IntConsumer out) {
		if (versionId != lastVersion) {
			lastVersion = versionId;
			lastSlot = slots.get(versionId);
			lastMap = mapping.get(versionId);
		}
		ResponseCodec.Slot s = lastSlot;
		if (s == null) {
			return 0;
		}
		int[] map = lastMap;
		int offset = s.offset();
		switch (type) {
			case SINGLE -> {
				int v = ResponseCodec.pair(closed, offset);
				if (v > 0) {
					out.accept(map[v - 1]);
					return 1;
				}
				return 0;
			}
			case SCALE -> {
				int v = ResponseCodec.pair(closed, offset);
				if (v > 0) {
					out.accept(map[v]);
					return 1;
				}
				return 0;
			}
			case MULTIPLE -> {
				int n = 0;
				for (int d = 0; d < s.width(); d++) {
					int bits = Character.digit(closed.charAt(offset + d), 16);
					while (bits != 0) {
						out.accept(map[d * 4 + Integer.numberOfTrailingZeros(bits)]);
						bits &= bits - 1;
						n++;
					}
				}
				return n;
			}
			case RANKING -> {
				int n = 0;
				for (int p = 0; p < s.width() / 2; p++) {
					int v = ResponseCodec.pair(closed, offset + 2 * p);
					if (v > 0) {
						out.accept(map[v - 1]);
						n++;
					}
				}
				return n;
			}
			default -> throw new IllegalStateException(type.name());
		}
	}

	/** For rankings: the merged index at each place (−1 for an empty place). */
	void readRanked(long versionId, String closed, int[] places) {
		java.util.Arrays.fill(places, -1);
		ResponseCodec.Slot s = slots.get(versionId);
		if (s == null) {
			return;
		}
		int[] map = mapping.get(versionId);
		for (int p = 0; p < Math.min(places.length, s.width() / 2); p++) {
			int v = ResponseCodec.pair(closed, s.offset() + 2 * p);
			places[p] = v > 0 ? map[v - 1] : -1;
		}
	}

	/** The scale value at an index (scales only). */
	BigDecimal numeric(int index) {
		return new BigDecimal(values.get(index));
	}
}
