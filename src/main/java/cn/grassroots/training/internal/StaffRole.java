package cn.grassroots.training.internal;

/** A person's assignment in one classroom; each is checked in SQL beside the region scope. */
public enum StaffRole {
	/** 班主任: marks attendance, approves leave, appraises trainees. */
	HEAD_TEACHER,
	/** Marks short answers of the classroom's tests. */
	MARKER,
	/** Leads a seminar group. */
	FACILITATOR,
	/** 督学: a member of a supervision team visiting the classroom. */
	SUPERVISOR
}
