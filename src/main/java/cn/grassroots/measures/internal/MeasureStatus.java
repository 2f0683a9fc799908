package cn.grassroots.measures.internal;

/** A measure's status, computed from dates and reports (never typed, except an audited override). */
public enum MeasureStatus {
	ON_TRACK, AT_RISK, OVERDUE, DONE
}
