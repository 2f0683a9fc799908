package cn.grassroots.surveys.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Skip logic: the subset of XLSForm's {@code relevant} expressions the platform accepts, parsed
 * into a tree and evaluated on the server the same way for online answers and imported rows.
 *
 * <pre>
 * expr    := and ('or' and)*
 * and     := unary ('and' unary)*
 * unary   := 'not' '(' expr ')' | '(' expr ')' | 'selected' '(' ref ',' literal ')' | ref op literal
 * op      := '=' | '!=' | '&lt;' | '&lt;=' | '&gt;' | '&gt;='
 * ref     := '${' name '}'
 * literal := 'text' | "text" | number
 * </pre>
 *
 * An unanswered (or hidden) question compares as the empty text: {@code ${q} = ''} is true,
 * {@code ${q} != 'x'} is true, ordering comparisons are false.
 */
public final class Relevance {

	/** A parsed expression. */
	public sealed interface Expr permits Or, And, Not, Selected, Compare {

		/** {@code answers}: question name → String (choice name or text), List of choice names, BigDecimal, LocalDate. */
		boolean test(Map<String, Object> answers);
	}

	record Or(List<Expr> parts) implements Expr {
		public boolean test(Map<String, Object> a) {
			return parts.stream().anyMatch(p -> p.test(a));
		}
	}

	record And(List<Expr> parts) implements Expr {
		public boolean test(Map<String, Object> a) {
			return parts.stream().allMatch(p -> p.test(a));
		}
	}

	record Not(Expr inner) implements Expr {
		public boolean test(Map<String, Object> a) {
			return !inner.test(a);
		}
	}

	record Selected(String question, String value) implements Expr {
		public boolean test(Map<String, Object> a) {
			Object v = a.get(question);
			if (v instanceof Collection<?> c) {
				return c.contains(value);
			}
			return v != null && value.equals(v.toString());
		}
	}

	record Compare(String question, String op, String text, BigDecimal number) implements Expr {
		public boolean test(Map<String, Object> a) {
			Object v = a.get(question);
			if (v instanceof Collection<?> c) {
				v = String.join(" ", c.stream().map(Object::toString).toList());
			}
			if (number != null) {
				BigDecimal actual = numeric(v);
				if (actual == null) {
					return "!=".equals(op);
				}
				return holds(actual.compareTo(number));
			}
			String actual = v == null ? "" : v.toString();
			return holds(actual.compareTo(text));
		}

		private boolean holds(int cmp) {
			return switch (op) {
				case "=" -> cmp == 0;
				case "!=" -> cmp != 0;
				case "<" -> cmp < 0;
				case "<=" -> cmp <= 0;
				case ">" -> cmp > 0;
				default -> cmp >= 0;
			};
		}

		private static BigDecimal numeric(Object v) {
			if (v instanceof BigDecimal b) {
				return b;
			}
			if (v instanceof Number n) {
				return new BigDecimal(n.toString());
			}
			if (v instanceof String s && !s.isBlank()) {
				try {
					return new BigDecimal(s.trim());
				}
				catch (NumberFormatException e) {
					return null;
				}
			}
			return null;
		}
	}

	/** An expression outside the subset; {@code position} is the 0-based character where it went wrong. */
	public static final class SyntaxException extends IllegalArgumentException {

		private final int position;

		SyntaxException(String message, int position) {
			super(message + " at character " + (position + 1));
			this.position = position;
		}

		public int position() {
			return position;
		}
	}

	private Relevance() {
	}

	public static Expr parse(String text) {
		Parser p = new Parser(text);
		Expr e = p.or();
		p.skipSpace();
		if (!p.atEnd()) {
			throw new SyntaxException("unexpected text", p.pos);
		}
		return e;
	}

	/** The questions an expression reads. */
	public static Set<String> references(Expr e) {
		Set<String> out = new LinkedHashSet<>();
		collect(e, out);
		return out;
	}

	private static void collect(Expr e, Set<String> out) {
		if (e instanceof Or o) {
			o.parts().forEach(p -> collect(p, out));
		}
		else if (e instanceof And a) {
			a.parts().forEach(p -> collect(p, out));
		}
		else if (e instanceof Not n) {
			collect(n.inner(), out);
		}
		else if (e instanceof Selected sel) {
			out.add(sel.question());
		}
		else if (e instanceof Compare c) {
			out.add(c.question());
		}
	}

