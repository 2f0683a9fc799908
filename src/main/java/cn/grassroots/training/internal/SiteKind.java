package cn.grassroots.training.internal;

/** 观摩点 or 教育基地 (e.g. 中共六大历史资料馆): sites of the same kind for observation sessions. */
public enum SiteKind {
	OBSERVATION_SITE, EDUCATION_BASE
}
