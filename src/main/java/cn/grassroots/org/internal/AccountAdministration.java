package cn.grassroots.org.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.org.Person;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.InvalidInputException.FieldError;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.platform.SortOrder;
import cn.grassroots.platform.RegionCode;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.AccountStore;
import cn.grassroots.platform.security.AccountStore.AccountRow;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.DataScopeKind;
import cn.grassroots.platform.security.Grant;
import cn.grassroots.platform.security.PasswordPolicy;
import cn.grassroots.platform.security.Permission;
import cn.grassroots.platform.security.Role;
import cn.grassroots.platform.security.ScopeTopology;

/**
 * Account administration by security admins (安全管理员) under 三员分立: accounts are visible by their
 * home region inside the admin's ACCOUNT_MANAGE scope; a grant may be given or taken only when its
 * whole reach lies inside that scope; nobody grants, removes or administers SYSTEM_ADMIN; nobody
 * changes their own grants. Every change is audited; every refusal is audited as a failure and
 * changes nothing.
 */
@Service
public class AccountAdministration {

	/** 3–64 characters of lower-case letters, digits, dot, underscore, hyphen. */
	public static final Pattern USERNAME = Pattern.compile("^[a-z0-9._-]{3,64}$");

	public static final int MAX_CUSTOM_REGIONS = 50;

	/** A new account for a person; the display name is the person's name. */
	public record NewAccount(String username, Long personId, String password) {
	}

	/** A grant as typed: the anchors that the scope kind does not use are ignored. */
	public record GrantDraft(String role, String scopeKind, String regionCode, Long gridId, Long unitId,
			List<String> customRegionCodes) {
	}

	/** An account in a list, with its grants. */
	public record Listed(AccountRow account, List<Grant> grants) {
	}

	/** One account as the viewing security admin sees it, with what they may do to it. */
	public record Detail(AccountRow account, List<Grant> grants, Person person, String homeRegionPath, boolean self,
			boolean systemAdmin, boolean canEditGrants, boolean canManage, Set<Long> removableGrants) {
	}

	private final AccountStore accounts;
	private final PersonRepository people;
	private final RegionRepository regions;
	private final ScopeTopology topology;
	private final CurrentUser user;
	private final PasswordEncoder encoder;
	private final AuditLog audit;
	private final MessageSource messages;

	AccountAdministration(AccountStore accounts, PersonRepository people, RegionRepository regions, ScopeTopology topology,
			CurrentUser user, PasswordEncoder encoder, AuditLog audit, MessageSource messages) {
		this.accounts = accounts;
		this.people = people;
		this.regions = regions;
		this.topology = topology;
		this.user = user;
		this.encoder = encoder;
		this.audit = audit;
		this.messages = messages;
	}

	/** The caller's ACCOUNT_MANAGE scope; 403 without one. */
	public AccessScope scope() {
		return user.require(Permission.ACCOUNT_MANAGE);
	}

	/** The roles a security admin may grant: every role but SYSTEM_ADMIN. */
	public List<Role> grantableRoles() {
		return List.of(Role.values()).stream().filter(r -> r != Role.SYSTEM_ADMIN).toList();
	}

	/** The scope kinds the caller may grant: ALL only from an ALL-scope admin. */
	public List<DataScopeKind> grantableKinds() {
		boolean all = scope().all();
		return List.of(DataScopeKind.values()).stream().filter(k -> all || k != DataScopeKind.ALL).toList();
	}

	public PageResult<Listed> list(AccountStore.Criteria criteria, SortOrder sort, PageRequest page) {
		AccessScope scope = scope();
		if (criteria.username() != null && criteria.username().length() > 64) {
			throw InvalidInputException.of("username", "validation.tooLong");
		}
		PageResult<AccountRow> rows = accounts.search(scope, criteria, sort, page);
		Map<Long, List<Grant>> grants = accounts.grantsOf(rows.content().stream().map(AccountRow::id).toList());
		return rows.map(a -> new Listed(a, grants.getOrDefault(a.id(), List.of())));
	}

