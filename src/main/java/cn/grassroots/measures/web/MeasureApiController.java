package cn.grassroots.measures.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.core.io.InputStreamResource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.grassroots.measures.internal.MeasureKind;
import cn.grassroots.measures.internal.MeasureRepository;
import cn.grassroots.measures.internal.MeasureService;
import cn.grassroots.measures.internal.MeasureService.MeasureDetail;
import cn.grassroots.measures.internal.MeasureStatus;
import cn.grassroots.measures.internal.NoticeColour;
import cn.grassroots.measures.internal.NoticeRepository;
import cn.grassroots.measures.internal.NoticeService;
import cn.grassroots.measures.internal.ReportCycle;
import cn.grassroots.measures.internal.ReportService;
import cn.grassroots.measures.internal.ReportService.Decision;
import cn.grassroots.measures.web.MechanismApiController.MeasureBody;
import cn.grassroots.measures.web.MechanismApiController.PartnerBody;
import cn.grassroots.platform.Ref;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** One measure with its targets, sub-measures and reports; progress reports, review and close-out. */
@RestController
@RequestMapping("/api/v1/measures")
@Tag(name = "measures", description = "措施 — measures, progress reports, review, close-out (销号)")
class MeasureApiController {

	record MeasureRef(long id, String code, String title) {
	}

	record TargetBody(long id, String periodLabel, LocalDate periodEnd, String description, String indicator,
			BigDecimal baseline, BigDecimal targetValue, String unit, BigDecimal actual) {
	}

	record EvidenceBody(String fileId, String name, long size, String sha256) {
	}

	record ReportBody(long id, Long unitId, boolean responsible, String cycle, LocalDate cycleEnd, BigDecimal progress,
			BigDecimal indicatorValue, boolean clearlyEffective, String done, String problems, String nextSteps,
			boolean needsCoordination, String coordinationRequest, String submittedBy, Instant submittedAt,
			String decision, String reviewComment, String reviewedBy, Instant reviewedAt, List<EvidenceBody> evidence) {

		static ReportBody of(MeasureRepository.Report r, List<MeasureRepository.Evidence> evidence) {
			return new ReportBody(r.id(), r.unitId(), r.responsible(), r.cycleLabel(), r.cycleEnd(),
					MechanismApiController.progress(r.progress()), r.indicatorValue(), r.clearlyEffective(), r.done(),
					r.problems(), r.nextSteps(), r.needsCoordination(), r.coordinationRequest(), r.submittedBy(),
					r.submittedAt(), r.decision(), r.reviewComment(), r.reviewedBy(), r.reviewedAt(),
					evidence == null ? List.of()
							: evidence.stream().map(e -> new EvidenceBody(e.fileId(), e.name(), e.size(), e.sha256())).toList());
		}
	}

	record MeasureDetailBody(long id, long mechanismId, String code, String title, String description, String category,
			String clause, MeasureKind kind, MeasureStatus status, MeasureStatus computedStatus, String overrideReason,
			BigDecimal progress, LocalDate startDate, LocalDate dueDate, ReportCycle reportCycle, BigDecimal weight,
			Ref leadUnit, List<PartnerBody> partnerUnits, Long parentId, MeasureRef citedMeasure, Instant closedAt,
			String closedBy, List<TargetBody> targets, List<MeasureBody> subMeasures, List<ReportBody> reports) {

		static MeasureDetailBody of(MeasureDetail d) {
			var v = d.view();
			var m = v.measure();
			MeasureBody b = MeasureBody.of(v);
			return new MeasureDetailBody(m.id(), m.mechanismId(), m.code(), m.title(), m.description(), m.category(),
					m.clause(), m.kind(), v.evaluation().status(), v.evaluation().computed(), m.overrideReason(),
					b.progress(), m.startDate(), m.dueDate(), m.cycle(), BigDecimal.valueOf(m.weight()), b.leadUnit(),
					b.partnerUnits(), m.parentId(),
					d.cited() == null ? null : new MeasureRef(d.cited().id(), d.cited().code(), d.cited().title()), m.closedAt(),
					m.closedBy(),
					d.targets().stream().map(t -> new TargetBody(t.id(), t.periodLabel(), t.periodEnd(), t.description(),
							t.indicator(), t.baseline(), t.targetValue(), t.unit(), t.actual())).toList(),
					d.children().stream().map(MeasureBody::of).toList(),
					d.reports().stream().map(r -> ReportBody.of(r, d.evidence().get(r.id()))).toList());
		}
	}

	record ReportReviewRequest(Decision decision, String comment) {
	}

	record NoticeRequest(NoticeColour colour, String reason) {
	}

	record ResponseRequest(String response) {
	}

	record NoticeBody(long id, long measureId, NoticeColour colour, Long unitId, String reason, LocalDate issuedOn,
			String issuedBy, LocalDate responseDue, String response, String respondedBy, Instant respondedAt,
			LocalDate closedOn) {

		static NoticeBody of(NoticeRepository.Notice n) {
			return new NoticeBody(n.id(), n.measureId(), n.colour(), n.unitId(), n.reason(), n.issuedOn(), n.issuedBy(),
					n.responseDue(), n.response(), n.respondedBy(), n.respondedAt(), n.closedOn());
		}
	}