	private static final class Parser {

		private final String s;
		private int pos;

		Parser(String s) {
			this.s = s == null ? "" : s;
		}

		boolean atEnd() {
			return pos >= s.length();
		}

		void skipSpace() {
			while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
				pos++;
			}
		}

		/** Consumes a keyword followed by a non-identifier character. */
		boolean keyword(String word) {
			skipSpace();
			if (s.startsWith(word, pos)) {
				int end = pos + word.length();
				if (end == s.length() || !(Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
					pos = end;
					return true;
				}
			}
			return false;
		}

		boolean symbol(String sym) {
			skipSpace();
			if (s.startsWith(sym, pos)) {
				pos += sym.length();
				return true;
			}
			return false;
		}

		void expect(String sym) {
			if (!symbol(sym)) {
				throw new SyntaxException("expected " + sym, pos);
			}
		}

		Expr or() {
			List<Expr> parts = new ArrayList<>();
			parts.add(and());
			while (keyword("or")) {
				parts.add(and());
			}
			return parts.size() == 1 ? parts.get(0) : new Or(List.copyOf(parts));
		}

		Expr and() {
			List<Expr> parts = new ArrayList<>();
			parts.add(unary());
			while (keyword("and")) {
				parts.add(unary());
			}
			return parts.size() == 1 ? parts.get(0) : new And(List.copyOf(parts));
		}

		Expr unary() {
			skipSpace();
			int start = pos;
			if (keyword("not")) {
				if (!symbol("(")) {
					throw new SyntaxException("expected ( after not", pos);
				}
				Expr inner = or();
				expect(")");
				return new Not(inner);
			}
			if (keyword("selected")) {
				expect("(");
				String q = ref();
				expect(",");
				String v = literal(false).text;
				expect(")");
				return new Selected(q, v);
			}
			if (symbol("(")) {
				Expr inner = or();
				expect(")");
				return inner;
			}
			skipSpace();
			if (!s.startsWith("${", pos)) {
				throw new SyntaxException("expected ${question}, selected(…), not(…) or (", start);
			}
			String q = ref();
			String op = op();
			Lit lit = literal(true);
			return new Compare(q, op, lit.text, lit.number);
		}

		String ref() {
			skipSpace();
			int start = pos;
			if (!s.startsWith("${", pos)) {
				throw new SyntaxException("expected ${question}", pos);
			}
			int end = s.indexOf('}', pos);
			if (end < 0) {
				throw new SyntaxException("unclosed ${", pos);
			}
			String name = s.substring(pos + 2, end);
			if (!Xlsform.NAME.matcher(name).matches()) {
				throw new SyntaxException("bad question name", start);
			}
			pos = end + 1;
			return name;
		}

		String op() {
			skipSpace();
			for (String o : new String[] { "!=", "<=", ">=", "=", "<", ">" }) {
				if (s.startsWith(o, pos)) {
					pos += o.length();
					return o;
				}
			}
			throw new SyntaxException("expected a comparison (=, !=, <, <=, >, >=)", pos);
		}

		record Lit(String text, BigDecimal number) {
		}

		Lit literal(boolean numbers) {
			skipSpace();
			if (atEnd()) {
				throw new SyntaxException("expected a literal", pos);
			}
			char c = s.charAt(pos);
			if (c == '\'' || c == '"') {
				int end = s.indexOf(c, pos + 1);
				if (end < 0) {
					throw new SyntaxException("unclosed text", pos);
				}
				String text = s.substring(pos + 1, end);
				pos = end + 1;
				return new Lit(text, null);
			}
			if (numbers && (Character.isDigit(c) || c == '-' || c == '.')) {
				int start = pos;
				pos++;
				while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
					pos++;
				}
				try {
					BigDecimal n = new BigDecimal(s.substring(start, pos));
					return new Lit(n.toPlainString(), n);
				}
				catch (NumberFormatException e) {
					throw new SyntaxException("bad number", start);
				}
			}
			throw new SyntaxException(numbers ? "expected 'text' or a number" : "expected 'text'", pos);
		}
	}
}
