package cn.grassroots.measures.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.measures.internal.MeasureEvaluator.Evaluation;
import cn.grassroots.measures.internal.MeasureRepository.Measure;
import cn.grassroots.measures.internal.MeasureRepository.Mechanism;
import cn.grassroots.measures.internal.MeasureRepository.Member;
import cn.grassroots.measures.internal.MeasureRepository.Partner;
import cn.grassroots.measures.internal.MeasureRepository.Report;
import cn.grassroots.measures.internal.MeasureRepository.Target;
import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.UnitRef;
import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.CurrentUser;

/** 措施: a mechanism's measures with their partners, staged targets, computed progress and status. */
@Service
public class MeasureService {

	public record PartnerDraft(Long unitId, String part) {
	}

	public record TargetDraft(String periodLabel, LocalDate periodEnd, String description, String indicator,
			BigDecimal baseline, BigDecimal targetValue, String unit) {
	}

	public record Draft(String code, String title, String description, String category, Long leadUnitId,
			List<PartnerDraft> partners, String clause, MeasureKind kind, LocalDate startDate, LocalDate dueDate,
			ReportCycle reportCycle, BigDecimal weight, Long parentId, Long citedMeasureId, List<TargetDraft> targets) {
	}

	public record PartnerView(UnitRef unit, String part) {
	}

	/** A measure with what it shows in a list. */
	public record MeasureView(Measure measure, Evaluation evaluation, UnitRef leadUnit, List<PartnerView> partners) {
	}

	/** A measure's page: the list view plus its mechanism, targets, sub-measures and reports. */
	public record MeasureDetail(MeasureView view, Mechanism mechanism, List<Target> targets, List<MeasureView> children,
			Measure cited, List<Report> reports, Map<Long, List<MeasureRepository.Evidence>> evidence, boolean canReport,
			boolean canReview, boolean canCloseOut) {
	}

	private final MeasureRepository repository;
	private final MechanismService mechanisms;
	private final MeasureEvaluator evaluator;
	private final MeasureAccess access;
	private final MeasuresClock clock;
	private final OrgDirectory org;
	private final CurrentUser user;
	private final AuditLog audit;

	MeasureService(MeasureRepository repository, MechanismService mechanisms, MeasureEvaluator evaluator,
			MeasureAccess access, MeasuresClock clock, OrgDirectory org, CurrentUser user, AuditLog audit) {
		this.repository = repository;
		this.mechanisms = mechanisms;
		this.evaluator = evaluator;
		this.access = access;
		this.clock = clock;
		this.org = org;
		this.user = user;
		this.audit = audit;
	}

	/** The mechanism's measures the caller reaches: all of them for the whole mechanism, else their unit's. */
	public PageResult<MeasureView> list(long mechanismId, PageRequest page) {
		mechanisms.require(mechanismId);
		PageResult<Measure> rows = repository.measures(mechanismId, MeasureAccess.measures(access.read()), page);
		List<MeasureView> views = views(rows.content());
		return new PageResult<>(views, rows.page());
	}

	List<MeasureView> views(List<Measure> measures) {
		if (measures.isEmpty()) {
			return List.of();
		}
		Map<Long, Evaluation> evaluations = evaluator.evaluate(measures, clock.today());
		List<Long> ids = measures.stream().map(Measure::id).toList();
		Map<Long, List<Partner>> partners = repository.partners(ids);
		Set<Long> unitIds = new LinkedHashSet<>();
		measures.forEach(m -> {
			if (m.leadUnitId() != null) {
				unitIds.add(m.leadUnitId());
			}
		});
		partners.values().forEach(ps -> ps.forEach(p -> unitIds.add(p.unitId())));
		Map<Long, UnitRef> units = org.units(unitIds);
		List<MeasureView> views = new ArrayList<>();
		for (Measure m : measures) {
			List<PartnerView> pv = partners.getOrDefault(m.id(), List.of()).stream()
				.map(p -> new PartnerView(units.get(p.unitId()), p.part())).toList();
			views.add(new MeasureView(m, evaluations.get(m.id()), m.leadUnitId() == null ? null : units.get(m.leadUnitId()), pv));
		}
		return views;
	}

