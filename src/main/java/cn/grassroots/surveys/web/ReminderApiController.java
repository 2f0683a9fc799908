package cn.grassroots.surveys.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.grassroots.org.RegionLevel;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.surveys.internal.ReminderService;
import cn.grassroots.surveys.internal.ReminderSheet;
import cn.grassroots.surveys.internal.RespondentRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Reminders to non-respondents over JSON: the outstanding links' counts, reminder rounds of a
 * distribution (make one, list them) and a round's workbook. SURVEY_DESIGN, within its scope.
 */
@RestController
@RequestMapping("/api/v1/surveys/{id}")
@Tag(name = "surveys", description = "问卷 — questionnaires (XLSForm), answers, analysis")
class ReminderApiController {

	record ReminderRequest(String region, String role) {
	}

	record RoundBody(long id, long distributionId, String region, String role, int linkCount, String createdBy,
			Instant createdAt, long links, long answeredSince, double rateSince, String sheetUrl) {
	}

	record FigureBody(String key, long outstanding, long reminded, long notReminded, Instant lastReminded) {
	}

	record OutstandingBody(long outstanding, long reminded, long notReminded, Instant lastReminded, String level,
			List<FigureBody> byRegion, List<FigureBody> byRole, List<FigureBody> byDistribution) {
	}

	private final ReminderService reminders;
	private final MessageSource messages;

	ReminderApiController(ReminderService reminders, MessageSource messages) {
		this.reminders = reminders;
		this.messages = messages;
	}

	private static RoundBody body(long id, ReminderService.Round r) {
		return new RoundBody(r.id(), r.distributionId(), r.regionCode() == null ? null : Long.toString(r.regionCode()), r.role(),
				r.linkCount(), r.createdBy(), r.createdAt(), r.links(), r.answeredSince(),
				r.links() == 0 ? 0 : (double) r.answeredSince() / r.links(),
				"/api/v1/surveys/" + id + "/distributions/" + r.distributionId() + "/reminders/" + r.id() + "/sheet");
	}

	@PostMapping("/distributions/{distributionId}/reminders")
	@Operation(summary = "Makes a reminder round (催办) over the distribution's links not answered yet, in the caller's "
			+ "SURVEY_DESIGN scope, optionally within a region and of a role: each link's reminder count goes up by one. "
			+ "201 with the round; ?format=xlsx answers with the round's workbook (links, names and masked phones) instead")
	ResponseEntity<?> remind(@PathVariable long id, @PathVariable long distributionId,
			@RequestBody(required = false) ReminderRequest in, @RequestParam(required = false) String format,
			HttpServletRequest request) {
		if (format != null && !format.equals("xlsx") && !format.equals("json")) {
			throw InvalidInputException.of("format", "surveysE.reminder.format");
		}
		ReminderService.Round round = reminders.remind(id, distributionId, in == null ? null : in.region(),
				in == null ? null : in.role());
		if ("xlsx".equals(format)) {
			return sheet(reminders.sheet(id, distributionId, round.id()), request, messages, HttpStatus.CREATED);
		}
		RoundBody body = body(id, round);
		return ResponseEntity.created(URI.create(body.sheetUrl())).body(body);
	}

	@GetMapping("/distributions/{distributionId}/reminders")
	@Operation(summary = "The distribution's reminder rounds that took in links in the caller's scope, newest first: "
			+ "links reminded there and how many of them were answered since")
	List<RoundBody> rounds(@PathVariable long id, @PathVariable long distributionId) {
		return reminders.rounds(id, distributionId).stream().map(r -> body(id, r)).toList();
	}

	@GetMapping("/distributions/{distributionId}/reminders/{reminderId}/sheet")
	@Operation(summary = "A round's workbook: its links in the caller's scope still not answered (audited)")
	ResponseEntity<byte[]> sheet(@PathVariable long id, @PathVariable long distributionId, @PathVariable long reminderId,
			HttpServletRequest request) {
		return sheet(reminders.sheet(id, distributionId, reminderId), request, messages, HttpStatus.OK);
	}

	@GetMapping("/outstanding")
	@Operation(summary = "Links not answered yet in the caller's SURVEY_DESIGN scope, reminded and not, by region at a "
			+ "level (within ?region=), by role and by distribution; optionally one distribution or role")
	OutstandingBody outstanding(@PathVariable long id, @RequestParam(required = false) Long distribution,
			@RequestParam(required = false) RegionLevel level, @RequestParam(required = false) String region,
			@RequestParam(required = false) String role) {
		ReminderService.Outstanding o = reminders.outstanding(id, distribution, level, region, role, false);
		return new OutstandingBody(o.total().outstanding(), o.total().reminded(), o.total().notReminded(),
				o.total().lastReminded(), o.level().name(), o.byRegion().stream().map(ReminderApiController::figure).toList(),
				o.byRole().stream().map(ReminderApiController::figure).toList(),
				o.byDistribution().stream().map(ReminderApiController::figure).toList());
	}

	private static FigureBody figure(ReminderService.OutstandingFigure f) {
		return new FigureBody(f.key(), f.outstanding(), f.reminded(), f.notReminded(), f.lastReminded());
	}

	static ResponseEntity<byte[]> sheet(ReminderService.Sheet sheet, HttpServletRequest request, MessageSource messages,
			HttpStatus status) {
		Locale locale = LocaleContextHolder.getLocale();
		List<String> headers = List.of("number", "role", "region", "person", "phone", "link", "qr", "reminders",
				"lastReminded", "started").stream()
			.map(k -> messages.getMessage("surveysE.sheet." + k, null, k, locale))
			.toList();
		byte[] file = ReminderSheet.write(sheet.lines(), DistributionApiController.answerBase(request), headers,
				(RespondentRole r) -> messages.getMessage(r.messageKey(), null, r.name(), locale),
				messages.getMessage("surveysE.sheet.noLink", null, locale), messages.getMessage("surveysE.sheet.yes", null, locale),
				messages.getMessage("surveysE.sheet.no", null, locale), DistributionPageController.ZONE);
		String filename = "reminders-" + sheet.round().distributionId() + "-" + sheet.round().id() + ".xlsx";
		return ResponseEntity.status(status)
			.contentType(MediaType.parseMediaType(SurveyApiController.XLSX))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(file);
	}
}
