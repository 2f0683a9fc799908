package cn.grassroots.measures.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.grassroots.measures.internal.MeetingService;
import cn.grassroots.platform.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Plenary meetings (全体会议) of a mechanism, the coordination requests waiting for one, and the
 * decisions carried back to the measures.
 */
@RestController
@Tag(name = "meetings", description = "全体会议 — plenary meetings, coordination requests and their decisions")
class MeetingApiController {

	record MeetingBody(long id, long mechanismId, String title, LocalDate heldOn, String minutes, String minutesBy,
			Instant minutesAt, int agendaItems, int decided) {

		static MeetingBody of(MeetingService.Meeting g) {
			return new MeetingBody(g.id(), g.mechanismId(), g.title(), g.heldOn(), g.minutes(), g.minutesBy(),
					g.minutesAt(), g.items(), g.decided());
		}
	}

	record CoordinationRequestBody(long reportId, long measureId, String code, String title, Long unitId, String cycle,
			String request, String submittedBy, Instant submittedAt) {

		static CoordinationRequestBody of(MeetingService.Request r) {
			return new CoordinationRequestBody(r.reportId(), r.measureId(), r.code(), r.title(), r.unitId(), r.cycle(),
					r.request(), r.submittedBy(), r.submittedAt());
		}
	}

	record AgendaItemBody(long id, CoordinationRequestBody request, String decision, String decidedBy,
			Instant decidedAt) {
	}

	record MeetingDetailBody(MeetingBody meeting, List<AgendaItemBody> agenda) {

		static MeetingDetailBody of(MeetingService.MeetingDetail d) {
			return new MeetingDetailBody(MeetingBody.of(d.meeting()), d.agenda().stream()
				.map(i -> new AgendaItemBody(i.id(), CoordinationRequestBody.of(i.request()), i.decision(), i.decidedBy(),
						i.decidedAt()))
				.toList());
		}
	}

	record MeetingRequest(String title, LocalDate heldOn) {
	}

	record MeetingDecisionRequest(Long itemId, String decision) {
	}

	record MinutesRequest(String minutes, List<MeetingDecisionRequest> decisions) {
	}

	record MeasureDecisionBody(long agendaItemId, long meetingId, String meetingTitle, LocalDate heldOn, long reportId,
			String request, String decision, String decidedBy, Instant decidedAt) {
	}

	private final MeetingService meetings;

	MeetingApiController(MeetingService meetings) {
		this.meetings = meetings;
	}

	@GetMapping("/api/v1/mechanisms/{id}/meetings")
	@Operation(summary = "The mechanism's plenary meetings, latest first (whoever reaches the whole mechanism)")
	List<MeetingBody> list(@PathVariable long id) {
		return meetings.list(id).stream().map(MeetingBody::of).toList();
	}

	@GetMapping("/api/v1/mechanisms/{id}/coordination-requests")
	@Operation(summary = "Coordination requests waiting for the next meeting: reports flagged as needing coordination, not yet on an agenda")
	List<CoordinationRequestBody> waiting(@PathVariable long id) {
		return meetings.waiting(id).stream().map(CoordinationRequestBody::of).toList();
	}

	@PostMapping("/api/v1/mechanisms/{id}/meetings")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Set up the next plenary meeting; every waiting coordination request goes onto its agenda (lead or coordinating unit, or a region manager)")
	MeetingDetailBody create(@PathVariable long id, @RequestBody(required = false) MeetingRequest body) {
		var g = meetings.create(id, body == null ? null : new MeetingService.MeetingDraft(body.title(), body.heldOn()));
		return MeetingDetailBody.of(meetings.get(g.id()));
	}

	@GetMapping("/api/v1/meetings/{id}")
	@Operation(summary = "A meeting with its agenda and decisions")
	MeetingDetailBody get(@PathVariable long id) {
		return MeetingDetailBody.of(meetings.get(id));
	}

	@PostMapping("/api/v1/meetings/{id}/minutes")
	@Operation(summary = "Record the minutes (once) and a decision per agenda item; each decision is carried back to its measure")
	MeetingDetailBody minutes(@PathVariable long id, @RequestBody(required = false) MinutesRequest body) {
		Map<Long, String> decisions = new LinkedHashMap<>();
		if (body != null && body.decisions() != null) {
			for (int i = 0; i < body.decisions().size(); i++) {
				MeetingDecisionRequest d = body.decisions().get(i);
				if (d == null || d.itemId() == null) {
					throw InvalidInputException.of("decisions[" + i + "].itemId", "is required");
				}
				decisions.put(d.itemId(), d.decision());
			}
		}
		return MeetingDetailBody.of(meetings.minutes(id,
				new MeetingService.MinutesDraft(body == null ? null : body.minutes(), decisions)));
	}

	@GetMapping("/api/v1/measures/{id}/decisions")
	@Operation(summary = "The decisions meetings took on the measure's coordination requests")
	List<MeasureDecisionBody> decisions(@PathVariable long id) {
		return meetings.decisions(id).stream()
			.map(d -> new MeasureDecisionBody(d.itemId(), d.meetingId(), d.meetingTitle(), d.heldOn(), d.reportId(),
					d.request(), d.decision(), d.decidedBy(), d.decidedAt()))
			.toList();
	}
}
