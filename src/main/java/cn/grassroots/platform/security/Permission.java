package cn.grassroots.platform.security;

/** What a role allows; each applies only inside the scope of the grant that carries the role. */
public enum Permission {
	/** Read people, posts, grids, units and party organisations (phones and ID numbers masked). */
	ROSTER_READ,
	/** Create and change people and their posts. */
	ROSTER_WRITE,
	/** Create and change grids, units and party organisations. */
	STRUCTURE_WRITE,
	/** Show one person's phone and ID number in full (audited). */
	ROSTER_REVEAL,
	ROSTER_IMPORT,
	ROSTER_EXPORT,
	/** Manage accounts and role grants. */
	ACCOUNT_MANAGE,
	AUDIT_READ,
	/** Platform settings and reference data. */
	SYSTEM_SETTINGS,

	// training module: programmes, classrooms, plans, enrolments within a region
	/** Read training programmes, classrooms and their plans, enrolments and results. */
	TRAINING_READ,
	/** Create and change programmes and classrooms, review plans, enrol, decide findings. */
	TRAINING_MANAGE
}