	public Detail get(long id) {
		AccessScope scope = scope();
		AccountRow a = visible(scope, id, null);
		List<Grant> grants = accounts.grantsOf(id);
		Person person = a.personId() == null ? null : people.find(a.personId()).orElse(null);
		String home = a.homeRegionCode() == null ? null : topology.regionPath(a.homeRegionCode()).orElse(null);
		boolean self = isSelf(a);
		boolean systemAdmin = holdsSystemAdmin(grants);
		boolean canEditGrants = !self && !systemAdmin;
		Set<Long> removable = new LinkedHashSet<>();
		if (canEditGrants) {
			grants.stream().filter(g -> withinReach(scope, g)).forEach(g -> removable.add(g.id()));
		}
		boolean canManage = canEditGrants && removable.size() == grants.size();
		return new Detail(a, grants, person, home, self, systemAdmin, canEditGrants, canManage, removable);
	}

	@Transactional(noRollbackFor = ForbiddenException.class)
	public AccountRow create(NewAccount in) {
		AccessScope scope = scope();
		List<FieldError> errors = new ArrayList<>();
		PersonRepository.Stored person = null;
		if (in.personId() == null) {
			errors.add(new FieldError("personId", "validation.required"));
		}
		else {
			person = people.stored(in.personId()).orElse(null);
			if (person == null) {
				errors.add(new FieldError("personId", "account.person.notFound"));
			}
			else if (!scope.reachesRegion(person.regionCode())) {
				throw denied("ACCOUNT_CREATE", null, null, "account.forbidden.personOutOfScope");
			}
		}
		String username = in.username() == null ? "" : in.username().trim();
		if (username.isEmpty()) {
			errors.add(new FieldError("username", "validation.required"));
		}
		else if (!USERNAME.matcher(username).matches()) {
			errors.add(new FieldError("username", "account.username.format"));
		}
		else if (accounts.exists(username)) {
			errors.add(new FieldError("username", "account.username.taken"));
		}
		passwordProblem(in.password(), username).ifPresent(key -> errors.add(new FieldError("password", key)));
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		long id = accounts.create(username, encoder.encode(in.password()), person.name(), person.id(), person.regionCode(),
				false);
		audit.action("ACCOUNT_CREATE").target("account", id).region(person.regionCode())
			.after(PersonService.mapOf("username", username, "displayName", person.name(), "personId", person.id(),
					"homeRegionCode", person.regionCode(), "enabled", true))
			.record();
		return accounts.findById(id).orElseThrow();
	}

	@Transactional(noRollbackFor = ForbiddenException.class)
	public Grant addGrant(long accountId, GrantDraft draft) {
		AccessScope scope = scope();
		AccountRow a = visible(scope, accountId, "GRANT_ADD");
		if (isSelf(a)) {
			throw denied("GRANT_ADD", a, "account.forbidden.ownGrants");
		}
		Role role = enumOf(Role.class, draft.role(), "role");
		if (role == Role.SYSTEM_ADMIN) {
			throw denied("GRANT_ADD", a, "account.forbidden.grantSystemAdmin");
		}
		List<Grant> before = accounts.grantsOf(accountId);
		if (holdsSystemAdmin(before)) {
			throw denied("GRANT_ADD", a, "account.forbidden.systemAdminAccount");
		}
		Grant grant = parse(role, draft);
		if (!withinReach(scope, grant)) {
			throw denied("GRANT_ADD", a, "account.forbidden.grantOutOfScope");
		}
		if (before.stream().anyMatch(g -> sameReach(g, grant))) {
			throw InvalidInputException.of("role", "account.grant.duplicate");
		}
		boolean auditor = role == Role.AUDITOR || before.stream().anyMatch(g -> g.role() == Role.AUDITOR);
		boolean security = role == Role.SECURITY_ADMIN || before.stream().anyMatch(g -> g.role() == Role.SECURITY_ADMIN);
		if (auditor && security) {
			throw InvalidInputException.of("role", "account.grant.separation");
		}
		long id = accounts.addGrant(accountId, grant, user.username());
		List<Grant> after = accounts.grantsOf(accountId);
		audit.action("GRANT_ADD").target("account", accountId).region(a.homeRegionCode())
			.before(Map.of("grants", snapshot(before)))
			.after(Map.of("grants", snapshot(after)))
			.detail("grant " + id + ": " + describe(grant))
			.record();
		return after.stream().filter(g -> g.id() == id).findFirst().orElseThrow();
	}

