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

	// measures module: coordination mechanisms and their measures
	/** Read mechanisms and measures: a region's all; a unit's those of its mechanisms it leads, coordinates or owns. */
	MEASURE_READ,
	/** Report progress on the measures one's unit (or community) owns; review and close out as lead or coordinating unit. */
	MEASURE_REPORT,
	/** Create and change mechanisms and measures of a region. */
	MEASURE_MANAGE,

	// --- surveys module ---
	/** Create, version and distribute questionnaires owned by a region in scope. */
	SURVEY_DESIGN,
	/** Read questionnaires and analyse the responses given in scope. */
	SURVEY_ANALYSE,
	/** Import paper and third-party responses for regions in scope. */
	SURVEY_IMPORT,

	// training module: programmes, classrooms, plans, enrolments within a region
	/** Read training programmes, classrooms and their plans, enrolments and results. */
	TRAINING_READ,
	/** Create and change programmes and classrooms, review plans, enrol, decide findings. */
	TRAINING_MANAGE
}
