package cn.grassroots.measures.web;

import java.time.Instant;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.grassroots.measures.internal.DeskService;
import cn.grassroots.measures.internal.MeasureRepository.ReportItem;
import cn.grassroots.measures.web.MeasureApiController.NoticeBody;
import cn.grassroots.measures.web.MechanismApiController.MeasureBody;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The caller's desk over JSON: what the page {@code /measures/desk} shows. */
@RestController
@Tag(name = "measures", description = "措施 — measures, progress reports, review, close-out (销号)")
class DeskApiController {

	/** A report the caller's unit (or community) owes: the measure and the cycle. */
	record DueReportBody(long measureId, String code, String title, String cycle) {
	}

	/** A report on a coordinator's desk: waiting for review, or asking for coordination. */
	record DeskReportBody(long reportId, long measureId, long mechanismId, String code, String title, String cycle,
			Instant submittedAt, boolean needsCoordination, String coordinationRequest) {

		static DeskReportBody of(ReportItem i) {
			var r = i.report();
			return new DeskReportBody(r.id(), i.measureId(), i.mechanismId(), i.code(), i.title(), r.cycleLabel(),
					r.submittedAt(), r.needsCoordination(), r.coordinationRequest());
		}
	}

	/**
	 * The desk: measures the caller's units lead (or its communities own) and partner on, open first by
	 * due date (at most 200 each), the reports owed, open notices addressed to it, and for a lead or
	 * coordinating unit the reports to review and the coordination requests.
	 */
	record DeskBody(List<MeasureBody> leads, List<MeasureBody> partners, List<DueReportBody> due, List<NoticeBody> notices,
			boolean coordinator, List<DeskReportBody> toReview, List<DeskReportBody> coordination) {
	}

	private final DeskService desks;

	DeskApiController(DeskService desks) {
		this.desks = desks;
	}

	@GetMapping("/api/v1/measures/desk")
	@Operation(summary = "The caller's desk: its units' measures, reports owed, open notices; reports to review and coordination requests for lead and coordinating units")
	DeskBody desk() {
		var d = desks.desk();
		return new DeskBody(d.leads().stream().map(MeasureBody::of).toList(),
				d.partners().stream().map(MeasureBody::of).toList(),
				d.due().stream().map(x -> new DueReportBody(x.measure().measure().id(), x.measure().measure().code(),
						x.measure().measure().title(), x.cycle())).toList(),
				d.notices().stream().map(NoticeBody::of).toList(), d.coordinator(),
				d.toReview().stream().map(DeskReportBody::of).toList(),
				d.coordination().stream().map(DeskReportBody::of).toList());
	}
}
