package cn.grassroots.measures.internal;

/** The level a coordination mechanism sits at: 区/省, 市, 县(区). */
public enum MechanismLevel {
	PROVINCE, CITY, COUNTY
}
