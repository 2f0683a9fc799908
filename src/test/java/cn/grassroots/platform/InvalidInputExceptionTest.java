package cn.grassroots.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A form shows the first message of each field, under the form's own field names. */
class InvalidInputExceptionTest {

	InvalidInputException e = new InvalidInputException(List.of(new InvalidInputException.FieldError("title", "a"),
			new InvalidInputException.FieldError("topics[0]", "b"), new InvalidInputException.FieldError("title", "c"),
			new InvalidInputException.FieldError("topics[2]", "d")));

	@Test
	void eachFieldKeepsItsFirstMessageInOrder() {
		assertThat(e.byField()).containsExactly(java.util.Map.entry("title", "a"), java.util.Map.entry("topics[0]", "b"),
				java.util.Map.entry("topics[2]", "d"));
	}

	@Test
	void fieldsRenamedTogetherShowTheFirstOfTheirMessages() {
		assertThat(e.byField(f -> f.startsWith("topics[") ? "topics" : f)).containsExactly(java.util.Map.entry("title", "a"),
				java.util.Map.entry("topics", "b"));
	}
}
