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
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import cn.grassroots.org.RegionLevel;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.surveys.internal.Distribution;
import cn.grassroots.surveys.internal.DistributionService;
import cn.grassroots.surveys.internal.DistributionService.GeneratedLink;
import cn.grassroots.surveys.internal.LinkSheet;
import cn.grassroots.surveys.internal.ReminderService;
import cn.grassroots.surveys.internal.RespondentRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/** Distribution over JSON: distributions with targets, per-person links, closing, and the live response rates. */
@RestController
@RequestMapping("/api/v1/surveys/{id}")
@Tag(name = "surveys", description = "问卷 — questionnaires (XLSForm), answers, analysis")
class DistributionApiController {

	record DistributionTargetBody(String role, String region, Integer count) {
	}

	record DistributionCreate(String name, String kind, Boolean anonymous, String region, Instant opensAt,
			Instant closesAt, List<DistributionTargetBody> targets) {
	}

	record DistributionTargetView(String role, String regionCode, int quota, int taken) {
	}

	record DistributionBody(long id, String name, String kind, boolean anonymous, String regionCode, Instant opensAt,
			Instant closesAt, boolean open, String openLink, List<DistributionTargetView> targets) {
	}

	record LinkRequest(String source) {
	}

	record LinkBody(String token, String url, String role, String regionCode, String regionName, String person) {
	}

	/** outstanding: per-person links not answered yet; reminded: how many of them at least one reminder round took in. */
	record RateBody(String key, long expected, long responded, double rate, long outstanding, long reminded) {
	}

	record RatesBody(long expected, long responded, double rate, long outstanding, long reminded, String level,
			List<RateBody> byRegion, List<RateBody> byRole) {
	}

	private final DistributionService distributions;
	private final MessageSource messages;
	private final ReminderService reminders;

	DistributionApiController(DistributionService distributions, MessageSource messages, ReminderService reminders) {
		this.reminders = reminders;
		this.distributions = distributions;
		this.messages = messages;
	}

	static String answerBase(HttpServletRequest request) {
		return ServletUriComponentsBuilder.fromContextPath(request).path("/a/").toUriString();
	}

	private DistributionBody body(Distribution d, HttpServletRequest request) {
		return new DistributionBody(d.id(), d.name(), d.kind().name(), d.anonymous(), Long.toString(d.regionCode()),
				d.opensAt(), d.closesAt(), d.openAt(Instant.now()),
				d.openKey() == null ? null : answerBase(request) + "o/" + d.openKey(),
				distributions.targets(d).stream()
					.map(t -> new DistributionTargetView(t.role().name(), Long.toString(t.regionCode()), t.quota(), t.taken()))
					.toList());
	}

	@PostMapping("/distributions")
	@Operation(summary = "Creates a distribution of the current version: kind TOKENS (per-person links) or OPEN (one "
			+ "link, targets' counts are quotas), targets by role and region, closing date. 201 with the open link")
	ResponseEntity<DistributionBody> create(@PathVariable long id, @RequestBody DistributionCreate in,
			HttpServletRequest request) {
		if (in == null) {
			throw InvalidInputException.of("name", "distribution.name.required");
		}
		List<DistributionService.TargetInput> targets = in.targets() == null ? null
				: in.targets().stream()
					.map(t -> t == null ? null : new DistributionService.TargetInput(t.role(), t.region(), t.count()))
					.toList();
		Distribution d = distributions.create(id, new DistributionService.NewDistribution(in.name(), in.kind(),
				in.anonymous(), in.region(), in.opensAt(), in.closesAt(), targets));
		return ResponseEntity.created(URI.create("/api/v1/surveys/" + id + "/distributions/" + d.id())).body(body(d, request));
	}

	@GetMapping("/distributions")
	@Operation(summary = "The questionnaire's distributions whose region overlaps the caller's scope")
	List<DistributionBody> list(@PathVariable long id, HttpServletRequest request) {
		return distributions.list(id).stream().map(d -> body(d, request)).toList();
	}

