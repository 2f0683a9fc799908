package cn.grassroots.platform.security;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

@Service
class AccountUserDetailsService implements UserDetailsService {

	private final AccountStore accounts;

	AccountUserDetailsService(AccountStore accounts) {
		this.accounts = accounts;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		return accounts.findByUsername(username)
			.map(AccountUserDetailsService::principal)
			.orElseThrow(() -> new UsernameNotFoundException("no such account"));
	}

	static AccountPrincipal principal(AccountStore.AccountRow a) {
		return new AccountPrincipal(a.id(), a.username(), a.passwordHash(), a.displayName(), a.personId(), a.enabled(),
				a.lockedUntil());
	}
}
