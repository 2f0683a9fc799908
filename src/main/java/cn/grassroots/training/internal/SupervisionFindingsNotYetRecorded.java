package cn.grassroots.training.internal;

import java.util.Collection;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * The stand-in used only while no supervision findings are kept in this build: every classroom
 * has none open. {@link TrainingDashboardService} prefers any other {@link OpenSupervisionFindings}
 * bean, so the real one takes over as soon as it exists; then this class can go.
 */
@Component
class SupervisionFindingsNotYetRecorded implements OpenSupervisionFindings {

	@Override
	public Map<Long, Integer> openByClassroom(Collection<Long> classroomIds) {
		return Map.of();
	}
}