	/** The measure, if the caller reaches it: 404 when it does not exist, 403 outside the scope. */
	public Measure require(long id) {
		Measure m = repository.measure(id).orElseThrow(() -> new NotFoundException("no measure " + id));
		if (!repository.measureVisible(id, MeasureAccess.measures(access.read()))) {
			throw MeasureAccess.forbidden();
		}
		return m;
	}

	public MeasureDetail get(long id) {
		Measure m = require(id);
		Mechanism mechanism = repository.mechanism(m.mechanismId()).orElseThrow();
		MeasureView view = views(List.of(m)).get(0);
		List<MeasureView> children = views(repository.children(id).stream()
			.filter(c -> repository.measureVisible(c.id(), MeasureAccess.measures(access.read()))).toList());
		Measure cited = m.citedId() == null ? null : repository.measure(m.citedId()).orElse(null);
		List<Report> reports = repository.reports(id);
		var evidence = repository.evidence(reports.stream().map(Report::id).toList());
		Set<Long> partnerUnits = partnerUnits(id);
		return new MeasureDetail(view, mechanism, repository.targets(List.of(id)).getOrDefault(id, List.of()), children,
				cited, reports, evidence, !m.closed() && MeasureAccess.owns(access.report(), m, partnerUnits),
				access.canReview(mechanism), access.canCloseOut(mechanism));
	}

	/** The measure a report belongs to, if the caller may read it. */
	public long measureOfReport(long reportId) {
		Report r = repository.report(reportId).orElseThrow(() -> new NotFoundException("no report " + reportId));
		return require(r.measureId()).id();
	}

	/** A report's evidence, if the caller may read its measure. */
	public List<MeasureRepository.Evidence> evidenceOfReport(long reportId) {
		Report r = repository.report(reportId).orElseThrow(() -> new NotFoundException("no report " + reportId));
		require(r.measureId());
		return repository.evidence(List.of(reportId)).getOrDefault(reportId, List.of());
	}

	/** A report's evidence (no scope check: for a report the caller has just filed or reviewed). */
	public List<MeasureRepository.Evidence> evidence(long reportId) {
		return repository.evidence(List.of(reportId)).getOrDefault(reportId, List.of());
	}

	Set<Long> partnerUnits(long measureId) {
		Set<Long> units = new HashSet<>();
		repository.partners(List.of(measureId)).getOrDefault(measureId, List.of()).forEach(p -> units.add(p.unitId()));
		return units;
	}

