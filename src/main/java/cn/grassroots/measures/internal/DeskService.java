package cn.grassroots.measures.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;

import cn.grassroots.measures.internal.MeasureRepository.Measure;
import cn.grassroots.measures.internal.MeasureRepository.ReportItem;
import cn.grassroots.measures.internal.MeasureService.MeasureView;
import cn.grassroots.measures.internal.NoticeRepository.Notice;

/**
 * The desks: a unit's (what it leads or partners on, the reports it owes, the notices addressed to
 * it) and a coordinating or lead unit's (reports to review, coordination requests).
 */
@Service
public class DeskService {

	/** A report the unit owes: the measure and the cycle. */
	public record DueReport(MeasureView measure, String cycle) {
	}

	public record Desk(List<MeasureView> leads, List<MeasureView> partners, List<DueReport> due, List<Notice> notices,
			Map<Long, Measure> noticeMeasures, List<ReportItem> toReview, List<ReportItem> coordination,
			boolean coordinator) {
	}

	private static final int LIMIT = 200;

	private final MeasureRepository repository;
	private final NoticeRepository notices;
	private final MeasureService measures;
	private final MeasureAccess access;
	private final MeasuresClock clock;

	DeskService(MeasureRepository repository, NoticeRepository notices, MeasureService measures, MeasureAccess access,
			MeasuresClock clock) {
		this.repository = repository;
		this.notices = notices;
		this.measures = measures;
		this.access = access;
		this.clock = clock;
	}

	public Desk desk() {
		access.read();
		var scope = access.report();
		Set<Long> units = scope.unitIds();
		List<Measure> rows = new ArrayList<>(repository.measuresOfUnits(units, LIMIT));
		rows.addAll(repository.measuresOwnedIn(scope, LIMIT));
		List<MeasureView> mine = measures.views(rows);
		List<MeasureView> leads = new ArrayList<>();
		List<MeasureView> partners = new ArrayList<>();
		List<DueReport> due = new ArrayList<>();
		LocalDate today = clock.today();
		List<MeasureView> owedCandidates = new ArrayList<>();
		for (MeasureView v : mine) {
			if (v.measure().leadUnitId() != null && units.contains(v.measure().leadUnitId())
					|| v.measure().ownerRegionCode() != null) {
				leads.add(v);
				if (!v.measure().closed()) {
					owedCandidates.add(v);
				}
			}
			else {
				partners.add(v);
			}
		}
		// whether last cycle's report is in, for every measure at once rather than one query each
		Set<String> filed = new java.util.HashSet<>();
		repository.liveReports(owedCandidates.stream().filter(v -> v.evaluation().missingCycleEnd() == null)
			.map(v -> v.measure().id()).toList(),
				owedCandidates.stream().map(v -> v.measure().cycle().previousEnd(today)).collect(java.util.stream.Collectors.toSet()))
			.forEach(r -> filed.add(r.measureId() + "|" + r.unitId() + "|" + r.cycleEnd()));
		for (MeasureView v : owedCandidates) {
			LocalDate owed = v.evaluation().missingCycleEnd() != null ? v.evaluation().missingCycleEnd()
					: v.measure().cycle().previousEnd(today);
			if (!owed.isBefore(v.measure().cycle().endOf(v.measure().startDate()))
					&& (v.evaluation().missingCycleEnd() != null
							|| !filed.contains(v.measure().id() + "|" + v.measure().leadUnitId() + "|" + owed))) {
				due.add(new DueReport(v, v.measure().cycle().label(owed)));
			}
		}
		List<Notice> open = notices.openForUnits(units, LIMIT);
		Map<Long, Measure> noticeMeasures = new java.util.HashMap<>();
		repository.measuresByIds(open.stream().map(Notice::measureId).toList()).forEach(m -> noticeMeasures.put(m.id(), m));
		// only a lead or coordinating unit has reports to review: others skip the scan of reports
		boolean coordinator = coordinates(units);
		return new Desk(leads, partners, due, open, noticeMeasures,
				coordinator ? repository.reportsForCoordinators(units, true, LIMIT) : List.of(),
				coordinator ? repository.reportsForCoordinators(units, false, LIMIT) : List.of(), coordinator);
	}

	private boolean coordinates(Set<Long> units) {
		return !units.isEmpty() && repository.coordinates(units);
	}
}
