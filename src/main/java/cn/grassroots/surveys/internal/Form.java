package cn.grassroots.surveys.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One version of a questionnaire: what XLSForm describes (sections, questions, choice lists,
 * settings). Immutable; a changed questionnaire is a new version, and answers keep the version
 * they were given against.
 *
 * @param formId      the XLSForm {@code form_id}
 * @param formVersion the XLSForm {@code version} setting, as written (may be null)
 * @param settings    further {@code x_} settings, kept as given
 */
public record Form(String formId, Label title, String formVersion, List<Section> sections,
		Map<String, List<Choice>> choiceLists, Map<String, String> settings) {

	public Form {
		sections = List.copyOf(sections);
		Map<String, List<Choice>> lists = new LinkedHashMap<>();
		choiceLists.forEach((k, v) -> lists.put(k, List.copyOf(v)));
		choiceLists = Collections.unmodifiableMap(lists);
		settings = settings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(settings));
	}

	/** Every question in order. */
	public List<Question> questions() {
		List<Question> all = new ArrayList<>();
		sections.forEach(s -> all.addAll(s.questions()));
		return all;
	}

	public Optional<Question> question(String name) {
		return questions().stream().filter(q -> q.name().equals(name)).findFirst();
	}

	/** The section a question belongs to. */
	public Section sectionOf(String name) {
		return sections.stream()
			.filter(s -> s.questions().stream().anyMatch(q -> q.name().equals(name)))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("no question " + name));
	}

	/** The full choice list of a choice question (empty for the other types). */
	public List<Choice> choices(Question q) {
		return q.listName() == null ? List.of() : choiceLists.getOrDefault(q.listName(), List.of());
	}
}
