package cn.grassroots.surveys.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.Region;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.RegionCode;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answering, without an account: a respondent holds a token (a per-person link, or the resume code
 * of an open-link session). Answers are saved as a draft as the respondent goes and come back on
 * reload; a submission is checked by {@link AnswerPolicy} (the same rule as import, skip logic
 * included) and stored as one row. A token is used once: a repeated submission gets the first
 * one's receipt and stores nothing. An open link's quota per role and region is taken in SQL under
 * the target's row lock, so parallel submissions cannot overrun it.
 * <p>
 * Submission is one short transaction: claim the link by inserting its use (the use's primary key
 * makes a parallel repeat, or an import taking the same link, wait and then fail), take a quota
 * place (open links), insert the response. The analysis snapshots
 * learn of it after commit through a counter, so nothing here waits on them.
 */
@Service
public class AnswerService {

	/** Why a link is refused; the web layer turns each into a status and a message. */
	public enum Refusal {
		UNKNOWN_LINK, NOT_YET_OPEN, CLOSED, QUOTA_FULL, ALREADY_SUBMITTED, NOT_AN_OPEN_LINK;

		public String messageKey() {
			return "answer.refused." + name();
		}
	}

	public static final class AnswerRefusedException extends RuntimeException {

		private final Refusal refusal;

		AnswerRefusedException(Refusal refusal) {
			super(refusal.name());
			this.refusal = refusal;
		}

		public Refusal refusal() {
			return refusal;
		}
	}

	public static final class AnswersInvalidException extends RuntimeException {

		private final List<AnswerPolicy.Problem> problems;

		AnswersInvalidException(List<AnswerPolicy.Problem> problems) {
			super(problems.size() + " problems");
			this.problems = List.copyOf(problems);
		}

		public List<AnswerPolicy.Problem> problems() {
			return problems;
		}
	}

	/** What the respondent gets for a submission; {@code repeated} when the token had been used before. */
	public record Receipt(String code, Instant submittedAt, boolean repeated) {
	}

	/** A link as the answering page shows it. */
	public record Session(Distribution distribution, Form form, RespondentRole role, long regionCode,
			Map<String, String> draft, Receipt receipt) {

		public boolean submitted() {
			return receipt != null;
		}
	}

	/** An open link before a session starts: the places still free per role and region. */
	public record OpenLink(Distribution distribution, Form form, List<Distribution.Target> targets) {
	}

	private record Compiled(AnswerPolicy policy, ResponseCodec codec) {
	}

	/** Limits of a draft: as much as a full answer set may hold, no more. */
	static final int DRAFT_MAX_CHARS = 200_000;

	private final DistributionRepository distributions;
	private final ResponseRepository responses;
	private final QuestionnaireService questionnaires;
	private final TransactionTemplate tx;
	private final OrgDirectory org;
	private final JsonMapper json = JsonMapper.builder().build();
	/** Versions are immutable, so their policy and codec are built once. */
	private final Map<Long, Compiled> compiled = new ConcurrentHashMap<>();

	AnswerService(DistributionRepository distributions, ResponseRepository responses, QuestionnaireService questionnaires,
			TransactionTemplate tx, OrgDirectory org) {
		this.org = org;
		this.distributions = distributions;
		this.responses = responses;
		this.questionnaires = questionnaires;
		this.tx = tx;
	}

	private Compiled compiled(long versionId) {
		return compiled.computeIfAbsent(versionId, v -> {
			AnswerPolicy policy = questionnaires.policy(v);
			return new Compiled(policy, new ResponseCodec(policy.form()));
		});
	}

	public AnswerPolicy policy(long versionId) {
		return compiled(versionId).policy();
	}

	private DistributionRepository.Link link(String token) {
		if (!AnswerTokens.wellFormed(token)) {
			throw new AnswerRefusedException(Refusal.UNKNOWN_LINK);
		}
		return distributions.link(AnswerTokens.hash(token)).orElseThrow(() -> new AnswerRefusedException(Refusal.UNKNOWN_LINK));
	}

	private static void requireOpen(Distribution d, Instant now) {
		if (now.isBefore(d.opensAt())) {
			throw new AnswerRefusedException(Refusal.NOT_YET_OPEN);
		}
		if (!now.isBefore(d.closesAt())) {
			throw new AnswerRefusedException(Refusal.CLOSED);
		}
	}

	/** The link's questionnaire and saved answers; a used link shows its receipt, a closed one is refused. */
	public Session session(String token) {
		DistributionRepository.Link l = link(token);
		Form form = compiled(l.distribution().versionId()).policy().form();
		if (l.imported()) {
			// answered on paper and imported: there is no online receipt to show
			throw new AnswerRefusedException(Refusal.ALREADY_SUBMITTED);
		}
		if (l.usedAt() != null) {
			return new Session(l.distribution(), form, l.role(), l.regionCode(), Map.of(),
					new Receipt(l.receipt(), l.usedAt(), true));
		}
		requireOpen(l.distribution(), Instant.now());
		return new Session(l.distribution(), form, l.role(), l.regionCode(), draft(l.draft()), null);
	}

