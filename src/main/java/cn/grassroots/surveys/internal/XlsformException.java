package cn.grassroots.surveys.internal;

import java.util.List;

/** An XLSForm outside the accepted subset: every problem names its sheet, row (1-based) and column. */
public class XlsformException extends RuntimeException {

	/** {@code message} is a message key of surveys.properties, {@code args} fill its placeholders. */
	public record Problem(String sheet, int row, String column, String message, List<String> args) {
	}

	private final List<Problem> problems;

	public XlsformException(List<Problem> problems) {
		super(problems.isEmpty() ? "invalid XLSForm"
				: problems.get(0).sheet() + " row " + problems.get(0).row() + ": " + problems.get(0).message());
		this.problems = List.copyOf(problems);
	}

	public List<Problem> problems() {
		return problems;
	}
}
