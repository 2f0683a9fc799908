package cn.grassroots.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class IdNumbersTest {

	@Test
	void acceptsANumberWithTheRightCheckCharacter() {
		// GB 11643's worked example
		assertThat(IdNumbers.checkCharacter("11010519491231002")).isEqualTo('X');
		assertThat(IdNumbers.isValid("11010519491231002X")).isTrue();
	}

	@Test
	void rejectsAWrongCheckCharacter() {
		assertThat(IdNumbers.problem("110105194912310021")).contains("person.idNumber.checkDigit");
	}

	@Test
	void rejectsWrongLengthAndImpossibleDates() {
		assertThat(IdNumbers.problem("11010519491231002")).contains("person.idNumber.format");
		String feb30 = "23010219900230001";
		assertThat(IdNumbers.problem(feb30 + IdNumbers.checkCharacter(feb30))).contains("person.idNumber.birthDate");
	}

	@Test
	void genderAndBirthDateComeFromTheNumber() {
		assertThat(IdNumbers.gender("11010519491231002X")).isEqualTo(Gender.FEMALE);
		assertThat(IdNumbers.birthDate("11010519491231002X")).isEqualTo(LocalDate.of(1949, 12, 31));
		String man = "23010219800101001";
		assertThat(IdNumbers.gender(man + IdNumbers.checkCharacter(man))).isEqualTo(Gender.MALE);
	}
}