	private Map<String, String> draft(String text) {
		if (text == null) {
			return Map.of();
		}
		return json.readValue(text, new TypeReference<LinkedHashMap<String, String>>() {
		});
	}

	/**
	 * Keeps the answers given so far (not yet checked: a draft may be incomplete). Only the
	 * questionnaire's questions are kept, each no longer than a long text.
	 */
	public void saveDraft(String token, Map<String, String> answers) {
		DistributionRepository.Link l = link(token);
		if (l.usedAt() != null) {
			throw new AnswerRefusedException(Refusal.ALREADY_SUBMITTED);
		}
		requireOpen(l.distribution(), Instant.now());
		Form form = compiled(l.distribution().versionId()).policy().form();
		Map<String, String> kept = new LinkedHashMap<>();
		List<AnswerPolicy.Problem> problems = new ArrayList<>();
		int chars = 0;
		for (Map.Entry<String, String> e : (answers == null ? Map.<String, String>of() : answers).entrySet()) {
			if (form.question(e.getKey()).isEmpty()) {
				problems.add(new AnswerPolicy.Problem(e.getKey(), "surveys.answer.unknownQuestion", List.of(e.getKey())));
				continue;
			}
			String v = e.getValue() == null ? "" : e.getValue();
			if (v.length() > AnswerPolicy.LONG_TEXT_MAX) {
				problems.add(new AnswerPolicy.Problem(e.getKey(), "surveys.answer.tooLong",
						List.of(Integer.toString(AnswerPolicy.LONG_TEXT_MAX))));
				continue;
			}
			chars += v.length();
			if (!v.isEmpty()) {
				kept.put(e.getKey(), v);
			}
		}
		if (!problems.isEmpty()) {
			throw new AnswersInvalidException(problems);
		}
		if (chars > DRAFT_MAX_CHARS) {
			throw new AnswersInvalidException(List.of(new AnswerPolicy.Problem("answers", "answer.draft.tooLarge", List.of())));
		}
		if (!distributions.saveDraft(l.id(), json.writeValueAsString(kept), Instant.now())) {
			throw new AnswerRefusedException(Refusal.ALREADY_SUBMITTED);
		}
	}

	/**
	 * Takes a submission once. Answers are text as in an import row (multiple choice and ranking as
	 * space-separated choice names). Invalid answers store nothing.
	 */
	public Receipt submit(String token, Map<String, String> answers) {
		DistributionRepository.Link l = link(token);
		if (l.imported()) {
			throw new AnswerRefusedException(Refusal.ALREADY_SUBMITTED);
		}
		if (l.usedAt() != null) {
			return new Receipt(l.receipt(), l.usedAt(), true);
		}
		Distribution d = l.distribution();
		Instant now = Instant.now();
		requireOpen(d, now);
		Compiled c = compiled(d.versionId());
		AnswerPolicy.Result result = c.policy().check(answers == null ? Map.of() : answers);
		if (!result.ok()) {
			throw new AnswersInvalidException(result.problems());
		}
		ResponseCodec.Encoded encoded = c.codec().encode(result.values());
		String code = AnswerTokens.newReceipt();
		Receipt receipt;
		try {
			receipt = tx.execute(status -> {
				distributions.markUsed(l.id(), now, code);
				if (d.kind() == Distribution.Kind.OPEN && (l.targetId() == null || !distributions.takePlace(l.targetId()))) {
					throw new AnswerRefusedException(Refusal.QUOTA_FULL);
				}
				// named: the response carries its link, so it can be traced to the person; anonymous: nothing links them
				String responseToken = d.anonymous() ? null : "link:" + l.id();
				responses.insert(List.of(new ResponseRepository.NewResponse(d.questionnaireId(), d.versionId(), l.regionCode(),
						l.role(), responseToken, "ONLINE", null, now, encoded)));
				return new Receipt(code, now, false);
			});
		}
		catch (org.springframework.dao.DuplicateKeyException e) {
			// a parallel submission of the same token won (answer with its receipt), or an import took the link
			DistributionRepository.Link won = link(token);
			if (won.usedAt() == null) {
				throw e;
			}
			if (won.imported()) {
				throw new AnswerRefusedException(Refusal.ALREADY_SUBMITTED);
			}
			return new Receipt(won.receipt(), won.usedAt(), true);
		}
		return receipt;
	}

	/** An open link and its free places. */
	public OpenLink openLink(String key) {
		Distribution d = openDistribution(key);
		requireOpen(d, Instant.now());
		return new OpenLink(d, compiled(d.versionId()).policy().form(), distributions.targets(d.id()));
	}

