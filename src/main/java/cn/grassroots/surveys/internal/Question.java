package cn.grassroots.surveys.internal;

import java.util.Map;

/**
 * One question of a questionnaire version.
 *
 * @param listName     the choice list (choice types only)
 * @param relevant     the skip-logic expression as written (XLSForm syntax), null when always shown
 * @param choiceFilter the question whose answer filters the choices by their {@code parent}, or null
 * @param min          scale start (scales) / lowest value (numbers, optional)
 * @param max          scale end (scales) / highest value (numbers, optional) / how many to rank (rankings)
 * @param step         scale step (scales)
 * @param extra        further {@code x_} settings, kept as given
 */
public record Question(String name, QuestionType type, Label label, Label hint, boolean required, String relevant,
		String listName, String choiceFilter, Integer min, Integer max, Integer step, Map<String, String> extra) {

	public Question {
		extra = extra == null ? Map.of() : Map.copyOf(extra);
	}

	/** How many choices a ranking asks for (top 3 unless set). */
	public int rankCount() {
		return max == null ? 3 : max;
	}
}
