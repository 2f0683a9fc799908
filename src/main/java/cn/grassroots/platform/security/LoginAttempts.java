package cn.grassroots.platform.security;

import java.time.Duration;
import java.time.Instant;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

import cn.grassroots.platform.audit.AuditLog;

/**
 * Counts failed logins per account, whichever way they came (form, HTTP Basic, API token), and
 * locks the account after too many. Successful form logins and every failure are audited.
 */
@Component
public class LoginAttempts {

	private final AccountStore accounts;
	private final AuditLog audit;
	private final int maxFailures;
	private final Duration lockout;

	LoginAttempts(AccountStore accounts, AuditLog audit, @Value("${grassroots.security.max-failed-logins}") int maxFailures,
			@Value("${grassroots.security.lockout-duration}") Duration lockout) {
		this.accounts = accounts;
		this.audit = audit;
		this.maxFailures = maxFailures;
		this.lockout = lockout;
	}

	@EventListener
	void onBadCredentials(AuthenticationFailureBadCredentialsEvent event) {
		failed(event.getAuthentication().getName(), "bad credentials");
	}

	@EventListener
	void onLocked(AuthenticationFailureLockedEvent event) {
		refused(event, "account locked");
	}

	@EventListener
	void onOtherFailure(AbstractAuthenticationFailureEvent event) {
		if (!(event instanceof AuthenticationFailureBadCredentialsEvent) && !(event instanceof AuthenticationFailureLockedEvent)) {
			refused(event, event.getException().getClass().getSimpleName());
		}
	}

	@EventListener
	void onSuccess(AuthenticationSuccessEvent event) {
		if (event.getAuthentication().getPrincipal() instanceof AccountPrincipal p) {
			accounts.recordSuccess(p.accountId());
		}
	}

	@EventListener
	void onInteractiveSuccess(InteractiveAuthenticationSuccessEvent event) {
		if (event.getAuthentication().getPrincipal() instanceof AccountPrincipal p) {
			audit.action("LOGIN").actor(p.getUsername(), p.accountId()).target("account", p.accountId()).record();
		}
	}

	/** A failed attempt against a named account (also called for bad API tokens). */
	public void failed(String username, String reason) {
		var account = accounts.findByUsername(username);
		if (account.isEmpty()) {
			audit.action("LOGIN").actor(username, null).failed().detail("unknown account").record();
			return;
		}
		long id = account.get().id();
		audit.action("LOGIN").actor(username, id).target("account", id).failed().detail(reason).record();
		int count = accounts.recordFailure(id);
		if (count >= maxFailures) {
			accounts.lock(id, Instant.now().plus(lockout));
			audit.action("LOCKOUT").actor(username, id).target("account", id)
				.detail("locked for " + lockout.toMinutes() + " min after " + count + " failed logins").record();
		}
	}

	private void refused(AbstractAuthenticationFailureEvent event, String reason) {
		audit.action("LOGIN").actor(event.getAuthentication().getName(), null).failed().detail(reason).record();
	}
}