	@GetMapping("/distributions/{distributionId}")
	@Operation(summary = "One distribution with its targets (taken: answers counted against each)")
	DistributionBody get(@PathVariable long id, @PathVariable long distributionId, HttpServletRequest request) {
		return body(distributions.get(id, distributionId), request);
	}

	@PostMapping("/distributions/{distributionId}/close")
	@Operation(summary = "Stops taking answers now")
	ResponseEntity<Void> close(@PathVariable long id, @PathVariable long distributionId) {
		distributions.close(id, distributionId);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/distributions/{distributionId}/links")
	@Operation(summary = "Makes per-person links: source ROSTER (one for every holder of the roles' posts in the targets' "
			+ "regions who has none yet, named) or COUNT (up to each target's count). The tokens are shown only in this "
			+ "answer (stored hashed): JSON, or ?format=xlsx for the list with links and QR codes")
	ResponseEntity<?> links(@PathVariable long id, @PathVariable long distributionId,
			@RequestBody(required = false) LinkRequest in, @RequestParam(required = false) String format,
			HttpServletRequest request) {
		String source = in == null || in.source() == null ? "COUNT" : in.source().strip().toUpperCase(Locale.ROOT);
		if (!source.equals("ROSTER") && !source.equals("COUNT")) {
			throw InvalidInputException.of("source", "distribution.links.source");
		}
		if (format != null && !format.equals("xlsx") && !format.equals("json")) {
			throw InvalidInputException.of("format", "distribution.links.format");
		}
		List<GeneratedLink> links = distributions.generate(id, distributionId, source.equals("ROSTER"));
		String base = answerBase(request);
		if ("xlsx".equals(format)) {
			return xlsx(links, base, "links-" + distributionId + ".xlsx", messages);
		}
		return ResponseEntity.status(HttpStatus.CREATED)
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(links.stream()
				.map(l -> new LinkBody(l.token(), base + l.token(), l.role().name(), Long.toString(l.regionCode()),
						l.regionName(), l.personName()))
				.toList());
	}

	static ResponseEntity<byte[]> xlsx(List<GeneratedLink> links, String base, String filename, MessageSource messages) {
		Locale locale = LocaleContextHolder.getLocale();
		List<String> headers = List.of("number", "role", "region", "person", "link", "qr").stream()
			.map(k -> messages.getMessage("distribution.sheet." + k, null, k, locale))
			.toList();
		byte[] file = LinkSheet.write(links, base, headers,
				(RespondentRole r) -> messages.getMessage(r.messageKey(), null, r.name(), locale));
		return ResponseEntity.status(HttpStatus.CREATED)
			.contentType(MediaType.parseMediaType(SurveyApiController.XLSX))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(file);
	}

	@GetMapping("/rates")
	@Operation(summary = "Response rates in the caller's scope: expected (links made, open-link quotas) and answered, "
			+ "by region at a level (PROVINCE…TOWNSHIP, default CITY; within ?region= for drill-down) and by role; "
			+ "optionally one distribution")
	RatesBody rates(@PathVariable long id, @RequestParam(required = false) RegionLevel level,
			@RequestParam(required = false) String region, @RequestParam(required = false) String role,
			@RequestParam(required = false) Long distribution) {
		DistributionService.Rates r = distributions.rates(id, level, region, role, distribution);
		ReminderService.Outstanding o = reminders.outstanding(id, distribution, r.level(), region, role, true);
		return new RatesBody(r.total().expected(), r.total().responded(), r.total().rate(), o.total().outstanding(),
				o.total().reminded(), r.level().name(), r.byRegion().stream().map(f -> rate(f, o.region(f.key()))).toList(),
				r.byRole().stream().map(f -> rate(f, o.role(f.key()))).toList());
	}

	private static RateBody rate(DistributionService.RateFigure f, ReminderService.OutstandingFigure o) {
		return new RateBody(f.key(), f.expected(), f.responded(), f.rate(), o == null ? 0 : o.outstanding(),
				o == null ? 0 : o.reminded());
	}
}
