package cn.grassroots.training.internal;

/** Where an enrolment stands; only CONFIRMED ones count as trainees. */
public enum EnrolmentStatus {
	/** Awaiting an officer's decision on a duplicate-training finding. */
	PENDING,
	CONFIRMED,
	/** Excused from this programme (免训); does not count as training received. */
	EXCUSED,
	/** 退学 */
	WITHDRAWN
}
