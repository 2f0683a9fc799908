package cn.grassroots.platform.security;

import static cn.grassroots.platform.security.Permission.*;

import java.util.EnumSet;
import java.util.Set;

/**
 * Roles are fixed in code and follow 等保's separation of duties (三员分立): the system,
 * security and audit administrators hold no business permission.
 */
public enum Role {
	SYSTEM_ADMIN(EnumSet.of(SYSTEM_SETTINGS, AUDIT_READ)),
	SECURITY_ADMIN(EnumSet.of(ACCOUNT_MANAGE)),
	AUDITOR(EnumSet.of(AUDIT_READ)),
	ORG_ADMIN(EnumSet.of(ROSTER_READ, ROSTER_WRITE, STRUCTURE_WRITE, ROSTER_REVEAL, ROSTER_IMPORT, ROSTER_EXPORT,
			// training module
			TRAINING_READ, TRAINING_MANAGE,
			// measures module
			MEASURE_READ, MEASURE_MANAGE,
			// surveys module: organisation departments and streets run surveys
			SURVEY_DESIGN, SURVEY_ANALYSE, SURVEY_IMPORT)),
	STREET_ADMIN(EnumSet.of(ROSTER_READ, ROSTER_WRITE, STRUCTURE_WRITE, ROSTER_REVEAL, ROSTER_IMPORT, ROSTER_EXPORT,
			// surveys module
			SURVEY_DESIGN, SURVEY_ANALYSE, SURVEY_IMPORT)),
	COMMUNITY_SECRETARY(EnumSet.of(ROSTER_READ, ROSTER_WRITE, STRUCTURE_WRITE, ROSTER_REVEAL, ROSTER_IMPORT, ROSTER_EXPORT,
			// measures module: the community's own measures (seminar lists taken home, 照单落实)
			MEASURE_READ, MEASURE_REPORT,
			// surveys module: secretaries read their community's results
			SURVEY_ANALYSE)),
	GRID_WORKER(EnumSet.of(ROSTER_READ)),
	UNIT_OFFICER(EnumSet.of(ROSTER_READ, ROSTER_WRITE,
			// measures module
			MEASURE_READ, MEASURE_REPORT));

	private final Set<Permission> permissions;

	Role(Set<Permission> permissions) {
		this.permissions = java.util.Collections.unmodifiableSet(EnumSet.copyOf(permissions));
	}

	public boolean allows(Permission permission) {
		return permissions.contains(permission);
	}

	public Set<Permission> permissions() {
		return permissions;
	}

	/** The message key of the role's Chinese (or English) name. */
	public String messageKey() {
		return "role." + name();
	}
}
