package cn.grassroots.org;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/** Resident ID numbers (公民身份号码, GB 11643-1999): 17 digits, then a MOD 11-2 check character. */
public final class IdNumbers {

	private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	private static final char[] CHECK = { '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2' };

	private IdNumbers() {
	}

	/** The upper-cased number, or empty when the text is blank. */
	public static Optional<String> normalise(String text) {
		if (text == null || text.isBlank()) {
			return Optional.empty();
		}
		return Optional.of(text.trim().toUpperCase());
	}

	/** The message key of what is wrong, or empty when the number is valid. */
	public static Optional<String> problem(String idNumber) {
		if (idNumber.length() != 18 || !idNumber.substring(0, 17).chars().allMatch(Character::isDigit)) {
			return Optional.of("person.idNumber.format");
		}
		if (checkCharacter(idNumber.substring(0, 17)) != idNumber.charAt(17)) {
			return Optional.of("person.idNumber.checkDigit");
		}
		try {
			LocalDate birth = birthDate(idNumber);
			if (birth.isAfter(LocalDate.now()) || birth.getYear() < 1900) {
				return Optional.of("person.idNumber.birthDate");
			}
		}
		catch (DateTimeException e) {
			return Optional.of("person.idNumber.birthDate");
		}
		return Optional.empty();
	}

	public static boolean isValid(String idNumber) {
		return idNumber != null && problem(idNumber).isEmpty();
	}

	public static char checkCharacter(String first17) {
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			sum += (first17.charAt(i) - '0') * WEIGHTS[i];
		}
		return CHECK[sum % 11];
	}

	public static LocalDate birthDate(String idNumber) {
		return LocalDate.of(Integer.parseInt(idNumber.substring(6, 10)), Integer.parseInt(idNumber.substring(10, 12)),
				Integer.parseInt(idNumber.substring(12, 14)));
	}

	/** The 17th digit: odd for men, even for women. */
	public static Gender gender(String idNumber) {
		return (idNumber.charAt(16) - '0') % 2 == 1 ? Gender.MALE : Gender.FEMALE;
	}
}
