package cn.grassroots.training.internal;

import java.util.Collection;
import java.util.Map;

/**
 * How many supervision findings (督学发现的问题) are still open in each classroom, for the
 * dashboards, counted by {@link SupervisionFindingCounts} over the supervision tables.
 */
public interface OpenSupervisionFindings {

	/** Classroom id → open findings; classrooms without any may be left out. */
	Map<Long, Integer> openByClassroom(Collection<Long> classroomIds);
}
