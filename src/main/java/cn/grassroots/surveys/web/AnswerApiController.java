package cn.grassroots.surveys.web;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import cn.grassroots.surveys.internal.AnswerPolicy;
import cn.grassroots.surveys.internal.AnswerService;
import cn.grassroots.surveys.internal.AnswerService.AnswerRefusedException;
import cn.grassroots.surveys.internal.AnswerService.AnswersInvalidException;
import cn.grassroots.surveys.internal.AnswerService.Refusal;
import cn.grassroots.surveys.internal.Form;
import cn.grassroots.surveys.internal.Question;
import cn.grassroots.surveys.internal.Section;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Answering over JSON, without an account: the token in the path is the respondent's credential
 * (a per-person link, or an open-link session's resume code). Used by the phone page and by other
 * clients (and the load tool). Refusals are problem+json with a {@code code}; bad answers are 400
 * with one error per question, and store nothing.
 */
@RestController
@RequestMapping("/api/v1/answer")
@Tag(name = "answering", description = "作答 — public answering by token or open link")
class AnswerApiController {

	/** Answers: question name → text as in an import row, or a list of choice names for multiple choice and ranking. */
	record AnswerSubmission(Map<String, Object> answers) {
	}

	record AnswerReceipt(String receipt, Instant submittedAt, boolean repeated) {
	}

	record AnswerQuestion(String name, String type, String section, String label, boolean required, String relevant,
			String choiceFilter, Integer min, Integer max, Integer step, List<String> choices) {
	}

	record AnswerSessionBody(String title, String distribution, String role, String regionCode, boolean anonymous,
			Instant closesAt, boolean submitted, String receipt, Map<String, String> draft, List<AnswerQuestion> questions) {
	}

	/** A region offered by a region question's picker; {@code leaf} when nothing lies below it. */
	record RegionOption(String code, String name, String level, boolean leaf) {
	}

	record OpenStart(String role, String region) {
	}

	record OpenSession(String token, String url) {
	}

	record OpenPlace(String role, String regionCode, int quota, int taken) {
	}

	record OpenLinkBody(String title, Instant closesAt, List<OpenPlace> places) {
	}

	private final AnswerService answers;
	private final AnswerRateLimiter limiter;
	private final MessageSource messages;

	AnswerApiController(AnswerService answers, AnswerRateLimiter limiter, MessageSource messages) {
		this.answers = answers;
		this.limiter = limiter;
		this.messages = messages;
	}

	static String client(HttpServletRequest request) {
		return request.getRemoteAddr();
	}

	private void guard(HttpServletRequest request) {
		if (limiter.exhausted("miss", client(request), limiter.missesPerMinute)) {
			throw new TooManyRequests();
		}
	}

	static final class TooManyRequests extends RuntimeException {
		TooManyRequests() {
			super("too many requests");
		}
	}

	@GetMapping("/{token}")
	@Operation(summary = "The questionnaire of a link, with the answers saved so far; a used link gives its receipt")
	AnswerSessionBody session(@PathVariable String token, HttpServletRequest request) {
		guard(request);
		AnswerService.Session s = answers.session(token);
		Locale locale = LocaleContextHolder.getLocale();
		Form form = s.form();
		List<AnswerQuestion> questions = new java.util.ArrayList<>();
		for (Section sec : form.sections()) {
			for (Question q : sec.questions()) {
				questions.add(new AnswerQuestion(q.name(), q.type().name(), sec.name(), q.label().in(locale), q.required(),
						q.relevant(), q.choiceFilter(), q.min(), q.max(), q.step(),
						form.choices(q).stream().map(c -> c.name()).toList()));
			}
		}
		return new AnswerSessionBody(form.title().in(locale), s.distribution().name(), s.role().name(),
				Long.toString(s.regionCode()), s.distribution().anonymous(), s.distribution().closesAt(), s.submitted(),
				s.submitted() ? s.receipt().code() : null, s.draft(), questions);
	}

	@PutMapping("/{token}/draft")
	@Operation(summary = "Saves the answers given so far (not checked yet); they come back with the link")
	ResponseEntity<Void> draft(@PathVariable String token, @RequestBody AnswerSubmission body, HttpServletRequest request) {
		guard(request);
		if (!limiter.allow("draft", token, limiter.draftsPerMinute)) {
			throw new TooManyRequests();
		}
		answers.saveDraft(token, texts(body));
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{token}")
	@Operation(summary = "Submits the answers once: 201 with a receipt; the same token again gives 200 with the same "
			+ "receipt and stores nothing; bad answers are 400 naming each question")
	ResponseEntity<AnswerReceipt> submit(@PathVariable String token, @RequestBody AnswerSubmission body,
			HttpServletRequest request) {
		guard(request);
		AnswerService.Receipt r = answers.submit(token, texts(body));
		AnswerReceipt out = new AnswerReceipt(r.code(), r.submittedAt(), r.repeated());
		return r.repeated() ? ResponseEntity.ok(out) : ResponseEntity.status(HttpStatus.CREATED).body(out);
	}

	@GetMapping("/{token}/regions")
	@Operation(summary = "A region question's picker: the regions directly under parent (default: the distribution's "
			+ "region), only within the distribution's region; 404 for a used, closed or unknown link or a parent outside it")
	List<RegionOption> regions(@PathVariable String token, @RequestParam(required = false) String parent,
			HttpServletRequest request) {
		guard(request);
		if (!limiter.allow("regions", token, limiter.regionsPerMinute)) {
			throw new TooManyRequests();
		}
		return options(answers.regions(token, parent));
	}

	@GetMapping("/open/{key}/regions")
	@Operation(summary = "The same for an open link, before a session starts")
	List<RegionOption> openRegions(@PathVariable String key, @RequestParam(required = false) String parent,
			HttpServletRequest request) {
		guard(request);
		if (!limiter.allow("regions", key, limiter.regionsPerMinute)) {
			throw new TooManyRequests();
		}
		return options(answers.openRegions(key, parent));
	}

	private static List<RegionOption> options(List<cn.grassroots.org.Region> regions) {
		return regions.stream()
			.map(r -> new RegionOption(r.fullCode(), r.name(), r.level().name(), r.childCount() == 0))
			.toList();
	}

	@GetMapping("/open/{key}")
	@Operation(summary = "An open link: its questionnaire title and the places per role and region")
	OpenLinkBody openLink(@PathVariable String key, HttpServletRequest request) {
		guard(request);
		AnswerService.OpenLink link = answers.openLink(key);
		return new OpenLinkBody(link.form().title().in(LocaleContextHolder.getLocale()), link.distribution().closesAt(),
				link.targets().stream()
					.map(t -> new OpenPlace(t.role().name(), Long.toString(t.regionCode()), t.quota(), t.taken()))
					.toList());
	}

	@PostMapping("/open/{key}/sessions")
	@Operation(summary = "Starts answering on an open link as a role in one of its regions: 201 {token, url}; the token "
			+ "is the resume code. Limited per client address")
	ResponseEntity<OpenSession> start(@PathVariable String key, @RequestBody OpenStart body, HttpServletRequest request) {
		guard(request);
		// only sessions actually started count: a refused start costs the server nothing
		if (limiter.exhausted("start", client(request), limiter.startsPerMinute)) {
			throw new TooManyRequests();
		}
		String token = answers.start(key, body == null ? null : body.role(), body == null ? null : body.region());
		limiter.count("start", client(request));
		String url = ServletUriComponentsBuilder.fromContextPath(request).path("/a/{t}").buildAndExpand(token).toUriString();
		return ResponseEntity.created(URI.create(url)).body(new OpenSession(token, url));
	}

	/** Answers as text; lists (multiple choice, ranking) joined by spaces as in an import row. */
	static Map<String, String> texts(AnswerSubmission body) {
		Map<String, String> out = new LinkedHashMap<>();
		if (body == null || body.answers() == null) {
			return out;
		}
		body.answers().forEach((k, v) -> {
			if (v == null) {
				return;
			}
			if (v instanceof List<?> list) {
				out.put(k, String.join(" ", list.stream().map(String::valueOf).toList()));
			}
			else if (v instanceof String || v instanceof Number || v instanceof Boolean) {
				out.put(k, v.toString());
			}
			else {
				throw cn.grassroots.platform.InvalidInputException.of(k, "answer.value.shape");
			}
		});
		return out;
	}

	static HttpStatus status(Refusal r) {
		return switch (r) {
			case UNKNOWN_LINK, NOT_AN_OPEN_LINK -> HttpStatus.NOT_FOUND;
			case CLOSED -> HttpStatus.GONE;
			case NOT_YET_OPEN, QUOTA_FULL, ALREADY_SUBMITTED -> HttpStatus.CONFLICT;
		};
	}

	@ExceptionHandler(AnswerRefusedException.class)
	ResponseEntity<ProblemDetail> refused(AnswerRefusedException ex, HttpServletRequest request) {
		if (ex.refusal() == Refusal.UNKNOWN_LINK) {
			limiter.count("miss", client(request));
		}
		Locale locale = LocaleContextHolder.getLocale();
		ProblemDetail p = ProblemDetail.forStatusAndDetail(status(ex.refusal()),
				messages.getMessage(ex.refusal().messageKey(), null, ex.refusal().name(), locale));
		p.setTitle(ex.refusal().name());
		p.setProperty("code", ex.refusal().name());
		return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
	}

	@ExceptionHandler(AnswersInvalidException.class)
	ResponseEntity<ProblemDetail> invalid(AnswersInvalidException ex) {
		Locale locale = LocaleContextHolder.getLocale();
		List<Map<String, String>> errors = ex.problems().stream().map(pr -> {
			Map<String, String> m = new LinkedHashMap<>();
			m.put("field", pr.question());
			m.put("message", message(pr, locale));
			return m;
		}).toList();
		ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				errors.get(0).get("field") + ": " + errors.get(0).get("message"));
		p.setTitle("Invalid input");
		p.setProperty("errors", errors);
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
	}

	private String message(AnswerPolicy.Problem pr, Locale locale) {
		return messages.getMessage(pr.message(), pr.args().toArray(), pr.message(), locale);
	}

	@ExceptionHandler(TooManyRequests.class)
	ResponseEntity<ProblemDetail> tooMany(TooManyRequests ex) {
		ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				messages.getMessage("answer.tooMany", null, "too many requests", LocaleContextHolder.getLocale()));
		p.setTitle("Too many requests");
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "60")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
	}
}
