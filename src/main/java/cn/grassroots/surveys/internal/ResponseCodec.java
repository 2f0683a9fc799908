package cn.grassroots.surveys.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compact storage of one response against one version. Closed answers live in one fixed-width
 * text ({@code closed}), two base-36 digits per value so that the analysis decodes a question by
 * position without parsing anything else:
 * <ul>
 * <li>single choice: the choice's 1-based index ("00" unanswered);</li>
 * <li>scale: value − start + 1;</li>
 * <li>ranking: one pair per place, in rank order ("00" for an empty place);</li>
 * <li>multiple choice: a bit mask in hexadecimal, one digit per four choices.</li>
 * </ul>
 * Numbers (integer and decimal) are kept as plain text joined by ';' in {@code numbers}; text,
 * dates and regions go to {@code open} as name → text. A response is thus one row.
 */
public final class ResponseCodec {

	/** Where a closed question lies in the closed text. */
	public record Slot(Question question, int offset, int width, List<Choice> choices) {
	}

	public record Encoded(String closed, String numbers, Map<String, String> open) {
	}

	public static final int MAX_CLOSED = 4000;

	private final Form form;
	/** The form's questions in order, listed once (encode and decode run once a response). */
	private final List<Question> questions;
	private final Map<String, Slot> slots = new LinkedHashMap<>();
	private final List<Question> numeric = new ArrayList<>();
	private final Map<String, Integer> numberIndex = new HashMap<>();
	private final int length;

	public ResponseCodec(Form form) {
		this.form = form;
		this.questions = form.questions();
		int offset = 0;
		for (Question q : questions) {
			int width = switch (q.type()) {
				case SINGLE, SCALE -> 2;
				case RANKING -> 2 * q.rankCount();
				case MULTIPLE -> (form.choices(q).size() + 3) / 4;
				default -> 0;
			};
			if (q.type().closed()) {
				slots.put(q.name(), new Slot(q, offset, width, form.choices(q)));
				offset += width;
			}
			else if (q.type() == QuestionType.INTEGER || q.type() == QuestionType.DECIMAL) {
				numberIndex.put(q.name(), numeric.size());
				numeric.add(q);
			}
		}
		this.length = offset;
	}

	public Form form() {
		return form;
	}

	public int length() {
		return length;
	}

	public Slot slot(String question) {
		return slots.get(question);
	}

	/** The position of a number question in the numbers text, or -1. */
	public int numberIndex(String question) {
		return numberIndex.getOrDefault(question, -1);
	}

	public Encoded encode(Map<String, Object> values) {
		char[] closed = new char[length];
		Arrays.fill(closed, '0');
		String[] numbers = new String[numeric.size()];
		Map<String, String> open = new LinkedHashMap<>();
		for (Question q : questions) {
			Object v = values.get(q.name());
			if (v == null) {
				continue;
			}
			Slot s = slots.get(q.name());
			switch (q.type()) {
				case SINGLE -> put(closed, s.offset(), index(s, (String) v) + 1);
				case SCALE -> put(closed, s.offset(), ((BigDecimal) v).intValue() - q.min() + 1);
				case RANKING -> {
					List<?> list = (List<?>) v;
					for (int i = 0; i < list.size(); i++) {
						put(closed, s.offset() + 2 * i, index(s, (String) list.get(i)) + 1);
					}
				}
				case MULTIPLE -> {
					for (Object name : (List<?>) v) {
						int i = index(s, (String) name);
						int pos = s.offset() + i / 4;
						int digit = Character.digit(closed[pos], 16) | (1 << (i % 4));
						closed[pos] = Character.forDigit(digit, 16);
					}
				}
				case INTEGER, DECIMAL -> numbers[numberIndex.get(q.name())] = ((BigDecimal) v).toPlainString();
				default -> open.put(q.name(), AnswerPolicy.text(v));
			}
		}
		StringBuilder n = new StringBuilder();
		for (int i = 0; i < numbers.length; i++) {
			if (i > 0) {
				n.append(';');
			}
			if (numbers[i] != null) {
				n.append(numbers[i]);
			}
		}
		return new Encoded(new String(closed), n.toString(), open);
	}

	private static int index(Slot s, String name) {
		for (int i = 0; i < s.choices().size(); i++) {
			if (s.choices().get(i).name().equals(name)) {
				return i;
			}
		}
		throw new IllegalArgumentException("no choice " + name + " in " + s.question().name());
	}

	private static void put(char[] closed, int offset, int value) {
		closed[offset] = Character.forDigit(value / 36, 36);
		closed[offset + 1] = Character.forDigit(value % 36, 36);
	}

	/** A two-digit base-36 value at the offset (0 unanswered). */
	public static int pair(String closed, int offset) {
		return Character.digit(closed.charAt(offset), 36) * 36 + Character.digit(closed.charAt(offset + 1), 36);
	}

	/** The 0-based indexes of the choices picked in a multiple choice, visited in choice order. */
	public static void forEachPicked(String closed, Slot s, java.util.function.IntConsumer consumer) {
		for (int d = 0; d < s.width(); d++) {
			int bits = Character.digit(closed.charAt(s.offset() + d), 16);
			while (bits != 0) {
				int low = Integer.numberOfTrailingZeros(bits);
				consumer.accept(d * 4 + low);
				bits &= bits - 1;
			}
		}
	}

	/** The answers of one stored response as the text an import row would hold (for exports and resume). */
	public Map<String, String> decode(String closed, String numbers, Map<String, String> open) {
		Map<String, String> out = new LinkedHashMap<>();
		String[] nums = numbers == null ? new String[0] : numbers.split(";", -1);
		for (Question q : questions) {
			Slot s = slots.get(q.name());
			String text = null;
			switch (q.type()) {
				case SINGLE -> {
					int v = pair(closed, s.offset());
					text = v == 0 ? null : s.choices().get(v - 1).name();
				}
				case SCALE -> {
					int v = pair(closed, s.offset());
					text = v == 0 ? null : Integer.toString(v - 1 + q.min());
				}
				case RANKING -> {
					List<String> names = new ArrayList<>();
					for (int i = 0; i < q.rankCount(); i++) {
						int v = pair(closed, s.offset() + 2 * i);
						if (v > 0) {
							names.add(s.choices().get(v - 1).name());
						}
					}
					text = names.isEmpty() ? null : String.join(" ", names);
				}
				case MULTIPLE -> {
					List<String> names = new ArrayList<>();
					forEachPicked(closed, s, i -> names.add(s.choices().get(i).name()));
					text = names.isEmpty() ? null : String.join(" ", names);
				}
				case INTEGER, DECIMAL -> {
					int i = numberIndex.get(q.name());
					text = i < nums.length && !nums[i].isEmpty() ? nums[i] : null;
				}
				default -> text = open == null ? null : open.get(q.name());
			}
			if (text != null) {
				out.put(q.name(), text);
			}
		}
		return out;
	}
}
