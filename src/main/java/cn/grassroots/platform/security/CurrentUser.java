package cn.grassroots.platform.security;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import cn.grassroots.platform.ForbiddenException;

/**
 * The caller and what each permission lets them reach. Modules ask "which rows may this account
 * see or change" with {@link #scope(Permission)} and filter in SQL with {@link ScopeFilter}.
 */
@Component
public class CurrentUser {

	private static final String CACHE = CurrentUser.class.getName() + ".scopes";
	private static final String GRANTS = CurrentUser.class.getName() + ".grants.";

	private final AccountStore accounts;
	private final ScopeTopology topology;

	public CurrentUser(AccountStore accounts, ScopeTopology topology) {
		this.accounts = accounts;
		this.topology = topology;
	}

	public Optional<AccountPrincipal> principalIfAny() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		return auth != null && auth.getPrincipal() instanceof AccountPrincipal p ? Optional.of(p) : Optional.empty();
	}

	public AccountPrincipal principal() {
		return principalIfAny().orElseThrow(() -> new AuthenticationCredentialsNotFoundException("not logged in"));
	}

	public String username() {
		return principal().getUsername();
	}

	/** The grants in force, read once per request (a page asks for them for every permission it shows); none while the account is disabled. */
	@SuppressWarnings("unchecked")
	public List<Grant> grants() {
		long accountId = principal().accountId();
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		String key = GRANTS + accountId;
		if (request != null && request.getAttribute(key, RequestAttributes.SCOPE_REQUEST) instanceof List<?> hit) {
			return (List<Grant>) hit;
		}
		List<Grant> grants = accounts.grantsInForce(accountId);
		if (request != null) {
			request.setAttribute(key, grants, RequestAttributes.SCOPE_REQUEST);
		}
		return grants;
	}

	public boolean has(Permission permission) {
		return !scope(permission).isEmpty();
	}

	public boolean hasRole(Role role) {
		return grants().stream().anyMatch(g -> g.role() == role);
	}

	/** The union over the grants whose role carries the permission; cached for the request. */
	@SuppressWarnings("unchecked")
	public AccessScope scope(Permission permission) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		Map<Permission, AccessScope> cache = null;
		if (request != null) {
			cache = (Map<Permission, AccessScope>) request.getAttribute(CACHE, RequestAttributes.SCOPE_REQUEST);
			if (cache == null) {
				cache = new EnumMap<>(Permission.class);
				request.setAttribute(CACHE, cache, RequestAttributes.SCOPE_REQUEST);
			}
			AccessScope hit = cache.get(permission);
			if (hit != null) {
				return hit;
			}
		}
		AccessScope scope = resolve(principal(), grants(), permission);
		if (cache != null) {
			cache.put(permission, scope);
		}
		return scope;
	}

	/** Throws 403 unless the permission reaches every row at and below the region. */
	public AccessScope requireRegion(Permission permission, long regionCode) {
		AccessScope scope = scope(permission);
		if (!scope.coversRegion(regionCode)) {
			throw new ForbiddenException("region " + regionCode + " is outside your scope");
		}
		return scope;
	}

	/** Throws 403 unless the permission reaches a row with these anchors. */
	public AccessScope requireRow(Permission permission, Long regionCode, Long gridId, Long unitId, Long personId) {
		AccessScope scope = scope(permission);
		if (!scope.permits(regionCode, gridId, unitId, personId)) {
			throw new ForbiddenException("the record is outside your scope");
		}
		return scope;
	}

	public AccessScope require(Permission permission) {
		AccessScope scope = scope(permission);
		if (scope.isEmpty()) {
			throw new ForbiddenException("your roles do not allow this");
		}
		return scope;
	}

	AccessScope resolve(AccountPrincipal principal, List<Grant> grants, Permission permission) {
		AccessScope result = AccessScope.NONE;
		for (Grant grant : grants) {
			if (grant.role().allows(permission)) {
				result = result.union(scopeOf(grant, principal));
			}
		}
		// Every account reads its own records, whatever its roles.
		if (permission == Permission.ROSTER_READ && principal.personId() != null && !result.all()) {
			result = result.union(self(principal));
		}
		return result;
	}

	private AccessScope scopeOf(Grant grant, AccountPrincipal principal) {
		return switch (grant.scopeKind()) {
			case ALL -> AccessScope.EVERYTHING;
			case REGION_AND_BELOW -> grant.gridId() != null
					? new AccessScope(false, List.of(), topology.gridSubtree(grant.gridId()), Set.of(), null)
					: new AccessScope(false, List.of(AccessScope.Range.of(grant.regionCode())), Set.of(), Set.of(), null);
			case CUSTOM -> new AccessScope(false,
					grant.customRegions().stream().map(AccessScope.Range::of).toList(), Set.of(), Set.of(), null);
			case OWN_UNIT -> new AccessScope(false, List.of(), Set.of(), Set.of(grant.unitId()), null);
			case UNIT_AND_BELOW -> new AccessScope(false, List.of(), Set.of(), topology.unitSubtree(grant.unitId()), null);
			case SELF -> self(principal);
		};
	}

	private static AccessScope self(AccountPrincipal principal) {
		return principal.personId() == null ? AccessScope.NONE
				: new AccessScope(false, List.of(), Set.of(), Set.of(), principal.personId());
	}
}
