package cn.grassroots.training.internal;

/**
 * The coded topic categories a programme covers and a session teaches; duplicate-training
 * control compares programmes by them.
 */
public enum TopicCategory {
	/** 党的创新理论 */
	PARTY_THEORY,
	/** 纪律教育 (纪律处分条例) */
	DISCIPLINE,
	/** 党建引领基层治理 */
	GRASSROOTS_GOVERNANCE,
	/** 网格化管理服务 */
	GRID_MANAGEMENT,
	/** 党群服务中心建设 */
	SERVICE_CENTRE,
	/** 物业党建联建 */
	PROPERTY_PARTY_BUILDING,
	/** 矛盾纠纷化解 */
	DISPUTE_RESOLUTION,
	/** 网络舆情处置 */
	PUBLIC_OPINION,
	/** 突发事件应对 */
	EMERGENCY_RESPONSE,
	/** 群众工作方法 */
	MASS_WORK
}
