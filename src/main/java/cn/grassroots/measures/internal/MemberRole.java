package cn.grassroots.measures.internal;

/** A unit's role in a mechanism: 牵头单位, 协调单位 or 成员单位. */
public enum MemberRole {
	LEAD, COORDINATING, MEMBER
}
