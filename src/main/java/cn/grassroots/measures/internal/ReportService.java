package cn.grassroots.measures.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.measures.internal.MeasureRepository.Measure;
import cn.grassroots.measures.internal.MeasureRepository.Mechanism;
import cn.grassroots.measures.internal.MeasureRepository.Report;
import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.files.FilePurpose;
import cn.grassroots.platform.files.FileStore;
import cn.grassroots.platform.files.StoredFile;
import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.CurrentUser;

/**
 * 进展报告, review and 销号: a responsible unit reports once per measure and cycle (a returned report
 * may be filed again); the lead or coordinating unit accepts or returns it; only the coordinating
 * unit closes a measure out, and only when its result is verified. Reports and reviews are
 * append-only.
 */
@Service
public class ReportService {

	/** An evidence file as it arrives. */
	public interface Upload {
		String name();

		String contentType();

		long size();

		InputStream open() throws IOException;
	}

	public record ReportDraft(String cycle, BigDecimal progress, BigDecimal indicatorValue, Boolean clearlyEffective,
			String done, String problems, String nextSteps, Boolean needsCoordination, String coordinationRequest) {
	}

	public enum Decision {
		ACCEPT, RETURN
	}

	static final int MAX_EVIDENCE = 10;

	private final MeasureRepository repository;
	private final MeasureService measures;
	private final MeasureAccess access;
	private final MeasuresClock clock;
	private final FileStore files;
	private final CurrentUser user;
	private final AuditLog audit;

	ReportService(MeasureRepository repository, MeasureService measures, MeasureAccess access, MeasuresClock clock,
			FileStore files, CurrentUser user, AuditLog audit) {
		this.repository = repository;
		this.measures = measures;
		this.access = access;
		this.clock = clock;
		this.files = files;
		this.user = user;
		this.audit = audit;
	}

