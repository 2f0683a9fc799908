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

	/** A draft that passed the checks, with its text stripped and defaults filled in. */
	private record Valid(String code, String title, String description, String category, String clause, BigDecimal weight,
			Map<Long, String> partners, List<TargetDraft> targets) {
	}

	@Transactional
	public Measure create(long mechanismId, Draft d) {
		Mechanism mechanism = mechanisms.require(mechanismId);
		if (!access.canManage(mechanism)) {
			throw MeasureAccess.forbidden();
		}
		repository.lockMechanism(mechanismId);
		Valid v = check(mechanism, d, null);
		long id = repository.insertMeasure(mechanismId, v.code(), v.title(), v.description(), v.category(), d.leadUnitId(),
				null, v.clause(), d.kind(), d.startDate(), d.dueDate(), d.reportCycle(), v.weight(), d.parentId(),
				d.citedMeasureId(), user.username());
		v.partners().forEach((unit, part) -> repository.insertPartner(id, unit, part));
		for (TargetDraft t : v.targets()) {
			repository.insertTarget(id, t.periodLabel().strip(), t.periodEnd(), blankToNull(t.description()),
					t.indicator().strip(), t.baseline(), t.targetValue(), blankToNull(t.unit()));
		}
		audit.action("MEASURE_CREATE").target("measure", id).region(mechanism.regionCode()).after(summary(d, v)).record();
		return repository.measure(id).orElseThrow();
	}

	/**
	 * Changes an open measure (a region manager, or the mechanism's lead or coordinating unit): every
	 * field of the draft, its partners, and its staged targets matched by period label (a matched
	 * target keeps its actual; targets no longer named are removed). Audited with before and after.
	 */
	@Transactional
	public Measure update(long id, Draft d) {
		Measure before = require(id);
		Mechanism mechanism = repository.mechanism(before.mechanismId()).orElseThrow();
		if (!access.canManage(mechanism)) {
			throw MeasureAccess.forbidden();
		}
		repository.lockMeasure(id);
		requireOpen(repository.measure(id).orElseThrow());
		Valid v = check(mechanism, d, before);
		Map<Long, List<Partner>> oldPartners = repository.partners(List.of(id));
		List<Target> oldTargets = repository.targets(List.of(id)).getOrDefault(id, List.of());
		Draft was = new Draft(before.code(), before.title(), before.description(), before.category(), before.leadUnitId(),
				oldPartners.getOrDefault(id, List.of()).stream().map(p -> new PartnerDraft(p.unitId(), p.part())).toList(),
				before.clause(), before.kind(), before.startDate(), before.dueDate(), before.cycle(),
				BigDecimal.valueOf(before.weight()), before.parentId(), before.citedId(), oldTargets.stream()
					.map(t -> new TargetDraft(t.periodLabel(), t.periodEnd(), t.description(), t.indicator(), t.baseline(),
							t.targetValue(), t.unit())).toList());
		repository.updateMeasure(id, v.title(), v.description(), v.category(), d.leadUnitId(), v.clause(), d.kind(),
				d.startDate(), d.dueDate(), d.reportCycle(), v.weight());
		repository.setParent(id, d.parentId());
		repository.setCited(id, d.citedMeasureId());
		repository.replacePartners(id, v.partners());
		Map<String, Target> byLabel = new LinkedHashMap<>();
		oldTargets.forEach(t -> byLabel.put(t.periodLabel(), t));
		for (TargetDraft t : v.targets()) {
			Target old = byLabel.remove(t.periodLabel().strip());
			if (old != null) {
				repository.updateTarget(old.id(), t.periodLabel().strip(), t.periodEnd(), blankToNull(t.description()),
						t.indicator().strip(), t.baseline(), t.targetValue(), blankToNull(t.unit()));
			}
			else {
				repository.insertTarget(id, t.periodLabel().strip(), t.periodEnd(), blankToNull(t.description()),
						t.indicator().strip(), t.baseline(), t.targetValue(), blankToNull(t.unit()));
			}
		}
		byLabel.values().forEach(t -> repository.deleteTarget(t.id()));
		audit.action("MEASURE_UPDATE").target("measure", id).region(mechanism.regionCode())
			.before(summary(was, new Valid(before.code(), before.title(), null, null, null, null,
					new LinkedHashMap<>(), was.targets())))
			.after(summary(d, v)).record();
		return repository.measure(id).orElseThrow();
	}

	private static Map<String, Object> summary(Draft d, Valid v) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("code", v.code());
		m.put("title", v.title());
		m.put("kind", d.kind() == null ? null : d.kind().name());
		m.put("leadUnit", d.leadUnitId());
		m.put("partners", d.partners() == null ? List.of()
				: d.partners().stream().filter(p -> p != null).map(PartnerDraft::unitId).toList());
		m.put("startDate", String.valueOf(d.startDate()));
		m.put("dueDate", String.valueOf(d.dueDate()));
		m.put("reportCycle", d.reportCycle() == null ? null : d.reportCycle().name());
		m.put("weight", String.valueOf(d.weight()));
		m.put("parent", d.parentId());
		m.put("cited", d.citedMeasureId());
		m.put("targets", v.targets() == null ? 0 : v.targets().size());
		return m;
	}

	/** Checks a draft against the mechanism; {@code existing} is the measure being changed, or null for a new one. */
	private Valid check(Mechanism mechanism, Draft d, Measure existing) {
		long mechanismId = mechanism.id();
		Set<Long> members = new HashSet<>();
		repository.members(mechanismId).stream().map(Member::unitId).forEach(members::add);
		Checks c = new Checks();
		String code = existing != null ? existing.code() : c.text("code", d.code(), 40, true);
		if (existing == null && code != null && repository.measureByCode(mechanismId, code).isPresent()) {
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
			else if (existing != null && descendsFrom(parent, existing.id())) {
				c.add("parentId", "must not be the measure itself or one of its sub-measures");
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
		Set<String> labels = new HashSet<>();
		for (int i = 0; i < targets.size(); i++) {
			TargetDraft t = targets.get(i);
			String field = "targets[" + i + "]";
			if (t == null) {
				c.add(field, "is required");
				continue;
			}
			String label = c.text(field + ".periodLabel", t.periodLabel(), 60, true);
			if (label != null && !labels.add(label)) {
				c.add(field + ".periodLabel", "is used twice");
			}
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
		return new Valid(code, title, description, category, clause, weight, partners, targets);
	}

	/** Whether the measure is {@code id} or lies below it. */
	private boolean descendsFrom(Measure m, long id) {
		Set<Long> seen = new HashSet<>();
		for (Measure at = m; at != null && seen.add(at.id()); at = at.parentId() == null ? null
				: repository.measure(at.parentId()).orElse(null)) {
			if (at.id() == id) {
				return true;
			}
		}
		return false;
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
