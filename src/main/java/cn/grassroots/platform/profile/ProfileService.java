package cn.grassroots.platform.profile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.InvalidInputException.FieldError;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.security.AccountPrincipal;
import cn.grassroots.platform.security.AccountStore;
import cn.grassroots.platform.security.AccountStore.AccountRow;
import cn.grassroots.platform.security.ApiTokens;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Grant;
import cn.grassroots.platform.security.LoginAttempts;
import cn.grassroots.platform.security.PasswordPolicy;

/**
 * 个人中心: the logged-in user's own account, password and personal API tokens. Everything here acts
 * on the caller's own account only, whatever id is passed.
 */
@Service
public class ProfileService {

	public static final int MAX_ACTIVE_TOKENS = 20;
	public static final int MAX_TOKEN_NAME = 100;
	public static final int MAX_VALIDITY_DAYS = 366;

	public record Me(AccountRow account, List<Grant> grants) {
	}

	/** A new token: its clear text exists only in this object, for showing once. */
	public record CreatedToken(ApiTokens.TokenInfo info, String token) {
	}

	private final AccountStore accounts;
	private final ApiTokens tokens;
	private final CurrentUser user;
	private final PasswordEncoder encoder;
	private final LoginAttempts attempts;
	private final AuditLog audit;
	private final TransactionTemplate transaction;

	ProfileService(AccountStore accounts, ApiTokens tokens, CurrentUser user, PasswordEncoder encoder, LoginAttempts attempts,
			AuditLog audit, PlatformTransactionManager transactions) {
		this.accounts = accounts;
		this.tokens = tokens;
		this.user = user;
		this.encoder = encoder;
		this.attempts = attempts;
		this.audit = audit;
		this.transaction = new TransactionTemplate(transactions);
	}

	public Me me() {
		AccountRow account = account();
		return new Me(account, accounts.grantsOf(account.id()));
	}

	/**
	 * Changes the caller's password. A wrong current password counts as a failed login (towards the
	 * lockout) and is audited, as any other password guess is.
	 */
	public void changePassword(String currentPassword, String newPassword) {
		AccountRow account = account();
		List<FieldError> errors = new ArrayList<>();
		if (currentPassword == null || currentPassword.isEmpty()) {
			errors.add(new FieldError("currentPassword", "validation.required"));
		}
		else if (currentPassword.length() > PasswordPolicy.MAX_LENGTH
				|| !encoder.matches(currentPassword, account.passwordHash())) {
			attempts.failed(account.username(), "wrong current password when changing the password");
			errors.add(new FieldError("currentPassword", "profile.password.wrongCurrent"));
		}
		Optional<String> problem = PasswordPolicy.violation(newPassword, account.username());
		if (problem.isPresent()) {
			errors.add(new FieldError("newPassword", problem.get()));
		}
		else if (errors.isEmpty() && encoder.matches(newPassword, account.passwordHash())) {
			errors.add(new FieldError("newPassword", "profile.password.unchanged"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		transaction.executeWithoutResult(status -> {
			accounts.updatePassword(account.id(), encoder.encode(newPassword));
			AccountRow after = accounts.findById(account.id()).orElseThrow();
			audit.action("PASSWORD_CHANGE").target("account", account.id()).region(account.homeRegionCode())
				.before(Map.of("passwordChangedAt", String.valueOf(account.passwordChangedAt())))
				.after(Map.of("passwordChangedAt", String.valueOf(after.passwordChangedAt())))
				.record();
		});
	}

	public List<ApiTokens.TokenInfo> tokens() {
		return tokens.list(principal().accountId());
	}

	public CreatedToken createToken(String name, Integer validityDays) {
		long accountId = principal().accountId();
		List<FieldError> errors = new ArrayList<>();
		String trimmed = name == null ? "" : name.trim();
		if (trimmed.isEmpty()) {
			errors.add(new FieldError("name", "validation.required"));
		}
		else if (trimmed.length() > MAX_TOKEN_NAME) {
			errors.add(new FieldError("name", "validation.tooLong"));
		}
		if (validityDays == null) {
			errors.add(new FieldError("validityDays", "validation.required"));
		}
		else if (validityDays < 1 || validityDays > MAX_VALIDITY_DAYS) {
			errors.add(new FieldError("validityDays", "profile.token.validity"));
		}
		List<ApiTokens.TokenInfo> existing = tokens.list(accountId);
		if (existing.stream().filter(t -> !t.revoked() && !t.expired()).count() >= MAX_ACTIVE_TOKENS) {
			errors.add(new FieldError("name", "profile.token.tooMany"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		String token = tokens.create(accountId, trimmed, Duration.ofDays(validityDays));
		long id = Long.parseLong(token.split("_", 3)[1]);
		ApiTokens.TokenInfo info = tokens.list(accountId).stream().filter(t -> t.id() == id).findFirst().orElseThrow();
		return new CreatedToken(info, token);
	}

	/** Revokes one of the caller's tokens; someone else's token is "not found". Revoking twice is harmless. */
	public void revokeToken(long tokenId) {
		long accountId = principal().accountId();
		if (tokens.list(accountId).stream().noneMatch(t -> t.id() == tokenId)) {
			throw new NotFoundException("no token " + tokenId);
		}
		tokens.revoke(accountId, tokenId);
	}

	private AccountPrincipal principal() {
		return user.principal();
	}

	private AccountRow account() {
		long id = principal().accountId();
		return accounts.findById(id).orElseThrow(() -> new NotFoundException("no account " + id));
	}
}
