package cn.grassroots.platform.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Security;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Encrypts sensitive fields (phones, ID numbers) with SM4-GCM (GB/T 32907, 国密) through Bouncy
 * Castle, or AES-256-GCM by setting, and computes a keyed SM3 hash (HMAC-SM3) stored beside the
 * ciphertext so that equality (uniqueness, look-up by ID number) needs no decryption.
 * Both keys are derived from one master key; each ciphertext names its algorithm, so changing the
 * setting keeps older values readable.
 */
@Component
public class FieldCipher {

	public enum Algorithm {
		SM4_GCM, AES_GCM
	}

	private static final Logger log = LoggerFactory.getLogger(FieldCipher.class);
	private static final String BC = BouncyCastleProvider.PROVIDER_NAME;
	private static final int NONCE = 12;

	static {
		if (Security.getProvider(BC) == null) {
			Security.addProvider(new BouncyCastleProvider());
		}
	}

	private final SecureRandom random = new SecureRandom();
	private final Algorithm algorithm;
	private final byte[] sm4Key;
	private final byte[] aesKey;
	private final byte[] indexKey;

	public FieldCipher(@Value("${grassroots.crypto.cipher:SM4_GCM}") Algorithm algorithm,
			@Value("${grassroots.crypto.key:}") String key, @Value("${grassroots.data-dir}") String dataDir,
			Environment environment) {
		this.algorithm = algorithm;
		byte[] master = masterKey(key, Path.of(dataDir), environment.acceptsProfiles(Profiles.of("prod")));
		this.sm4Key = Arrays.copyOf(hmacSm3(master, "grassroots/field/sm4"), 16);
		this.aesKey = hmacSm3(master, "grassroots/field/aes");
		this.indexKey = hmacSm3(master, "grassroots/field/index");
	}

	public Algorithm algorithm() {
		return algorithm;
	}

	public String encrypt(String plain) {
		if (plain == null) {
			return null;
		}
		try {
			byte[] nonce = new byte[NONCE];
			random.nextBytes(nonce);
			Cipher cipher = cipher(algorithm, Cipher.ENCRYPT_MODE, nonce);
			byte[] body = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			byte[] out = new byte[NONCE + body.length];
			System.arraycopy(nonce, 0, out, 0, NONCE);
			System.arraycopy(body, 0, out, NONCE, body.length);
			return prefix(algorithm) + Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("encryption failed", e);
		}
	}

	public String decrypt(String stored) {
		if (stored == null) {
			return null;
		}
		Algorithm alg = stored.startsWith("sm4:") ? Algorithm.SM4_GCM : stored.startsWith("aes:") ? Algorithm.AES_GCM : null;
		if (alg == null) {
			throw new IllegalStateException("unknown ciphertext format");
		}
		try {
			byte[] in = Base64.getDecoder().decode(stored.substring(4));
			Cipher cipher = cipher(alg, Cipher.DECRYPT_MODE, Arrays.copyOf(in, NONCE));
			return new String(cipher.doFinal(in, NONCE, in.length - NONCE), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("decryption failed: wrong key or tampered value", e);
		}
	}

	/** HMAC-SM3 of the value under the index key, hex: equal inputs give equal hashes. */
	public String blindIndex(String value) {
		if (value == null) {
			return null;
		}
		return HexFormat.of().formatHex(hmacSm3(indexKey, value));
	}

	private Cipher cipher(Algorithm alg, int mode, byte[] nonce) throws GeneralSecurityException {
		Cipher cipher = alg == Algorithm.SM4_GCM ? Cipher.getInstance("SM4/GCM/NoPadding", BC)
				: Cipher.getInstance("AES/GCM/NoPadding");
		SecretKeySpec key = alg == Algorithm.SM4_GCM ? new SecretKeySpec(sm4Key, "SM4") : new SecretKeySpec(aesKey, "AES");
		cipher.init(mode, key, new GCMParameterSpec(128, nonce));
		return cipher;
	}

	private static String prefix(Algorithm alg) {
		return alg == Algorithm.SM4_GCM ? "sm4:" : "aes:";
	}

	static byte[] hmacSm3(byte[] key, String data) {
		try {
			Mac mac = Mac.getInstance("HMACSM3", BC);
			mac.init(new SecretKeySpec(key, "HMACSM3"));
			return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The configured key, or outside prod one kept in the data directory (created on first start). */
	private static byte[] masterKey(String configured, Path dataDir, boolean prod) {
		if (configured != null && !configured.isBlank()) {
			byte[] key = Base64.getDecoder().decode(configured.trim());
			if (key.length < 16) {
				throw new IllegalStateException("GRASSROOTS_ENCRYPTION_KEY must be base64 of at least 16 random bytes");
			}
			return key;
		}
		if (prod) {
			throw new IllegalStateException("GRASSROOTS_ENCRYPTION_KEY is required under the prod profile");
		}
		Path file = dataDir.resolve("encryption.key");
		try {
			if (Files.exists(file)) {
				return Base64.getDecoder().decode(Files.readString(file).trim());
			}
			Files.createDirectories(dataDir);
			byte[] key = new byte[32];
			new SecureRandom().nextBytes(key);
			Files.writeString(file, Base64.getEncoder().encodeToString(key));
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ignored) {
				// not a POSIX file system
			}
			log.warn("No GRASSROOTS_ENCRYPTION_KEY set: generated a field-encryption key in {}", file.toAbsolutePath());
			return key;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
