package cn.grassroots.surveys.internal;

import java.util.List;

/**
 * A section (XLSForm group) of questions. A section without a name holds questions that stand
 * outside any group; it is written without begin_group/end_group.
 */
public record Section(String name, Label label, String relevant, List<Question> questions) {

	public Section {
		questions = List.copyOf(questions);
	}

	public boolean implicit() {
		return name == null;
	}
}
