package cn.grassroots.training.internal;

/** Present, late (more than the programme's minutes after the start), excused (approved leave) or absent. */
public enum AttendanceStatus {
	PRESENT, LATE, EXCUSED, ABSENT;

	/** Whether the session's hours count as missed. */
	public boolean missed() {
		return this == EXCUSED || this == ABSENT;
	}
}