	private Distribution openDistribution(String key) {
		if (!AnswerTokens.wellFormed(key)) {
			throw new AnswerRefusedException(Refusal.UNKNOWN_LINK);
		}
		Distribution d = distributions.findByOpenKey(key).orElseThrow(() -> new AnswerRefusedException(Refusal.UNKNOWN_LINK));
		if (d.kind() != Distribution.Kind.OPEN) {
			throw new AnswerRefusedException(Refusal.NOT_AN_OPEN_LINK);
		}
		return d;
	}

	/**
	 * Starts a session on an open link for a role and one of its target regions; returns the new
	 * session's token (its resume code). A full quota is refused here already, and again, in SQL,
	 * on submission.
	 */
	public String start(String key, String roleText, String regionText) {
		Distribution d = openDistribution(key);
		requireOpen(d, Instant.now());
		List<cn.grassroots.platform.InvalidInputException.FieldError> errors = new ArrayList<>();
		RespondentRole role = RespondentRole.parse(roleText).orElse(null);
		if (role == null) {
			errors.add(new cn.grassroots.platform.InvalidInputException.FieldError("role", "answer.start.role"));
		}
		Long region = questionnaires.regionCode(regionText).orElse(null);
		if (region == null) {
			errors.add(new cn.grassroots.platform.InvalidInputException.FieldError("region", "answer.start.region"));
		}
		if (!errors.isEmpty()) {
			throw new cn.grassroots.platform.InvalidInputException(errors);
		}
		Distribution.Target target = distributions.targets(d.id()).stream()
			.filter(t -> t.role() == role && t.regionCode() == region)
			.findFirst()
			.orElseThrow(() -> cn.grassroots.platform.InvalidInputException.of("region", "answer.start.notTargeted"));
		if (target.taken() >= target.quota()) {
			throw new AnswerRefusedException(Refusal.QUOTA_FULL);
		}
		String token = AnswerTokens.newToken();
		distributions.insertSession(d.id(), AnswerTokens.hash(token), role, region, target.id(), Instant.now());
		return token;
	}

	/** One level of a region question's picker: the regions offered there and the one chosen, if any. */
	public record RegionLevelChoice(List<Region> regions, Long chosen) {
	}

	/**
	 * The regions directly under {@code parentText} (by default the distribution's region) for a
	 * link's region picker. Only regions within the distribution's region are given; a parent
	 * outside it is not found. A used, closed or unknown link gets nothing.
	 */
	public List<Region> regions(String token, String parentText) {
		DistributionRepository.Link l = link(token);
		if (l.usedAt() != null) {
			throw new AnswerRefusedException(Refusal.UNKNOWN_LINK);
		}
		requireOpen(l.distribution(), Instant.now());
		return regionsBelow(l.distribution(), parentText);
	}

	/** The same for an open link (before a session starts). */
	public List<Region> openRegions(String key, String parentText) {
		Distribution d = openDistribution(key);
		requireOpen(d, Instant.now());
		return regionsBelow(d, parentText);
	}

	private List<Region> regionsBelow(Distribution d, String parentText) {
		long parent = d.regionCode();
		if (parentText != null && !parentText.isBlank()) {
			String text = parentText.strip();
			if (!RegionCode.isValid(text)) {
				throw new NotFoundException("no region " + text);
			}
			parent = RegionCode.parse(text).value();
		}
		if (!new RegionCode(d.regionCode()).contains(new RegionCode(parent))) {
			throw new NotFoundException("region " + parent + " is outside the distribution's region");
		}
		return org.childrenWithin(parent, d.regionCode());
	}

	/**
	 * The region picker of a question as the page first shows it: the first level under the
	 * distribution's region and, for a saved answer inside it, every level down to that region, chosen.
	 */
	public List<RegionLevelChoice> regionCascade(Distribution d, String saved) {
		RegionCode root = new RegionCode(d.regionCode());
		List<Long> line = new ArrayList<>();
		if (saved != null && RegionCode.isValid(saved.strip())) {
			long code = RegionCode.parse(saved.strip()).value();
			if (code != root.value() && root.contains(new RegionCode(code))) {
				// the saved region and its ancestors up to the distribution's region, top first
				for (long c : new RegionCode(code).selfAndAncestors()) {
					if (c != root.value() && root.contains(new RegionCode(c))) {
						line.add(c);
					}
				}
			}
		}
		List<RegionLevelChoice> levels = new ArrayList<>();
		long parent = root.value();
		for (int i = 0; i < 5; i++) {
			List<Region> regions = org.childrenWithin(parent, root.value());
			if (regions.isEmpty()) {
				break;
			}
			Long pick = i < line.size() ? line.get(i) : null;
			Region picked = pick == null ? null : regions.stream().filter(r -> r.code() == pick).findFirst().orElse(null);
			levels.add(new RegionLevelChoice(regions, picked == null ? null : pick));
			if (picked == null || picked.childCount() == 0) {
				break;
			}
			parent = pick;
		}
		return levels;
	}
}
