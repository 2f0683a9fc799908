package cn.grassroots.training.internal;

/** What the case-teaching share ("不少于总课程的50%") is measured over. */
public enum CaseShareBasis {
	HOURS, SESSIONS
}
