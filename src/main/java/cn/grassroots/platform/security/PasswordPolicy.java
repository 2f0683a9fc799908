package cn.grassroots.platform.security;

import java.util.Locale;
import java.util.Optional;

/** 等保 complexity rule: at least 8 characters drawn from at least 3 of the 4 character classes. */
public final class PasswordPolicy {

	public static final int MAX_LENGTH = 128;

	private PasswordPolicy() {
	}

	/** The message key of the violated rule, or empty when the password is acceptable. */
	public static Optional<String> violation(String password) {
		if (password == null || password.length() < 8) {
			return Optional.of("password.tooShort");
		}
		int classes = 0;
		classes += password.chars().anyMatch(Character::isUpperCase) ? 1 : 0;
		classes += password.chars().anyMatch(Character::isLowerCase) ? 1 : 0;
		classes += password.chars().anyMatch(Character::isDigit) ? 1 : 0;
		classes += password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0;
		return classes >= 3 ? Optional.empty() : Optional.of("password.tooSimple");
	}

	/** For a password being set on an account: also at most 128 characters, and not containing the username. */
	public static Optional<String> violation(String password, String username) {
		if (password == null || password.isEmpty()) {
			return Optional.of("validation.required");
		}
		if (password.length() > MAX_LENGTH) {
			return Optional.of("account.password.tooLong");
		}
		Optional<String> rule = violation(password);
		if (rule.isPresent()) {
			return rule;
		}
		if (username != null && username.length() >= 3
				&& password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
			return Optional.of("account.password.containsUsername");
		}
		return Optional.empty();
	}
}
