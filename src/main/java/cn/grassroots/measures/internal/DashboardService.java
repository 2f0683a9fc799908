package cn.grassroots.measures.internal;

import java.time.LocalDate;
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
			Map<MeasureKind, Integer> byKind, List<UnitCount> byUnit, List<MeasureView> overdue, List<MeasureView> atRisk,
			List<Punctuality> punctuality, List<TargetActual> targets) {
	}

	/**
	 * A unit's reporting punctuality over the cycles it owed a report on (those ended at least the
	 * grace days ago, within its measures' time): filed within the grace days, later, or not at all.
	 */
	public record Punctuality(UnitRef unit, int owed, int onTime, int late, int missing) {

		public Double rate() {
			return owed == 0 ? null : (double) onTime / owed;
		}
	}

	/** A staged target against its actual: met when the actual reached the target value (in its direction). */
	public record TargetActual(MeasureView measure, MeasureRepository.Target target, boolean ended, Boolean met) {
	}

	private final MeasureRepository repository;
	private final MechanismService mechanisms;
	private final MeasureService measures;
	private final MeasureAccess access;
	private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
	private final MeasuresClock clock;
	private final MeasuresSettings settings;

	DashboardService(MeasureRepository repository, MechanismService mechanisms, MeasureService measures, MeasureAccess access,
			org.springframework.jdbc.core.simple.JdbcClient jdbc, MeasuresClock clock, MeasuresSettings settings) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.settings = settings;
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
		return new Dashboard(mechanismId, views.size(), byStatus, byKind, units, overdue, atRisk, punctuality(views),
				targets(views));
	}

	private List<TargetActual> targets(List<MeasureView> views) {
		Map<Long, MeasureView> byId = new LinkedHashMap<>();
		views.forEach(v -> byId.put(v.measure().id(), v));
		LocalDate today = clock.today();
		List<TargetActual> result = new ArrayList<>();
		repository.targets(byId.keySet()).forEach((measureId, list) -> {
			for (MeasureRepository.Target t : list) {
				Boolean met = t.actual() == null ? null : reached(t);
				result.add(new TargetActual(byId.get(measureId), t, t.periodEnd().isBefore(today), met));
			}
		});
		result.sort(java.util.Comparator.comparing((TargetActual t) -> t.measure().measure().code())
			.thenComparing(t -> t.target().periodEnd()));
		return result;
	}

	private static boolean reached(MeasureRepository.Target t) {
		int direction = t.targetValue().compareTo(t.baseline());
		return direction >= 0 ? t.actual().compareTo(t.targetValue()) >= 0 : t.actual().compareTo(t.targetValue()) <= 0;
	}

	/**
	 * Punctuality of each lead unit over its measures that ask for reports (not those whose progress
	 * comes from sub-measures or citing measures). The cycles owed follow from the dates; the on-time
	 * and late counts are kept on each measure as first reports arrive, less the cycles reported but
	 * not yet owed (still within the grace days, so on time by construction).
	 */
	private List<Punctuality> punctuality(List<MeasureView> views) {
		List<MeasureView> reporting = views.stream().filter(v -> v.leadUnit() != null).toList();
		if (reporting.isEmpty()) {
			return List.of();
		}
		List<Long> ids = reporting.stream().map(v -> v.measure().id()).toList();
		java.util.Set<Long> contributed = new java.util.HashSet<>();
		for (int i = 0; i < ids.size(); i += 500) {
			List<Long> part = ids.subList(i, Math.min(ids.size(), i + 500));
			contributed.addAll(jdbc.sql("SELECT parent_id FROM measure WHERE parent_id IN (:ids)"
					+ " UNION SELECT cited_measure_id FROM measure WHERE cited_measure_id IN (:ids)")
				.param("ids", part).query(Long.class).list());
		}
		LocalDate today = clock.today();
		int grace = settings.reportGraceDays();
		Map<Long, MeasureRepository.Counters> counters = repository.counters(ids);
		Map<Long, Integer> notYetOwed = repository.filedCyclesAfter(ids, today.minusDays(grace));
		java.time.ZoneId zone = clock.zone();
		Map<Long, int[]> counts = new LinkedHashMap<>();
		Map<Long, UnitRef> units = new LinkedHashMap<>();
		for (MeasureView v : reporting) {
			MeasureRepository.Measure m = v.measure();
			if (contributed.contains(m.id())) {
				continue;
			}
			LocalDate last = m.closedAt() == null ? m.dueDate() : m.closedAt().atZone(zone).toLocalDate();
			int[] c = counts.computeIfAbsent(v.leadUnit().id(), k -> new int[4]);
			units.putIfAbsent(v.leadUnit().id(), v.leadUnit());
			int owed = 0;
			for (LocalDate end = m.cycle().endOf(m.startDate()); !end.plusDays(grace).isAfter(today)
					&& !end.isAfter(m.cycle().endOf(last)); end = m.cycle().endOf(end.plusDays(1))) {
				owed++;
			}
			MeasureRepository.Counters k = counters.getOrDefault(m.id(), new MeasureRepository.Counters(0, 0));
			int onTime = Math.max(0, k.onTime() - notYetOwed.getOrDefault(m.id(), 0));
			int late = k.late();
			c[0] += owed;
			c[1] += onTime;
			c[2] += late;
			c[3] += Math.max(0, owed - onTime - late);
		}
		List<Punctuality> result = new ArrayList<>();
		counts.forEach((unit, c) -> result.add(new Punctuality(units.get(unit), c[0], c[1], c[2], c[3])));
		result.sort(java.util.Comparator.comparing((Punctuality p) -> p.unit().code()));
		return result;
	}

	private static <E extends Enum<E>> Map<E, Integer> zero(Class<E> type) {
		Map<E, Integer> m = new EnumMap<>(type);
		for (E e : type.getEnumConstants()) {
			m.put(e, 0);
		}
		return m;
	}
}
