package cn.grassroots.training.internal;

/** A supervision finding: OPEN until the classroom reports it RECTIFIED, then CLOSED by the team (or OPEN again). */
public enum FindingStatus {
	OPEN, RECTIFIED, CLOSED
}
