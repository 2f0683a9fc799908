package cn.grassroots.platform.security;

import java.io.Serializable;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The logged-in account. Grants are not kept here: they are read per request, so a revoked grant takes effect at once. */
public final class AccountPrincipal implements UserDetails, CredentialsContainer, Serializable {

	private final long accountId;
	private final String username;
	private String passwordHash;
	private final String displayName;
	private final Long personId;
	private final boolean enabled;
	private final Instant lockedUntil;

	public AccountPrincipal(long accountId, String username, String passwordHash, String displayName, Long personId,
			boolean enabled, Instant lockedUntil) {
		this.accountId = accountId;
		this.username = username;
		this.passwordHash = passwordHash;
		this.displayName = displayName;
		this.personId = personId;
		this.enabled = enabled;
		this.lockedUntil = lockedUntil;
	}

	public long accountId() {
		return accountId;
	}

	public String displayName() {
		return displayName;
	}

	public Long personId() {
		return personId;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return List.of(new SimpleGrantedAuthority("ROLE_USER"));
	}

	@Override
	public String getPassword() {
		return passwordHash;
	}

	@Override
	public String getUsername() {
		return username;
	}

	@Override
	public boolean isAccountNonLocked() {
		return lockedUntil == null || lockedUntil.isBefore(Instant.now());
	}

	@Override
	public boolean isEnabled() {
		return enabled;
	}

	@Override
	public void eraseCredentials() {
		passwordHash = null;
	}
}
