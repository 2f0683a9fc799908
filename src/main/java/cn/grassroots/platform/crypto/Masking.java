package cn.grassroots.platform.crypto;

/** How phones and ID numbers are shown to anyone who has not asked to reveal them. */
public final class Masking {

	private Masking() {
	}

	/** 230102********1234 */
	public static String idNumber(String idNumber) {
		if (idNumber == null || idNumber.isBlank()) {
			return null;
		}
		if (idNumber.length() < 10) {
			return "*".repeat(idNumber.length());
		}
		return idNumber.substring(0, 6) + "*".repeat(idNumber.length() - 10) + idNumber.substring(idNumber.length() - 4);
	}

	/** 138****1234 */
	public static String phone(String phone) {
		if (phone == null || phone.isBlank()) {
			return null;
		}
		if (phone.length() < 7) {
			return "*".repeat(phone.length());
		}
		return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
	}

	public static boolean isMasked(String value) {
		return value == null || value.contains("*");
	}
}