	record OverrideRequest(MeasureStatus status, String reason) {
	}

	private final MeasureService measures;
	private final ReportService reports;
	private final EvidenceDownloads downloads;
	private final NoticeService notices;
	private final CurrentUser user;

	MeasureApiController(MeasureService measures, ReportService reports, EvidenceDownloads downloads, NoticeService notices,
			CurrentUser user) {
		this.notices = notices;
		this.user = user;
		this.measures = measures;
		this.reports = reports;
		this.downloads = downloads;
	}

	@PostMapping(path = "/{id}/reports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "File a progress report (the lead or a partner unit, or the owning community): once per unit and cycle; evidence files are stored with their SHA-256")
	ReportBody file(@PathVariable long id, @RequestParam(required = false) String cycle,
			@RequestParam(required = false) BigDecimal progress, @RequestParam(required = false) BigDecimal indicatorValue,
			@RequestParam(required = false) Boolean clearlyEffective, @RequestParam(required = false) String done,
			@RequestParam(required = false) String problems, @RequestParam(required = false) String nextSteps,
			@RequestParam(required = false) Boolean needsCoordination,
			@RequestParam(required = false) String coordinationRequest,
			@RequestPart(name = "evidence", required = false) List<MultipartFile> evidence) {
		var draft = new ReportService.ReportDraft(cycle, progress, indicatorValue, clearlyEffective, done, problems, nextSteps,
				needsCoordination, coordinationRequest);
		var r = reports.file(id, draft, evidence == null ? List.of() : evidence.stream().map(Uploads::of).toList());
		return ReportBody.of(r, measures.evidence(r.id()));
	}

	@PostMapping("/reports/{id}/review")
	@Operation(summary = "Accept or return a report (the mechanism's coordinating or lead unit); a return needs a comment")
	ReportBody review(@PathVariable long id, @RequestBody ReportReviewRequest body) {
		var r = reports.review(id, body.decision(), body.comment());
		return ReportBody.of(r, measures.evidence(r.id()));
	}

	@GetMapping("/reports/{id}/evidence/{fileId}")
	@Operation(summary = "Download an evidence file of a report the caller may read")
	ResponseEntity<InputStreamResource> evidence(@PathVariable long id, @PathVariable String fileId) {
		return downloads.download(id, fileId);
	}

	@PostMapping("/{id}/close-out")
	@Operation(summary = "销号: only the coordinating unit; 409 naming the unmet condition")
	MeasureDetailBody closeOut(@PathVariable long id) {
		reports.closeOut(id);
		return MeasureDetailBody.of(measures.get(id));
	}

	@PostMapping("/{id}/status-override")
	@Operation(summary = "Set (or with no status, clear) a manual status with a reason; audited")
	MeasureDetailBody override(@PathVariable long id, @RequestBody OverrideRequest body) {
		reports.override(id, body.status(), body.reason());
		return MeasureDetailBody.of(measures.get(id));
	}

	@GetMapping("/{id}")
	MeasureDetailBody get(@PathVariable long id) {
		return MeasureDetailBody.of(measures.get(id));
	}

	@org.springframework.web.bind.annotation.PutMapping("/{id}")
	@Operation(summary = "Change an open measure: every field, partners, staged targets matched by period label (a region manager, or the mechanism's lead or coordinating unit); its code stays")
	MeasureDetailBody update(@PathVariable long id, @RequestBody MechanismApiController.MeasureRequest body) {
		measures.update(id, body.draft());
		return MeasureDetailBody.of(measures.get(id));
	}

	@GetMapping("/{id}/notices")
	@Operation(summary = "The measure's supervision notices (督办单), newest first")
	List<NoticeBody> notices(@PathVariable long id) {
		return notices.ofMeasure(id).stream().map(NoticeBody::of).toList();
	}

	@PostMapping("/{id}/notices")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Issue a notice by hand (the coordinating unit or a region manager); 409 while one of the colour is open")
	NoticeBody issue(@PathVariable long id, @RequestBody NoticeRequest body) {
		return NoticeBody.of(notices.issue(id, body.colour(), body.reason()));
	}

	@PostMapping("/notices/{id}/response")
	@Operation(summary = "The addressed unit's response to a notice (once)")
	NoticeBody respond(@PathVariable long id, @RequestBody ResponseRequest body) {
		return NoticeBody.of(notices.respond(id, body.response()));
	}

	@PostMapping("/daily-run")
	@Operation(summary = "Run the daily status-and-notice job now (system administrators); a second run the same day changes nothing")
	NoticeService.RunResult dailyRun() {
		if (!user.scope(Permission.SYSTEM_SETTINGS).all()) {
			throw new cn.grassroots.platform.ForbiddenException("only a system administrator runs the daily job by hand");
		}
		return notices.runDaily();
	}
}
