package cn.grassroots.training.internal;

/** 理论课, 政策课, 案例课, 观摩课, 研讨课. */
public enum CourseType {
	THEORY, POLICY, CASE, OBSERVATION, SEMINAR
}