	@Transactional
	public Report file(long measureId, ReportDraft d, List<? extends Upload> evidence) {
		Measure m = measures.require(measureId);
		repository.lockMeasure(measureId);
		m = repository.measure(measureId).orElseThrow();
		Mechanism mechanism = repository.mechanism(m.mechanismId()).orElseThrow();
		// who reports: the lead unit, else a partner unit, else the owning community's officers
		AccessScope scope = access.report();
		Set<Long> partners = measures.partnerUnits(measureId);
		Long unitId;
		boolean responsible;
		if (m.leadUnitId() != null && scope.unitIds().contains(m.leadUnitId())) {
			unitId = m.leadUnitId();
			responsible = true;
		}
		else if (partners.stream().anyMatch(scope.unitIds()::contains)) {
			unitId = partners.stream().filter(scope.unitIds()::contains).sorted().findFirst().orElseThrow();
			responsible = false;
		}
		else if (m.ownerRegionCode() != null && scope.reachesRegion(m.ownerRegionCode())) {
			unitId = null;
			responsible = true;
		}
		else {
			throw MeasureAccess.forbidden();
		}
		MeasureService.requireOpen(m);
		Checks c = new Checks();
		LocalDate today = clock.today();
		LocalDate cycleEnd;
		if (d.cycle() == null || d.cycle().isBlank()) {
			cycleEnd = m.cycle().endOf(today);
		}
		else {
			cycleEnd = m.cycle().parse(d.cycle()).orElse(null);
			if (cycleEnd == null) {
				c.add("cycle", m.cycle() == ReportCycle.MONTHLY ? "must be a month like 2026-03" : "must be a quarter like 2026-Q1");
			}
			else if (m.cycle().startOf(cycleEnd).isAfter(today)) {
				c.add("cycle", "must not be in the future");
			}
			else if (cycleEnd.isBefore(m.startDate()) || m.cycle().startOf(cycleEnd).isAfter(m.dueDate())) {
				c.add("cycle", "must fall within the measure's dates");
			}
		}
		BigDecimal progress = c.required("progress", d.progress());
		if (progress != null && (progress.signum() < 0 || progress.compareTo(BigDecimal.ONE) > 0 || progress.scale() > 4)) {
			c.add("progress", "must be between 0 and 1 with at most 4 decimals");
		}
		BigDecimal indicator = d.indicatorValue();
		if (indicator != null) {
			if (repository.targets(List.of(measureId)).isEmpty()) {
				c.add("indicatorValue", "the measure has no indicator");
			}
			else if (indicator.abs().compareTo(new BigDecimal("1e13")) >= 0 || indicator.scale() > 4) {
				c.add("indicatorValue", "must be below 10^13 with at most 4 decimals");
			}
		}
		boolean effective = Boolean.TRUE.equals(d.clearlyEffective());
		if (effective && m.kind() != MeasureKind.ANNUAL) {
			c.add("clearlyEffective", "only an annual measure is marked clearly effective");
		}
		String done = c.text("done", d.done(), 4000, true);
		String problems = c.text("problems", d.problems(), 4000, false);
		String next = c.text("nextSteps", d.nextSteps(), 4000, false);
		boolean needs = Boolean.TRUE.equals(d.needsCoordination());
		String request = c.text("coordinationRequest", d.coordinationRequest(), 2000, needs);
		List<? extends Upload> uploads = evidence == null ? List.of() : evidence.stream().filter(u -> u != null && u.size() > 0).toList();
		if (uploads.size() > MAX_EVIDENCE) {
			c.add("evidence", "at most " + MAX_EVIDENCE + " files");
		}
		c.throwIfAny();
		if (repository.hasLiveReport(measureId, unitId, cycleEnd)) {
			throw new ConflictException("a report for cycle " + m.cycle().label(cycleEnd)
					+ " is already filed for this unit; only a returned report may be filed again");
		}
		long id = repository.insertReport(measureId, unitId, responsible, m.cycle().label(cycleEnd), cycleEnd, progress,
				indicator, effective, done, problems, next, needs, needs ? request : null, user.username(), clock.now());
		List<String> stored = new ArrayList<>();
		for (Upload u : uploads) {
			StoredFile f;
			try (InputStream in = u.open()) {
				f = files.store(in, u.name(), u.contentType(), user.username(), FilePurpose.EVIDENCE, null);
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			repository.insertEvidence(id, f.id(), f.name(), f.size(), f.sha256());
			stored.add(f.name() + " sha256:" + f.sha256());
		}
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("measure", measureId);
		after.put("cycle", m.cycle().label(cycleEnd));
		after.put("unit", unitId);
		after.put("progress", progress);
		after.put("needsCoordination", needs);
		after.put("evidence", stored);
		audit.action("MEASURE_REPORT_SUBMIT").target("measure-report", id).region(mechanism.regionCode()).after(after).record();
		return repository.report(id).orElseThrow();
	}

	@Transactional
	public Report review(long reportId, Decision decision, String comment) {
		Report r = repository.report(reportId).orElseThrow(() -> new NotFoundException("no report " + reportId));
		Measure m = measures.require(r.measureId());
		Mechanism mechanism = repository.mechanism(m.mechanismId()).orElseThrow();
		if (!access.canReview(mechanism)) {
			throw MeasureAccess.forbidden();
		}
		Checks c = new Checks();
		c.required("decision", decision);
		String text = c.text("comment", comment, 2000, decision == Decision.RETURN);
		c.throwIfAny();
		repository.lockMeasure(m.id());
		if (r.decision() != null || !repository.insertReview(reportId, decision.name(), text, user.username(), clock.now())) {
			throw new ConflictException("the report has already been reviewed");
		}
		Report reviewed = repository.report(reportId).orElseThrow();
		if (decision == Decision.ACCEPT) {
			repository.acceptInto(reviewed);
		}
		audit.action("MEASURE_REPORT_REVIEW").target("measure-report", reportId).region(mechanism.regionCode())
			.before(Map.of("decision", "NONE"))
			.after(text == null ? Map.of("decision", decision.name(), "measure", m.id())
					: Map.of("decision", decision.name(), "measure", m.id(), "comment", text))
			.record();
		return reviewed;
	}

	/**
	 * 销号: the coordinating unit closes the measure when its latest accepted report is at progress 1
	 * (or, for an annual measure, marked clearly effective) with evidence, and every sub-measure is
	 * closed; otherwise 409 naming the unmet condition.
	 */
	@Transactional
	public Measure closeOut(long measureId) {
		Measure m = measures.require(measureId);
		Mechanism mechanism = repository.mechanism(m.mechanismId()).orElseThrow();
		if (!access.canCloseOut(mechanism)) {
			throw MeasureAccess.forbidden();
		}
		repository.lockMeasure(measureId);
		m = repository.measure(measureId).orElseThrow();
		if (m.closed()) {
			throw new ConflictException("the measure is already closed out");
		}
		if (m.acceptedReportId() == null) {
			throw new ConflictException("unmet: no accepted progress report");
		}
		boolean verified = m.acceptedProgress() != null && m.acceptedProgress() >= 1.0
				|| m.kind() == MeasureKind.ANNUAL && m.acceptedEffective();
		if (!verified) {
			throw new ConflictException(m.kind() == MeasureKind.ANNUAL
					? "unmet: the latest accepted report is neither at progress 1 nor marked clearly effective"
					: "unmet: the latest accepted report is not at progress 1");
		}
		if (repository.evidence(List.of(m.acceptedReportId())).isEmpty()) {
			throw new ConflictException("unmet: the latest accepted report carries no evidence");
		}
		List<Measure> open = repository.children(measureId).stream().filter(x -> !x.closed()).toList();
		if (!open.isEmpty()) {
			throw new ConflictException("unmet: sub-measures not closed out: "
					+ open.stream().map(Measure::code).collect(Collectors.joining(", ")));
		}
		repository.close(measureId, user.username(), clock.now());
		audit.action("MEASURE_CLOSE_OUT").target("measure", measureId).region(mechanism.regionCode())
			.before(Map.of("closed", false)).after(Map.of("closed", true, "acceptedReport", m.acceptedReportId()))
			.record();
		return repository.measure(measureId).orElseThrow();
	}

	/** A manual status (not DONE), or null to go back to the computed one; always with a reason, audited. */
	@Transactional
	public Measure override(long measureId, MeasureStatus status, String reason) {
		Measure m = measures.require(measureId);
		Mechanism mechanism = repository.mechanism(m.mechanismId()).orElseThrow();
		if (!access.canCloseOut(mechanism) && !access.manage().reachesRegion(mechanism.regionCode())) {
			throw MeasureAccess.forbidden();
		}
		Checks c = new Checks();
		if (status == MeasureStatus.DONE) {
			c.add("status", "DONE comes only from a close-out");
		}
		String why = c.text("reason", reason, 500, true);
		c.throwIfAny();
		repository.lockMeasure(measureId);
		m = repository.measure(measureId).orElseThrow();
		MeasureService.requireOpen(m);
		repository.override(measureId, status, why);
		Map<String, Object> before = new LinkedHashMap<>();
		before.put("override", m.override() == null ? "NONE" : m.override().name());
		before.put("reason", m.overrideReason() == null ? "" : m.overrideReason());
		audit.action("MEASURE_STATUS_OVERRIDE").target("measure", measureId).region(mechanism.regionCode())
			.before(before).after(Map.of("override", status == null ? "NONE" : status.name(), "reason", why))
			.record();
		return repository.measure(measureId).orElseThrow();
	}
}
