package cn.grassroots.surveys.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secrets of answering. A token (a per-person link or an open-link session's resume code) is
 * 192 random bits, URL-safe; only its SHA-256 is stored, so a leaked table gives no working link.
 * No salt is needed: the tokens are random, not chosen by people. Receipts are short and readable
 * (Crockford base 32, no I, L, O, U) because respondents copy them.
 */
final class AnswerTokens {

	private static final SecureRandom RANDOM = new SecureRandom();
	private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
	private static final java.util.regex.Pattern SHAPE = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{16,64}");

	private AnswerTokens() {
	}

	static String newToken() {
		return random(24);
	}

	static String newOpenKey() {
		return random(16);
	}

	private static String random(int bytes) {
		byte[] b = new byte[bytes];
		RANDOM.nextBytes(b);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
	}

	/** Whether the text can be a token or key at all (checked before any lookup). */
	static boolean wellFormed(String token) {
		return token != null && SHAPE.matcher(token).matches();
	}

	static String hash(String token) {
		return hash(sha256(), token);
	}

	/** A digest to hash many tokens with (one per thread: an import's validation keeps one). */
	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	static String hash(MessageDigest sha256, String token) {
		return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.US_ASCII)));
	}

	/** A receipt such as {@code K7Q2-M9XD-4T}: 50 random bits. */
	static String newReceipt() {
		StringBuilder sb = new StringBuilder(12);
		for (int i = 0; i < 10; i++) {
			if (i == 4 || i == 8) {
				sb.append('-');
			}
			sb.append(CROCKFORD[RANDOM.nextInt(32)]);
		}
		return sb.toString();
	}
}
