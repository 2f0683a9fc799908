package cn.grassroots.surveys.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The one rule for what an answer set may hold against a questionnaire version, used by online
 * answering and by bulk import alike. Answers arrive as text, as in a CSV cell: a choice name,
 * space-separated choice names for multiple choice and ranking (in rank order), numbers, ISO
 * dates, a division code (short or 12 digits) for a region picker. Empty text is unanswered.
 * <ul>
 * <li>a question hidden by skip logic (its own or its section's) must be unanswered;</li>
 * <li>a required question that is shown must be answered;</li>
 * <li>every answer must fit its type (a choice offered — after the choice filter —, a scale
 * value on its steps, a number, a real date, a known region, text not too long).</li>
 * </ul>
 * Skip logic reads the parsed answers of the questions before; a hidden question counts as
 * unanswered.
 */
public final class AnswerPolicy {

	public static final int TEXT_MAX = 500;
	public static final int LONG_TEXT_MAX = 5000;

	/** One problem: the question (column) and a message key of surveys.properties with its arguments. */
	public record Problem(String question, String message, List<String> args) {

		static Problem of(String question, String message, Object... args) {
			return new Problem(question, message, java.util.Arrays.stream(args).map(String::valueOf).toList());
		}
	}

	/**
	 * The outcome: {@code values} holds the parsed answers of the shown, answered questions (String
	 * choice name or text, List of choice names, BigDecimal, LocalDate, Long region code).
	 */
	public record Result(Map<String, Object> values, List<Problem> problems) {

		public boolean ok() {
			return problems.isEmpty();
		}
	}

	private final Form form;
	/** The form's questions in order and their names, listed once (a check runs once a row). */
	private final List<Question> questions;
	private final Set<String> questionNames = new HashSet<>();
	private final Function<String, Optional<Long>> regions;
	private final Map<String, Relevance.Expr> relevant = new HashMap<>();
	private final Map<String, Relevance.Expr> sectionRelevant = new HashMap<>();
	private final Map<String, Map<String, Choice>> choicesByList = new HashMap<>();

	/**
	 * @param regions resolves a typed division code to its 12-digit code when the region exists
	 */
	public AnswerPolicy(Form form, Function<String, Optional<Long>> regions) {
		this.form = form;
		this.questions = form.questions();
		questions.forEach(q -> questionNames.add(q.name()));
		this.regions = regions;
		for (Section s : form.sections()) {
			if (s.relevant() != null) {
				Relevance.Expr e = Relevance.parse(s.relevant());
				s.questions().forEach(q -> sectionRelevant.put(q.name(), e));
			}
			for (Question q : s.questions()) {
				if (q.relevant() != null) {
					relevant.put(q.name(), Relevance.parse(q.relevant()));
				}
			}
		}
		form.choiceLists().forEach((name, list) -> {
			Map<String, Choice> byName = new LinkedHashMap<>();
			list.forEach(c -> byName.put(c.name(), c));
			choicesByList.put(name, byName);
		});
	}

	public Form form() {
		return form;
	}

	/** Whether the question is shown, given the answers so far. */
	public boolean shown(Question q, Map<String, Object> values) {
		Relevance.Expr s = sectionRelevant.get(q.name());
		Relevance.Expr e = relevant.get(q.name());
		return (s == null || s.test(values)) && (e == null || e.test(values));
	}

	public Result check(Map<String, String> answers) {
		List<Problem> problems = new ArrayList<>();
		Map<String, Object> values = new LinkedHashMap<>(2 * questions.size());
		for (Question q : questions) {
			String raw = answers.get(q.name());
			String text = raw == null ? "" : raw.strip();
			boolean shown = shown(q, values);
			if (text.isEmpty()) {
				if (shown && q.required()) {
					problems.add(Problem.of(q.name(), "surveys.answer.required"));
				}
				continue;
			}
			if (!shown) {
				problems.add(Problem.of(q.name(), "surveys.answer.hidden"));
				continue;
			}
			Object value = parse(q, text, values, problems);
			if (value != null) {
				values.put(q.name(), value);
			}
		}
		for (String name : answers.keySet()) {
			if (!questionNames.contains(name)) {
				problems.add(Problem.of(name, "surveys.answer.unknownQuestion", name));
			}
		}
		return new Result(values, problems);
	}

	private Object parse(Question q, String text, Map<String, Object> values, List<Problem> problems) {
		switch (q.type()) {
			case SINGLE: {
				Choice c = choice(q, text, values, problems);
				return c == null ? null : c.name();
			}
			case MULTIPLE:
			case RANKING: {
				List<String> parts = words(text);
				List<String> picked = new ArrayList<>(parts.size());
				for (String part : parts) {
					Choice c = choice(q, part, values, problems);
					if (c == null) {
						return null;
					}
					if (picked.contains(c.name())) {
						problems.add(Problem.of(q.name(), "surveys.answer.duplicateChoice", c.name()));
						return null;
					}
					picked.add(c.name());
				}
				if (q.type() == QuestionType.RANKING && picked.size() > q.rankCount()) {
					problems.add(Problem.of(q.name(), "surveys.answer.rankTooMany", q.rankCount()));
					return null;
				}
				return List.copyOf(picked);
			}
			case SCALE: {
				BigDecimal n = number(q, text, problems);
				if (n == null) {
					return null;
				}
				int step = q.step() == null ? 1 : q.step();
				boolean onStep = n.stripTrailingZeros().scale() <= 0
						&& (n.intValue() - q.min()) % step == 0;
				if (n.compareTo(BigDecimal.valueOf(q.min())) < 0 || n.compareTo(BigDecimal.valueOf(q.max())) > 0 || !onStep) {
					problems.add(Problem.of(q.name(), "surveys.answer.scaleRange", q.min(), q.max()));
					return null;
				}
				return BigDecimal.valueOf(n.intValue());
			}
			case INTEGER: {
				BigDecimal n = number(q, text, problems);
				if (n == null) {
					return null;
				}
				if (n.stripTrailingZeros().scale() > 0) {
					problems.add(Problem.of(q.name(), "surveys.answer.integer"));
					return null;
				}
				return bounded(q, new BigDecimal(n.toBigInteger()), problems);
			}
			case DECIMAL: {
				BigDecimal n = number(q, text, problems);
				return n == null ? null : bounded(q, n, problems);
			}
			case DATE:
				try {
					return LocalDate.parse(text);
				}
				catch (DateTimeParseException e) {
					problems.add(Problem.of(q.name(), "surveys.answer.date"));
					return null;
				}
			case TEXT:
			case LONG_TEXT: {
				int max = q.type() == QuestionType.TEXT ? TEXT_MAX : LONG_TEXT_MAX;
				if (text.codePointCount(0, text.length()) > max) {
					problems.add(Problem.of(q.name(), "surveys.answer.tooLong", max));
					return null;
				}
				if (text.chars().anyMatch(ch -> ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t')) {
					problems.add(Problem.of(q.name(), "surveys.answer.control"));
					return null;
				}
				if (q.type() == QuestionType.TEXT && (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0)) {
					problems.add(Problem.of(q.name(), "surveys.answer.oneLine"));
					return null;
				}
				return text;
			}
			case REGION: {
				Optional<Long> code = regions.apply(text);
				if (code.isEmpty()) {
					problems.add(Problem.of(q.name(), "surveys.answer.region", text));
					return null;
				}
				return code.get();
			}
			default:
				throw new IllegalStateException(q.type().name());
		}
	}

	private Choice choice(Question q, String name, Map<String, Object> values, List<Problem> problems) {
		Choice c = choicesByList.getOrDefault(q.listName(), Map.of()).get(name);
		if (c == null) {
			problems.add(Problem.of(q.name(), "surveys.answer.notOffered", name));
			return null;
		}
		if (q.choiceFilter() != null) {
			Object parent = values.get(q.choiceFilter());
			if (parent == null || !parent.toString().equals(c.parent())) {
				problems.add(Problem.of(q.name(), "surveys.answer.notOffered", name));
				return null;
			}
		}
		return c;
	}

	private static BigDecimal number(Question q, String text, List<Problem> problems) {
		if (!plainNumber(text)) {
			problems.add(Problem.of(q.name(), "surveys.answer.number"));
			return null;
		}
		// one or two digits (a scale's answer, most numbers): no parsing, and the small values are cached
		if (text.length() == 1) {
			return BigDecimal.valueOf(text.charAt(0) - '0');
		}
		if (text.length() == 2 && text.charAt(0) != '-' && text.charAt(0) != '+') {
			return BigDecimal.valueOf((text.charAt(0) - '0') * 10 + text.charAt(1) - '0');
		}
		return new BigDecimal(text);
	}

	/** Numbers are written plainly: a sign, 1 to 15 digits, and 1 to 6 decimals after a point; no exponent. */
	static boolean plainNumber(String text) {
		int i = 0;
		int n = text.length();
		if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
			i++;
		}
		int digits = 0;
		while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
			i++;
			digits++;
		}
		if (digits < 1 || digits > 15) {
			return false;
		}
		if (i == n) {
			return true;
		}
		if (text.charAt(i) != '.') {
			return false;
		}
		i++;
		int decimals = 0;
		while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
			i++;
			decimals++;
		}
		return i == n && decimals >= 1 && decimals <= 6;
	}

	/** The parts of a multiple choice or ranking answer: split at runs of white space (the text is stripped). */
	static List<String> words(String text) {
		List<String> parts = new ArrayList<>(4);
		int start = -1;
		for (int i = 0; i <= text.length(); i++) {
			boolean space = i == text.length() || Character.isWhitespace(text.charAt(i));
			if (space && start >= 0) {
				parts.add(text.substring(start, i));
				start = -1;
			}
			else if (!space && start < 0) {
				start = i;
			}
		}
		return parts;
	}

	private static BigDecimal bounded(Question q, BigDecimal n, List<Problem> problems) {
		if ((q.min() != null && n.compareTo(BigDecimal.valueOf(q.min())) < 0)
				|| (q.max() != null && n.compareTo(BigDecimal.valueOf(q.max())) > 0)) {
			problems.add(Problem.of(q.name(), "surveys.answer.numberRange", q.min() == null ? "" : q.min(),
					q.max() == null ? "" : q.max()));
			return null;
		}
		return n;
	}

	/** The text form of a parsed value, as the import and the export write it. */
	public static String text(Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof List<?> list) {
			return String.join(" ", list.stream().map(Object::toString).toList());
		}
		if (value instanceof BigDecimal b) {
			return b.toPlainString();
		}
		return value.toString();
	}
}
