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
		for (MeasureView v : mine) {
			if (v.measure().leadUnitId() != null && units.contains(v.measure().leadUnitId())
					|| v.measure().ownerRegionCode() != null) {
				leads.add(v);
				if (!v.measure().closed()) {
					LocalDate owed = v.evaluation().missingCycleEnd() != null ? v.evaluation().missingCycleEnd()
							: v.measure().cycle().previousEnd(today);
					if (!owed.isBefore(v.measure().cycle().endOf(v.measure().startDate()))
							&& (v.evaluation().missingCycleEnd() != null || !reported(v.measure(), owed))) {
						due.add(new DueReport(v, v.measure().cycle().label(owed)));
					}
				}
			}
			else {
				partners.add(v);
			}
		}
		List<Notice> open = notices.openForUnits(units, LIMIT);
		Map<Long, Measure> noticeMeasures = new java.util.HashMap<>();
		repository.measuresByIds(open.stream().map(Notice::measureId).toList()).forEach(m -> noticeMeasures.put(m.id(), m));
		return new Desk(leads, partners, due, open, noticeMeasures, repository.reportsForCoordinators(units, true, LIMIT),
				repository.reportsForCoordinators(units, false, LIMIT), coordinates(units));
	}

	private boolean reported(Measure m, LocalDate cycleEnd) {
		return repository.hasLiveReport(m.id(), m.leadUnitId(), cycleEnd);
	}

	private boolean coordinates(Set<Long> units) {
		return !units.isEmpty() && repository.coordinates(units);
	}
}
