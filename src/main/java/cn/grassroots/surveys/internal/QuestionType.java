package cn.grassroots.surveys.internal;

/**
 * The question types of a questionnaire and the XLSForm type each is written as. Closed types
 * (choices and scales) are what the analysis counts; the others are kept as given.
 */
public enum QuestionType {
	SINGLE("select_one", true),
	MULTIPLE("select_multiple", true),
	/** Rate on a scale (1–5, 1–10): XLSForm {@code range} with start/end/step parameters. */
	SCALE("range", true),
	/** Order the top choices (top 3 by default, {@code x_top}): XLSForm {@code rank}. */
	RANKING("rank", true),
	INTEGER("integer", false),
	DECIMAL("decimal", false),
	DATE("date", false),
	TEXT("text", false),
	/** Long text: XLSForm text with appearance multiline. */
	LONG_TEXT("text", false),
	/** A division code from the administrative tree: {@code select_one_region}. */
	REGION("select_one_region", false);

	private final String xlsform;
	private final boolean closed;

	QuestionType(String xlsform, boolean closed) {
		this.xlsform = xlsform;
		this.closed = closed;
	}

	public String xlsform() {
		return xlsform;
	}

	/** Counted by the analysis: single and multiple choice, scales, rankings. */
	public boolean closed() {
		return closed;
	}

	public boolean hasChoices() {
		return this == SINGLE || this == MULTIPLE || this == RANKING;
	}

	public String messageKey() {
		return "surveys.type." + name();
	}
}