	@Transactional
	public Measure create(long mechanismId, Draft d) {
		Mechanism mechanism = mechanisms.require(mechanismId);
		if (!access.canManage(mechanism)) {
			throw MeasureAccess.forbidden();
		}
		repository.lockMechanism(mechanismId);
		Set<Long> members = new HashSet<>();
		repository.members(mechanismId).stream().map(Member::unitId).forEach(members::add);
		Checks c = new Checks();
		String code = c.text("code", d.code(), 40, true);
		if (code != null && repository.measureByCode(mechanismId, code).isPresent()) {
			c.add("code", "is already used in this mechanism");
		}
		String title = c.text("title", d.title(), 300, true);
		String description = c.text("description", d.description(), 4000, false);
		String category = c.text("category", d.category(), 100, false);
		String clause = c.text("clause", d.clause(), 300, false);
		c.required("kind", d.kind());
		c.required("startDate", d.startDate());
		c.required("dueDate", d.dueDate());
		c.required("reportCycle", d.reportCycle());
		if (d.startDate() != null && d.dueDate() != null && d.dueDate().isBefore(d.startDate())) {
			c.add("dueDate", "must not be before the start date");
		}
		for (String f : List.of("startDate", "dueDate")) {
			LocalDate v = f.equals("startDate") ? d.startDate() : d.dueDate();
			if (v != null && (v.getYear() < 2000 || v.getYear() > 2100)) {
				c.add(f, "must be between 2000 and 2100");
			}
		}
		BigDecimal weight = d.weight() == null ? BigDecimal.ONE : d.weight();
		if (weight.signum() <= 0 || weight.compareTo(BigDecimal.valueOf(1000)) > 0 || weight.scale() > 4) {
			c.add("weight", "must be more than 0 and at most 1000, with at most 4 decimals");
		}
		if (c.required("leadUnitId", d.leadUnitId()) != null && !members.contains(d.leadUnitId())) {
			c.add("leadUnitId", "must be a unit of the mechanism");
		}
		Map<Long, String> partners = new LinkedHashMap<>();
		List<PartnerDraft> given = d.partners() == null ? List.of() : d.partners();
		for (int i = 0; i < given.size(); i++) {
			PartnerDraft p = given.get(i);
			String field = "partners[" + i + "]";
			if (p == null || p.unitId() == null) {
				c.add(field + ".unitId", "is required");
			}
			else if (!members.contains(p.unitId())) {
				c.add(field + ".unitId", "must be a unit of the mechanism");
			}
			else if (p.unitId().equals(d.leadUnitId()) || partners.containsKey(p.unitId())) {
				c.add(field + ".unitId", "is already named on this measure");
			}
			else {
				partners.put(p.unitId(), c.text(field + ".part", p.part(), 500, true));
			}
		}
		if (d.parentId() != null) {
			Measure parent = repository.measure(d.parentId()).orElse(null);
			if (parent == null || parent.mechanismId() != mechanismId) {
				c.add("parentId", "must be a measure of the same mechanism");
			}
		}
		if (d.citedMeasureId() != null) {
			Measure cited = repository.measure(d.citedMeasureId()).orElse(null);
			Mechanism higher = cited == null ? null : repository.mechanism(cited.mechanismId()).orElse(null);
			if (higher == null || higher.regionCode() == mechanism.regionCode()
					|| !AccessScope.Range.of(higher.regionCode()).contains(mechanism.regionCode())) {
				c.add("citedMeasureId", "must be a measure of a mechanism above this one");
			}
		}
		List<TargetDraft> targets = d.targets() == null ? List.of() : d.targets();
		if (d.kind() == MeasureKind.LONG_TERM && targets.isEmpty()) {
			c.add("targets", "a long-term measure needs at least one staged target");
		}
		for (int i = 0; i < targets.size(); i++) {
			TargetDraft t = targets.get(i);
			String field = "targets[" + i + "]";
			if (t == null) {
				c.add(field, "is required");
				continue;
			}
			c.text(field + ".periodLabel", t.periodLabel(), 60, true);
			c.text(field + ".indicator", t.indicator(), 200, true);
			c.text(field + ".description", t.description(), 500, false);
			c.text(field + ".unit", t.unit(), 30, false);
			if (c.required(field + ".periodEnd", t.periodEnd()) != null && d.startDate() != null && d.dueDate() != null
					&& (t.periodEnd().isBefore(d.startDate()) || t.periodEnd().isAfter(d.dueDate()))) {
				c.add(field + ".periodEnd", "must fall between the start and due dates");
			}
			number(c, field + ".baseline", t.baseline());
			number(c, field + ".targetValue", t.targetValue());
		}
		c.throwIfAny();
		long id = repository.insertMeasure(mechanismId, code, title, description, category, d.leadUnitId(), null, clause,
				d.kind(), d.startDate(), d.dueDate(), d.reportCycle(), weight, d.parentId(), d.citedMeasureId(),
				user.username());
		partners.forEach((unit, part) -> repository.insertPartner(id, unit, part));
		for (TargetDraft t : targets) {
			repository.insertTarget(id, t.periodLabel().strip(), t.periodEnd(), blankToNull(t.description()),
					t.indicator().strip(), t.baseline(), t.targetValue(), blankToNull(t.unit()));
		}
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("code", code);
		after.put("title", title);
		after.put("kind", d.kind().name());
		after.put("leadUnit", d.leadUnitId());
		after.put("partners", List.copyOf(partners.keySet()));
		after.put("dueDate", d.dueDate().toString());
		after.put("targets", targets.size());
		audit.action("MEASURE_CREATE").target("measure", id).region(mechanism.regionCode()).after(after).record();
		return repository.measure(id).orElseThrow();
	}

	private static void number(Checks c, String field, BigDecimal v) {
		if (c.required(field, v) != null && (v.abs().compareTo(new BigDecimal("1e13")) >= 0 || v.scale() > 4)) {
			c.add(field, "must be below 10^13 with at most 4 decimals");
		}
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

	/** Fails with 409 when the measure is closed. */
	static void requireOpen(Measure m) {
		if (m.closed()) {
			throw new ConflictException("the measure is closed out");
		}
	}
}
