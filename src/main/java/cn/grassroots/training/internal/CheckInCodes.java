package cn.grassroots.training.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Rotating check-in codes: one HMAC-SHA256 code per session and 30-second step; the current and
 * the previous step are accepted, so a code photographed a minute earlier no longer works.
 */
public final class CheckInCodes {

	public static final int STEP_SECONDS = 30;

	/** The code to show now, and until when it is current. */
	public record Current(String code, long step, Instant changesAt) {
	}

	private final byte[] key;
	private final Clock clock;

	public CheckInCodes(byte[] key, Clock clock) {
		this.key = key.clone();
		this.clock = clock;
	}

	public static long step(Instant t) {
		return Math.floorDiv(t.getEpochSecond(), STEP_SECONDS);
	}

	/** Eight digits derived from the session and the step. */
	public String code(long sessionId, long step) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			byte[] h = mac.doFinal((sessionId + ":" + step).getBytes(StandardCharsets.US_ASCII));
			int n = ByteBuffer.wrap(h, 0, 4).getInt() & 0x7fffffff;
			return String.format("%08d", n % 100_000_000);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA256 is not available", e);
		}
	}

	public Current current(long sessionId) {
		long step = step(clock.instant());
		return new Current(code(sessionId, step), step, Instant.ofEpochSecond((step + 1) * STEP_SECONDS));
	}

	/** Whether the code is the session's code of the current or the previous step. */
	public boolean accepts(long sessionId, String code) {
		if (code == null || code.length() != 8) {
			return false;
		}
		long step = step(clock.instant());
		byte[] given = code.getBytes(StandardCharsets.US_ASCII);
		boolean now = MessageDigest.isEqual(given, code(sessionId, step).getBytes(StandardCharsets.US_ASCII));
		boolean before = MessageDigest.isEqual(given, code(sessionId, step - 1).getBytes(StandardCharsets.US_ASCII));
		return now | before;
	}

	public Instant now() {
		return clock.instant();
	}
}
