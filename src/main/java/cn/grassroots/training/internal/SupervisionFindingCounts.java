package cn.grassroots.training.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Open supervision findings per classroom, counted over the supervision tables. The callers have
 * already narrowed the classrooms to the ones in the reader's scope.
 */
@Component
class SupervisionFindingCounts implements OpenSupervisionFindings {

	private final JdbcClient jdbc;

	SupervisionFindingCounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<Long, Integer> openByClassroom(Collection<Long> classroomIds) {
		Map<Long, Integer> open = new HashMap<>();
		if (classroomIds.isEmpty()) {
			return open;
		}
		jdbc.sql("SELECT classroom_id, COUNT(*) AS open_count FROM training_supervision_finding"
				+ " WHERE classroom_id IN (:ids) AND status <> 'CLOSED' GROUP BY classroom_id")
			.param("ids", classroomIds)
			.query(rs -> {
				open.put(rs.getLong("classroom_id"), rs.getInt("open_count"));
			});
		return open;
	}
}
