package cn.grassroots.org.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.grassroots.org.internal.AccountAdministration;
import cn.grassroots.org.internal.AccountAdministration.GrantDraft;
import cn.grassroots.org.internal.AccountAdministration.NewAccount;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.platform.SortOrder;
import cn.grassroots.platform.security.AccountStore;
import cn.grassroots.platform.security.AccountStore.AccountRow;
import cn.grassroots.platform.security.Grant;
import cn.grassroots.platform.security.GrantLabels;
import cn.grassroots.platform.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Account administration over JSON, for security admins (安全管理员) inside their scope. */
@RestController
@RequestMapping("/api/v1/accounts")
@Tag(name = "accounts", description = "账号与授权 — accounts and role grants, within the security admin's scope")
class AccountApiController {

	/** An account in a list: its roles, without the scopes' names. */
	record AccountSummary(long id, String username, String displayName, Long personId, String homeRegionCode,
			boolean enabled, boolean locked, Instant lockedUntil, List<Role> roles) {

		static AccountSummary of(AccountAdministration.Listed l) {
			AccountRow a = l.account();
			return new AccountSummary(a.id(), a.username(), a.displayName(), a.personId(), code(a.homeRegionCode()),
					a.enabled(), a.locked(), a.locked() ? a.lockedUntil() : null,
					l.grants().stream().map(Grant::role).distinct().toList());
		}
	}

	record PersonRef(long id, String name, String regionPath) {
	}

	/** One account with its grants, and what the caller may do to it. */
	record AccountBody(long id, String username, String displayName, PersonRef person, String homeRegionCode,
			String homeRegionPath, boolean enabled, boolean locked, Instant lockedUntil, int failedAttempts,
			Instant createdAt, Instant passwordChangedAt, List<GrantLabels.View> grants, boolean canEditGrants,
			boolean canManage) {
	}

	record CreateRequest(String username, Long personId, String password) {
	}

	/** scopeKind REGION_AND_BELOW takes regionCode or gridId; OWN_UNIT / UNIT_AND_BELOW unitId; CUSTOM customRegionCodes. */
	record GrantRequest(String role, String scopeKind, String regionCode, Long gridId, Long unitId,
			List<String> customRegionCodes) {
	}

	record PasswordResetRequest(String password) {
	}

	private final AccountAdministration admin;
	private final GrantLabels labels;

	AccountApiController(AccountAdministration admin, GrantLabels labels) {
		this.admin = admin;
		this.labels = labels;
	}

	@GetMapping
	@Operation(summary = "Accounts whose person lies in the caller's scope; filter by username (contains), role, locked")
	PageResult<AccountSummary> list(@RequestParam(required = false) String username,
			@RequestParam(required = false) Role role, @RequestParam(required = false) Boolean locked,
			@Parameter(description = "username (default), displayName, createdAt, enabled; a leading - for descending")
			@RequestParam(required = false) String sort,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		SortOrder order = AccountStore.SORT.parse(sort);
		return admin.list(new AccountStore.Criteria(username, role, locked), order, PageRequest.of(page, size))
			.map(AccountSummary::of);
	}

	@GetMapping("/{id}")
	AccountBody get(@PathVariable long id) {
		return body(id);
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "A new account for a person in the caller's scope, without grants")
	AccountBody create(@RequestBody CreateRequest body) {
		AccountRow created = admin.create(new NewAccount(body.username(), body.personId(), body.password()));
		return body(created.id());
	}

	@PostMapping("/{id}/grants")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Grant a role within a scope that lies inside the caller's; never SYSTEM_ADMIN, never to oneself")
	GrantLabels.View addGrant(@PathVariable long id, @RequestBody GrantRequest body) {
		Grant grant = admin.addGrant(id, new GrantDraft(body.role(), body.scopeKind(), body.regionCode(), body.gridId(),
				body.unitId(), body.customRegionCodes()));
		return labels.view(grant, locale());
	}

	@DeleteMapping("/{id}/grants/{grantId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void removeGrant(@PathVariable long id, @PathVariable long grantId) {
		admin.removeGrant(id, grantId);
	}

	@PostMapping("/{id}/unlock")
	@Operation(summary = "Lift a lockout after failed logins")
	AccountBody unlock(@PathVariable long id) {
		admin.unlock(id);
		return body(id);
	}

	@PostMapping("/{id}/disable")
	AccountBody disable(@PathVariable long id) {
		admin.setEnabled(id, false);
		return body(id);
	}

	@PostMapping("/{id}/enable")
	AccountBody enable(@PathVariable long id) {
		admin.setEnabled(id, true);
		return body(id);
	}

	@PostMapping("/{id}/password")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Set a new password (等保 policy) for another account")
	void resetPassword(@PathVariable long id, @RequestBody PasswordResetRequest body) {
		admin.resetPassword(id, body.password());
	}

	private AccountBody body(long id) {
		AccountAdministration.Detail d = admin.get(id);
		AccountRow a = d.account();
		Locale locale = locale();
		PersonRef person = d.person() == null ? null : new PersonRef(d.person().id(), d.person().name(), d.person().regionPath());
		return new AccountBody(a.id(), a.username(), a.displayName(), person, code(a.homeRegionCode()), d.homeRegionPath(),
				a.enabled(), a.locked(), a.locked() ? a.lockedUntil() : null, a.failedAttempts(), a.createdAt(),
				a.passwordChangedAt(), d.grants().stream().map(g -> labels.view(g, locale)).toList(), d.canEditGrants(),
				d.canManage());
	}

	private static String code(Long region) {
		return region == null ? null : Long.toString(region);
	}

	private static Locale locale() {
		return LocaleContextHolder.getLocale();
	}
}
