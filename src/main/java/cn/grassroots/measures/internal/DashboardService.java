package cn.grassroots.measures.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import cn.grassroots.measures.internal.MeasureService.MeasureView;
import cn.grassroots.org.UnitRef;

/** A mechanism's figures: its measures (those the caller reaches) by status, by kind and by lead unit. */
@Service
public class DashboardService {

	public record UnitCount(UnitRef unit, int total, Map<MeasureStatus, Integer> byStatus) {
	}

	public record Dashboard(long mechanismId, int total, Map<MeasureStatus, Integer> byStatus,
			Map<MeasureKind, Integer> byKind, List<UnitCount> byUnit, List<MeasureView> overdue, List<MeasureView> atRisk) {
	}

	private final MeasureRepository repository;
	private final MechanismService mechanisms;
	private final MeasureService measures;
	private final MeasureAccess access;

	DashboardService(MeasureRepository repository, MechanismService mechanisms, MeasureService measures, MeasureAccess access) {
		this.repository = repository;
		this.mechanisms = mechanisms;
		this.measures = measures;
		this.access = access;
	}

	public Dashboard of(long mechanismId) {
		mechanisms.require(mechanismId);
		List<MeasureView> views = measures.views(repository.allMeasures(mechanismId, MeasureAccess.measures(access.read())));
		Map<MeasureStatus, Integer> byStatus = zero(MeasureStatus.class);
		Map<MeasureKind, Integer> byKind = zero(MeasureKind.class);
		Map<Long, UnitCount> byUnit = new LinkedHashMap<>();
		List<MeasureView> overdue = new ArrayList<>();
		List<MeasureView> atRisk = new ArrayList<>();
		for (MeasureView v : views) {
			MeasureStatus s = v.evaluation().status();
			byStatus.merge(s, 1, Integer::sum);
			byKind.merge(v.measure().kind(), 1, Integer::sum);
			if (v.leadUnit() != null) {
				UnitCount c = byUnit.computeIfAbsent(v.leadUnit().id(),
						k -> new UnitCount(v.leadUnit(), 0, zero(MeasureStatus.class)));
				c.byStatus().merge(s, 1, Integer::sum);
				byUnit.put(c.unit().id(), new UnitCount(c.unit(), c.total() + 1, c.byStatus()));
			}
			if (s == MeasureStatus.OVERDUE) {
				overdue.add(v);
			}
			else if (s == MeasureStatus.AT_RISK) {
				atRisk.add(v);
			}
		}
		List<UnitCount> units = new ArrayList<>(byUnit.values());
		units.sort((a, b) -> b.total() != a.total() ? Integer.compare(b.total(), a.total()) : a.unit().code().compareTo(b.unit().code()));
		return new Dashboard(mechanismId, views.size(), byStatus, byKind, units, overdue, atRisk);
	}

	private static <E extends Enum<E>> Map<E, Integer> zero(Class<E> type) {
		Map<E, Integer> m = new EnumMap<>(type);
		for (E e : type.getEnumConstants()) {
			m.put(e, 0);
		}
		return m;
	}
}
