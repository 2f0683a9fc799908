package cn.grassroots.training.internal;

/** A plan version's place in the provincial review (前置审核). */
public enum PlanStatus {
	DRAFT, SUBMITTED, APPROVED, RETURNED
}
