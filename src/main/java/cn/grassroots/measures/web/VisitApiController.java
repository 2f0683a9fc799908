package cn.grassroots.measures.web;

import java.time.LocalDate;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.grassroots.measures.internal.VisitService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Research visits (调查研究) of a mechanism with findings linked to the measures they concern. */
@RestController
@Tag(name = "visits", description = "调查研究 — research visits and their findings, linked to measures")
class VisitApiController {

	record VisitBody(long id, long mechanismId, String title, LocalDate visitedOn, String place, String participants,
			String summary, int findingCount) {

		static VisitBody of(VisitService.Visit v) {
			return new VisitBody(v.id(), v.mechanismId(), v.title(), v.visitedOn(), v.place(), v.participants(),
					v.summary(), v.findings());
		}
	}

	record FindingMeasureBody(long id, String code, String title) {
	}

	record VisitFindingBody(long id, String finding, String suggestion, List<FindingMeasureBody> measures) {
	}

	record VisitDetailBody(VisitBody visit, List<VisitFindingBody> findings) {

		static VisitDetailBody of(VisitService.VisitDetail d) {
			return new VisitDetailBody(VisitBody.of(d.visit()), d.findings().stream()
				.map(f -> new VisitFindingBody(f.id(), f.finding(), f.suggestion(),
						f.measures().stream().map(m -> new FindingMeasureBody(m.id(), m.code(), m.title())).toList()))
				.toList());
		}
	}

	record VisitFindingRequest(String finding, String suggestion, List<Long> measureIds) {
	}

	record VisitRequest(String title, LocalDate visitedOn, String place, String participants, String summary,
			List<VisitFindingRequest> findings) {
	}

	record MeasureFindingBody(long findingId, long visitId, String visitTitle, LocalDate visitedOn, String finding,
			String suggestion) {
	}

	private final VisitService visits;

	VisitApiController(VisitService visits) {
		this.visits = visits;
	}

	@GetMapping("/api/v1/mechanisms/{id}/visits")
	@Operation(summary = "The mechanism's research visits, latest first (whoever reaches the whole mechanism)")
	List<VisitBody> list(@PathVariable long id) {
		return visits.list(id).stream().map(VisitBody::of).toList();
	}

	@PostMapping("/api/v1/mechanisms/{id}/visits")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Record a research visit with its findings, each linked to measures of the mechanism (lead or coordinating unit, or a region manager)")
	VisitDetailBody create(@PathVariable long id, @RequestBody(required = false) VisitRequest body) {
		VisitService.VisitDraft draft = body == null ? null
				: new VisitService.VisitDraft(body.title(), body.visitedOn(), body.place(), body.participants(), body.summary(),
						body.findings() == null ? null : body.findings().stream().map(f -> f == null ? null
								: new VisitService.FindingDraft(f.finding(), f.suggestion(), f.measureIds())).toList());
		return VisitDetailBody.of(visits.get(visits.create(id, draft).id()));
	}

	@GetMapping("/api/v1/visits/{id}")
	@Operation(summary = "A research visit with its findings and the measures they concern")
	VisitDetailBody get(@PathVariable long id) {
		return VisitDetailBody.of(visits.get(id));
	}

	@GetMapping("/api/v1/measures/{id}/findings")
	@Operation(summary = "Findings of research visits linked to the measure")
	List<MeasureFindingBody> findings(@PathVariable long id) {
		return visits.findings(id).stream()
			.map(f -> new MeasureFindingBody(f.findingId(), f.visitId(), f.visitTitle(), f.visitedOn(), f.finding(),
					f.suggestion()))
			.toList();
	}
}
