package cn.grassroots.org;

/** Kinds of units: departments on the vertical axis, and the bodies on the horizontal axis. */
public enum UnitKind {
	/** 党委部门 (组织部, 社会工作部 …) */
	PARTY_DEPARTMENT,
	/** 政府部门 (民政厅, 应急管理厅 …) */
	GOVERNMENT_DEPARTMENT,
	/** 党校 */
	PARTY_SCHOOL,
	/** 街道 / 乡镇 机关 */
	TOWNSHIP_OFFICE,
	/** 驻区单位 */
	RESIDENT_UNIT,
	/** 物业服务企业 */
	PROPERTY_COMPANY,
	/** 社会组织 */
	SOCIAL_ORGANISATION,
	OTHER;

	public String messageKey() {
		return "unit.kind." + name();
	}
}
