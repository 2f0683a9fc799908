package cn.grassroots.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.platform.Sql;
import cn.grassroots.platform.audit.AuditLog;

/**
 * Personal API tokens ({@code Authorization: Bearer gr_<id>_<secret>}). The token is shown once;
 * only its SHA-256 is stored. The id in the token names the account, so a wrong secret counts as
 * a failed login against it.
 */
@Service
public class ApiTokens {

	public record TokenInfo(long id, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt, boolean revoked) {

		public boolean expired() {
			return expiresAt.isBefore(Instant.now());
		}
	}

	/** The outcome of checking a presented token. */
	public sealed interface Check {
	}

	public record Valid(AccountPrincipal principal) implements Check {
	}

	/** A token of a known account that failed (wrong secret, expired, revoked). */
	public record Rejected(String username, String reason) implements Check {
	}

	public record Unknown() implements Check {
	}

	public static final Duration MAX_VALIDITY = Duration.ofDays(366);

	private final SecureRandom random = new SecureRandom();
	private final JdbcClient jdbc;
	private final AuditLog audit;

	ApiTokens(JdbcClient jdbc, AuditLog audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	/** Creates a token and returns its clear text, which is never shown again. */
	@Transactional
	public String create(long accountId, String name, Duration validity) {
		if (validity.isNegative() || validity.isZero() || validity.compareTo(MAX_VALIDITY) > 0) {
			throw cn.grassroots.platform.InvalidInputException.of("validityDays", "must be between 1 and 366 days");
		}
		byte[] secret = new byte[32];
		random.nextBytes(secret);
		String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		Instant expires = Instant.now().plus(validity);
		long id = Sql.insert(jdbc.sql("""
				INSERT INTO api_token (account_id, name, token_hash, expires_at, created_at, revoked)
				VALUES (:a, :n, '', :exp, :now, FALSE)""")
			.param("a", accountId)
			.param("n", name)
			.param("exp", Sql.utc(expires))
			.param("now", Sql.now()));
		String token = "gr_" + id + "_" + secretText;
		jdbc.sql("UPDATE api_token SET token_hash = :h WHERE id = :id").param("h", sha256(token)).param("id", id).update();
		audit.action("API_TOKEN_CREATE").target("api_token", id)
			.after(java.util.Map.of("name", name, "expiresAt", expires.toString()))
			.record();
		return token;
	}

	public List<TokenInfo> list(long accountId) {
		return jdbc.sql("""
				SELECT id, name, created_at, expires_at, last_used_at, revoked FROM api_token
				WHERE account_id = :a ORDER BY created_at DESC""")
			.param("a", accountId)
			.query((rs, n) -> new TokenInfo(rs.getLong("id"), rs.getString("name"), Sql.instant(rs, "created_at"),
					Sql.instant(rs, "expires_at"), Sql.instant(rs, "last_used_at"), rs.getBoolean("revoked")))
			.list();
	}

	@Transactional
	public boolean revoke(long accountId, long tokenId) {
		int n = jdbc.sql("UPDATE api_token SET revoked = TRUE WHERE id = :id AND account_id = :a AND revoked = FALSE")
			.param("id", tokenId)
			.param("a", accountId)
			.update();
		if (n > 0) {
			audit.action("API_TOKEN_REVOKE").target("api_token", tokenId).record();
		}
		return n > 0;
	}

	public Check check(String token) {
		String[] parts = token.split("_", 3);
		if (parts.length != 3 || !parts[0].equals("gr") || !parts[1].chars().allMatch(Character::isDigit)
				|| parts[1].isEmpty() || parts[1].length() > 18) {
			return new Unknown();
		}
		long id = Long.parseLong(parts[1]);
		record Row(String hash, Instant expires, boolean revoked, Instant lastUsed, AccountStore.AccountRow account) {
		}
		// the token and its account in one read: every token-authenticated request comes here
		Optional<Row> row = jdbc.sql("SELECT t.token_hash, t.expires_at AS token_expires_at, t.revoked AS token_revoked, "
				+ "t.last_used_at AS token_last_used_at, " + AccountStore.A_COLUMNS
				+ " FROM api_token t JOIN account a ON a.id = t.account_id WHERE t.id = :id")
			.param("id", id)
			.query((rs, n) -> new Row(rs.getString("token_hash"), Sql.instant(rs, "token_expires_at"),
					rs.getBoolean("token_revoked"), Sql.instant(rs, "token_last_used_at"), AccountStore.mapAccount(rs, n)))
			.optional();
		if (row.isEmpty()) {
			return new Unknown();
		}
		var account = row.get().account();
		if (!MessageDigest.isEqual(row.get().hash().getBytes(StandardCharsets.US_ASCII),
				sha256(token).getBytes(StandardCharsets.US_ASCII))) {
			return new Rejected(account.username(), "bad token");
		}
		if (row.get().revoked() || row.get().expires().isBefore(Instant.now())) {
			return new Rejected(account.username(), "token expired or revoked");
		}
		// "last used" to the minute: a write per request would cost more than the request itself
		if (row.get().lastUsed() == null || row.get().lastUsed().isBefore(Instant.now().minusSeconds(60))) {
			jdbc.sql("UPDATE api_token SET last_used_at = :now WHERE id = :id").param("now", Sql.now()).param("id", id).update();
		}
		return new Valid(AccountUserDetailsService.principal(account));
	}

	static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
