package cn.grassroots.surveys.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * A skip-logic expression as JSON for the answering page, which applies it as the respondent goes
 * ({@code surveys-answer.js}); the server applies the same expression again on submission.
 * Shapes: {@code {"t":"or"|"and","p":[…]}}, {@code {"t":"not","p":…}},
 * {@code {"t":"sel","q":name,"v":choice}}, {@code {"t":"cmp","q":name,"op":"=",…,"s":text,"n":number|null}}.
 */
public final class RelevanceJson {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private RelevanceJson() {
	}

	/** The expression as JSON text, or null when there is none. */
	public static String of(String relevant) {
		if (relevant == null || relevant.isBlank()) {
			return null;
		}
		return JSON.writeValueAsString(tree(Relevance.parse(relevant)));
	}

	private static Object tree(Relevance.Expr e) {
		Map<String, Object> m = new LinkedHashMap<>();
		if (e instanceof Relevance.Or or) {
			m.put("t", "or");
			m.put("p", parts(or.parts()));
		}
		else if (e instanceof Relevance.And and) {
			m.put("t", "and");
			m.put("p", parts(and.parts()));
		}
		else if (e instanceof Relevance.Not not) {
			m.put("t", "not");
			m.put("p", tree(not.inner()));
		}
		else if (e instanceof Relevance.Selected s) {
			m.put("t", "sel");
			m.put("q", s.question());
			m.put("v", s.value());
		}
		else if (e instanceof Relevance.Compare c) {
			m.put("t", "cmp");
			m.put("q", c.question());
			m.put("op", c.op());
			m.put("s", c.text());
			m.put("n", c.number() == null ? null : c.number().doubleValue());
		}
		return m;
	}

	private static List<Object> parts(List<Relevance.Expr> parts) {
		return parts.stream().map(RelevanceJson::tree).toList();
	}
}
