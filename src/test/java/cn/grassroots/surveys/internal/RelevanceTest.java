package cn.grassroots.surveys.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RelevanceTest {

	private static boolean eval(String expr, Map<String, Object> answers) {
		return Relevance.parse(expr).test(answers);
	}

	@Test
	void comparesAQuestionWithALiteral() {
		Map<String, Object> a = Map.of("role", "grid_worker", "years", new BigDecimal("3"));
		assertThat(eval("${role} = 'grid_worker'", a)).isTrue();
		assertThat(eval("${role}='resident'", a)).isFalse();
		assertThat(eval("${role} != \"resident\"", a)).isTrue();
		assertThat(eval("${years} >= 3", a)).isTrue();
		assertThat(eval("${years} > 3", a)).isFalse();
		assertThat(eval("${years} < 10", a)).isTrue();
		assertThat(eval("${years} <= 2.5", a)).isFalse();
		assertThat(eval("${years} = 3.0", a)).isTrue();
	}

	@Test
	void anUnansweredQuestionIsTheEmptyText() {
		Map<String, Object> none = Map.of();
		assertThat(eval("${role} = ''", none)).isTrue();
		assertThat(eval("${role} != 'x'", none)).isTrue();
		assertThat(eval("${role} = 'x'", none)).isFalse();
		assertThat(eval("${years} > 1", none)).isFalse();
		assertThat(eval("${years} < 1", none)).isFalse();
		assertThat(eval("selected(${p}, 'a')", none)).isFalse();
	}

	@Test
	void selectedLooksInsideAMultipleChoice() {
		Map<String, Object> a = Map.of("p", List.of("meetings", "apps"), "s", "apps");
		assertThat(eval("selected(${p}, 'apps')", a)).isTrue();
		assertThat(eval("selected( ${p} , \"reports\" )", a)).isFalse();
		assertThat(eval("selected(${s}, 'apps')", a)).isTrue();
	}

	@Test
	void andBindsTighterThanOrAndNotNegates() {
		Map<String, Object> a = new HashMap<>(Map.of("a", "1", "b", "2", "c", "3"));
		assertThat(eval("${a} = '1' or ${b} = 'x' and ${c} = 'x'", a)).isTrue();
		assertThat(eval("(${a} = '1' or ${b} = 'x') and ${c} = 'x'", a)).isFalse();
		assertThat(eval("not(${a} = '1')", a)).isFalse();
		assertThat(eval("not(${a} = '2') and not(${b} = '1' or ${c} = '1')", a)).isTrue();
		assertThat(Relevance.references(Relevance.parse("not(${a} = '2') and selected(${b}, 'x') or ${c} > 1")))
			.containsExactly("a", "b", "c");
	}

	@Test
	void anythingOutsideTheSubsetIsRefusedWithItsPosition() {
		assertThatThrownBy(() -> Relevance.parse("${a} = ")).isInstanceOf(Relevance.SyntaxException.class);
		assertThatThrownBy(() -> Relevance.parse("count-selected(${a}) > 1")).isInstanceOf(Relevance.SyntaxException.class);
		assertThatThrownBy(() -> Relevance.parse("${a} = ${b}")).isInstanceOf(Relevance.SyntaxException.class);
		assertThatThrownBy(() -> Relevance.parse("${a} = 'x' xor ${b} = 'y'"))
			.isInstanceOfSatisfying(Relevance.SyntaxException.class, e -> assertThat(e.position()).isEqualTo(11));
		assertThatThrownBy(() -> Relevance.parse("(${a} = 'x'")).isInstanceOf(Relevance.SyntaxException.class);
		assertThatThrownBy(() -> Relevance.parse("not ${a} = 'x'")).isInstanceOf(Relevance.SyntaxException.class);
		assertThatThrownBy(() -> Relevance.parse("${a b} = 'x'")).isInstanceOf(Relevance.SyntaxException.class);
		assertThatThrownBy(() -> Relevance.parse("")).isInstanceOf(Relevance.SyntaxException.class);
	}
}