	@Transactional(noRollbackFor = ForbiddenException.class)
	public void removeGrant(long accountId, long grantId) {
		AccessScope scope = scope();
		AccountRow a = visible(scope, accountId, "GRANT_REMOVE");
		List<Grant> before = accounts.grantsOf(accountId);
		Grant grant = before.stream()
			.filter(g -> g.id() == grantId)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("no grant " + grantId + " on account " + accountId));
		if (isSelf(a)) {
			throw denied("GRANT_REMOVE", a, "account.forbidden.ownGrants");
		}
		if (holdsSystemAdmin(before)) {
			throw denied("GRANT_REMOVE", a, "account.forbidden.systemAdminAccount");
		}
		if (!withinReach(scope, grant)) {
			throw denied("GRANT_REMOVE", a, "account.forbidden.grantOutOfScope");
		}
		accounts.removeGrant(grantId);
		audit.action("GRANT_REMOVE").target("account", accountId).region(a.homeRegionCode())
			.before(Map.of("grants", snapshot(before)))
			.after(Map.of("grants", snapshot(accounts.grantsOf(accountId))))
			.detail("grant " + grantId + ": " + describe(grant))
			.record();
	}

	/** Lifts a lockout. Unlocking changes no one's rights, so seeing the account is enough. */
	@Transactional(noRollbackFor = ForbiddenException.class)
	public AccountRow unlock(long accountId) {
		AccessScope scope = scope();
		AccountRow a = visible(scope, accountId, "ACCOUNT_UNLOCK");
		if (a.lockedUntil() == null && a.failedAttempts() == 0) {
			return a;
		}
		accounts.unlock(accountId);
		audit.action("ACCOUNT_UNLOCK").target("account", accountId).region(a.homeRegionCode())
			.before(PersonService.mapOf("lockedUntil", a.lockedUntil() == null ? null : a.lockedUntil().toString(),
					"failedAttempts", a.failedAttempts()))
			.after(PersonService.mapOf("lockedUntil", null, "failedAttempts", 0))
			.record();
		return accounts.findById(accountId).orElseThrow();
	}

	@Transactional(noRollbackFor = ForbiddenException.class)
	public AccountRow setEnabled(long accountId, boolean enabled) {
		String action = enabled ? "ACCOUNT_ENABLE" : "ACCOUNT_DISABLE";
		AccessScope scope = scope();
		AccountRow a = manageable(scope, accountId, action);
		if (a.enabled() == enabled) {
			return a;
		}
		accounts.setEnabled(accountId, enabled);
		audit.action(action).target("account", accountId).region(a.homeRegionCode())
			.before(Map.of("enabled", a.enabled()))
			.after(Map.of("enabled", enabled))
			.record();
		return accounts.findById(accountId).orElseThrow();
	}

	/** Sets a new password for someone else (their own goes through the profile, with the current one). */
	@Transactional(noRollbackFor = ForbiddenException.class)
	public AccountRow resetPassword(long accountId, String password) {
		AccessScope scope = scope();
		AccountRow a = manageable(scope, accountId, "PASSWORD_RESET");
		Optional<String> problem = passwordProblem(password, a.username());
		if (problem.isPresent()) {
			throw InvalidInputException.of("password", problem.get());
		}
		accounts.updatePassword(accountId, encoder.encode(password));
		AccountRow after = accounts.findById(accountId).orElseThrow();
		audit.action("PASSWORD_RESET").target("account", accountId).region(a.homeRegionCode())
			.before(PersonService.mapOf("passwordChangedAt", instant(a.passwordChangedAt())))
			.after(PersonService.mapOf("passwordChangedAt", instant(after.passwordChangedAt())))
			.record();
		return after;
	}

	/** The message key of what is wrong with a new password, or empty. */
	public static Optional<String> passwordProblem(String password, String username) {
		return PasswordPolicy.violation(password, username);
	}

	// --- scope rules ---

	/** Whether the whole reach of the grant lies inside the admin's scope. */
	public boolean withinReach(AccessScope scope, Grant g) {
		if (scope.all()) {
			return true;
		}
		return switch (g.scopeKind()) {
			case ALL -> false;
			case SELF -> true;
			case REGION_AND_BELOW -> g.gridId() != null
					? topology.gridSubtree(g.gridId()).stream().allMatch(grid -> regionCovered(scope, topology.gridRegion(grid)))
					: g.regionCode() != null && scope.coversRegion(g.regionCode());
			case CUSTOM -> !g.customRegions().isEmpty() && g.customRegions().stream().allMatch(scope::coversRegion);
			case OWN_UNIT -> g.unitId() != null && regionCovered(scope, topology.unitRegion(g.unitId()));
			case UNIT_AND_BELOW -> g.unitId() != null && topology.unitSubtree(g.unitId())
				.stream()
				.allMatch(unit -> regionCovered(scope, topology.unitRegion(unit)));
		};
	}

	private static boolean regionCovered(AccessScope scope, Optional<Long> region) {
		return region.map(scope::coversRegion).orElse(false);
	}

	private AccountRow visible(AccessScope scope, long id, String action) {
		AccountRow a = accounts.findById(id).orElseThrow(() -> new NotFoundException("no account " + id));
		if (!(scope.all() || (a.homeRegionCode() != null && scope.reachesRegion(a.homeRegionCode())))) {
			if (action == null) {
				throw new ForbiddenException(text("account.forbidden.outOfScope"));
			}
			throw denied(action, a, "account.forbidden.outOfScope");
		}
		return a;
	}

	/**
	 * An account the admin may disable or set a password for: not their own, not a system admin's,
	 * and none of its grants reaching beyond the admin's scope (or they could act with rights they
	 * do not hold).
	 */
	private AccountRow manageable(AccessScope scope, long id, String action) {
		AccountRow a = visible(scope, id, action);
		if (isSelf(a)) {
			throw denied(action, a, "account.forbidden.self");
		}
		List<Grant> grants = accounts.grantsOf(id);
		if (holdsSystemAdmin(grants)) {
			throw denied(action, a, "account.forbidden.systemAdminAccount");
		}
		if (!grants.stream().allMatch(g -> withinReach(scope, g))) {
			throw denied(action, a, "account.forbidden.grantsBeyondScope");
		}
		return a;
	}

	private boolean isSelf(AccountRow a) {
		return a.id() == user.principal().accountId();
	}

	private static boolean holdsSystemAdmin(List<Grant> grants) {
		return grants.stream().anyMatch(g -> g.role() == Role.SYSTEM_ADMIN);
	}

	private ForbiddenException denied(String action, AccountRow a, String key) {
		return denied(action, a.id(), a.homeRegionCode(), key);
	}

	/** Records the refusal (the transaction does not roll back on it: nothing else was written) and returns the 403. */
	private ForbiddenException denied(String action, Long accountId, Long region, String key) {
		audit.action(action).target("account", accountId).region(region).failed()
			.detail(messages.getMessage(key, null, key, Locale.SIMPLIFIED_CHINESE))
			.record();
		return new ForbiddenException(text(key));
	}

	private String text(String key) {
		return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
	}

	// --- parsing ---

	private Grant parse(Role role, GrantDraft d) {
		DataScopeKind kind = enumOf(DataScopeKind.class, d.scopeKind(), "scopeKind");
		List<FieldError> errors = new ArrayList<>();
		Grant grant = switch (kind) {
			case ALL -> Grant.all(role);
			case SELF -> Grant.self(role);
			case REGION_AND_BELOW -> {
				boolean hasRegion = d.regionCode() != null && !d.regionCode().isBlank();
				if (hasRegion && d.gridId() != null) {
					errors.add(new FieldError("regionCode", "account.grant.regionOrGrid"));
					yield null;
				}
				if (d.gridId() != null) {
					if (topology.gridRegion(d.gridId()).isEmpty()) {
						errors.add(new FieldError("gridId", "grid.notFound"));
						yield null;
					}
					yield Grant.grid(role, d.gridId());
				}
				if (!hasRegion) {
					errors.add(new FieldError("regionCode", "account.grant.regionOrGrid"));
					yield null;
				}
				Long code = region(d.regionCode(), "regionCode", errors);
				yield code == null ? null : Grant.region(role, code);
			}
			case CUSTOM -> {
				List<String> texts = d.customRegionCodes() == null ? List.of()
						: d.customRegionCodes().stream().filter(t -> t != null && !t.isBlank()).toList();
				if (texts.isEmpty()) {
					errors.add(new FieldError("customRegionCodes", "validation.required"));
					yield null;
				}
				if (texts.size() > MAX_CUSTOM_REGIONS) {
					errors.add(new FieldError("customRegionCodes", "account.grant.tooManyRegions"));
					yield null;
				}
				Set<Long> codes = new LinkedHashSet<>();
				for (String t : texts) {
					Long code = region(t, "customRegionCodes", errors);
					if (code != null) {
						codes.add(code);
					}
				}
				yield errors.isEmpty() ? Grant.custom(role, codes) : null;
			}
			case OWN_UNIT, UNIT_AND_BELOW -> {
				if (d.unitId() == null) {
					errors.add(new FieldError("unitId", "validation.required"));
					yield null;
				}
				if (topology.unitRegion(d.unitId()).isEmpty()) {
					errors.add(new FieldError("unitId", "unit.notFound"));
					yield null;
				}
				yield Grant.unit(role, d.unitId(), kind == DataScopeKind.UNIT_AND_BELOW);
			}
		};
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		return grant;
	}

	private Long region(String text, String field, List<FieldError> errors) {
		if (!RegionCode.isValid(text)) {
			errors.add(new FieldError(field, "region.code.format"));
			return null;
		}
		long code = RegionCode.parse(text).value();
		if (regions.find(code).isEmpty()) {
			errors.add(new FieldError(field, "region.notFound"));
			return null;
		}
		return code;
	}

	private static <E extends Enum<E>> E enumOf(Class<E> type, String text, String field) {
		if (text == null || text.isBlank()) {
			throw InvalidInputException.of(field, "validation.required");
		}
		try {
			return Enum.valueOf(type, text.trim());
		}
		catch (IllegalArgumentException e) {
			throw InvalidInputException.of(field, "account.grant.unknownValue");
		}
	}

	private static boolean sameReach(Grant a, Grant b) {
		return a.role() == b.role() && a.scopeKind() == b.scopeKind() && java.util.Objects.equals(a.regionCode(), b.regionCode())
				&& java.util.Objects.equals(a.gridId(), b.gridId()) && java.util.Objects.equals(a.unitId(), b.unitId())
				&& a.customRegions().equals(b.customRegions());
	}

	/** A grant for the audit: role, scope kind and the anchors that are set. */
	static Map<String, Object> snapshot(Grant g) {
		Map<String, Object> m = new LinkedHashMap<>();
		if (g.id() != null) {
			m.put("id", g.id());
		}
		m.put("role", g.role().name());
		m.put("scopeKind", g.scopeKind().name());
		if (g.regionCode() != null) {
			m.put("regionCode", g.regionCode());
		}
		if (g.gridId() != null) {
			m.put("gridId", g.gridId());
		}
		if (g.unitId() != null) {
			m.put("unitId", g.unitId());
		}
		if (!g.customRegions().isEmpty()) {
			m.put("customRegions", g.customRegions().stream().sorted().toList());
		}
		return m;
	}

	private static List<Map<String, Object>> snapshot(List<Grant> grants) {
		return grants.stream().map(AccountAdministration::snapshot).toList();
	}

	private static String describe(Grant g) {
		StringBuilder sb = new StringBuilder(g.role().name()).append(' ').append(g.scopeKind().name());
		snapshot(g).forEach((k, v) -> {
			if (!k.equals("id") && !k.equals("role") && !k.equals("scopeKind")) {
				sb.append(' ').append(k).append('=').append(v);
			}
		});
		return sb.toString();
	}

	private static String instant(Instant t) {
		return t == null ? null : t.toString();
	}
}
