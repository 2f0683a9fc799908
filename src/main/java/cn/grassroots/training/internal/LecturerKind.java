package cn.grassroots.training.internal;

/** Where a lecturer comes from; model secretaries are chosen on merit from the case library. */
public enum LecturerKind {
	/** 党校专家 */
	PARTY_SCHOOL_EXPERT,
	/** 部门干部 */
	DEPARTMENT_OFFICER,
	/** 纪检干部 */
	DISCIPLINE_OFFICER,
	/** 全国优秀党务工作者 / 全国模范社区书记 */
	NATIONAL_MODEL_SECRETARY,
	/** 省级优秀社区书记 */
	PROVINCIAL_MODEL_SECRETARY,
	/** 高校学者 */
	ACADEMIC,
	OTHER;

	public boolean modelSecretary() {
		return this == NATIONAL_MODEL_SECRETARY || this == PROVINCIAL_MODEL_SECRETARY;
	}
}
