package cn.grassroots.surveys.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.Person;
import cn.grassroots.org.PostType;
import cn.grassroots.org.RegionLevel;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.InvalidInputException.FieldError;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.RegionCode;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.crypto.FieldCipher;
import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;

/**
 * Distribution of a questionnaire: creating a distribution with its targets (SURVEY_DESIGN over the
 * distribution's region), generating per-person links (from the roster through {@link OrgDirectory},
 * or a count per role and region), closing, and the live response rates, which read only the
 * caller's regions (SURVEY_DESIGN or SURVEY_ANALYSE) in SQL.
 */
@Service
public class DistributionService {

	/** At most this many links in one generation (one download). */
	public static final int MAX_LINKS = 50_000;

	/** The posts of the roster whose holders answer as each respondent role. */
	static final Map<RespondentRole, List<PostType>> POSTS = new EnumMap<>(Map.of(
			RespondentRole.GRID_WORKER, List.of(PostType.GRID_WORKER),
			RespondentRole.COMMUNITY_SECRETARY, List.of(PostType.COMMUNITY_PARTY_SECRETARY, PostType.VILLAGE_PARTY_SECRETARY),
			RespondentRole.STREET_SECRETARY, List.of(PostType.STREET_PARTY_SECRETARY, PostType.TOWNSHIP_PARTY_SECRETARY),
			RespondentRole.DEPARTMENT_OFFICER, List.of(PostType.DEPARTMENT_OFFICER, PostType.ORGANISATION_DEPARTMENT_OFFICER,
					PostType.SOCIAL_WORK_DEPARTMENT_OFFICER, PostType.UNIT_LIAISON),
			RespondentRole.RESIDENT_REPRESENTATIVE, List.of(PostType.RESIDENT_REPRESENTATIVE),
			RespondentRole.VOLUNTEER, List.of(PostType.VOLUNTEER)));

	/** What a caller asks for. Dates are instants; {@code opensAt} defaults to now. */
	public record NewDistribution(String name, String kind, Boolean anonymous, String region, Instant opensAt,
			Instant closesAt, List<TargetInput> targets) {
	}

	/** A target: role (code or Chinese name), region (division code), count (expected, or quota). */
	public record TargetInput(String role, String region, Integer count) {
	}

	/** A link made now: the plain token is known only here. */
	public record GeneratedLink(String token, RespondentRole role, long regionCode, String regionName, String personName) {
	}

	/** Expected and answered; the rate is answered over expected (0 without expectations). */
	public record RateFigure(String key, long expected, long responded) {

		public double rate() {
			return expected == 0 ? 0 : (double) responded / expected;
		}

		public int percent() {
			return (int) Math.round(rate() * 100);
		}
	}

	public record Rates(RateFigure total, RegionLevel level, List<RateFigure> byRegion, List<RateFigure> byRole) {
	}

	private final DistributionRepository repository;
	private final QuestionnaireService questionnaires;
	private final OrgDirectory org;
	private final CurrentUser user;
	private final AuditLog audit;
	private final FieldCipher cipher;

	DistributionService(DistributionRepository repository, QuestionnaireService questionnaires, OrgDirectory org,
			CurrentUser user, AuditLog audit, FieldCipher cipher) {
		this.cipher = cipher;
		this.repository = repository;
		this.questionnaires = questionnaires;
		this.org = org;
		this.user = user;
		this.audit = audit;
	}

	/** The union of the survey permissions' scopes: who designs or analyses a region reads its rates. */
	AccessScope readScope() {
		AccessScope design = user.scope(Permission.SURVEY_DESIGN);
		AccessScope analyse = user.scope(Permission.SURVEY_ANALYSE);
		if (design.all() || analyse.all()) {
			return AccessScope.EVERYTHING;
		}
		List<AccessScope.Range> ranges = new ArrayList<>(design.regionRanges());
		ranges.addAll(analyse.regionRanges());
		return new AccessScope(false, ranges, Set.of(), Set.of(), null);
	}

	@Transactional
	public Distribution create(long questionnaireId, NewDistribution in) {
		Questionnaire q = questionnaires.get(questionnaireId);
		AccessScope design = user.require(Permission.SURVEY_DESIGN);
		List<FieldError> errors = new ArrayList<>();
		String name = in.name() == null ? "" : in.name().strip();
		if (name.isEmpty()) {
			errors.add(new FieldError("name", "distribution.name.required"));
		}
		else if (name.length() > 200) {
			errors.add(new FieldError("name", "distribution.name.tooLong"));
		}
		Distribution.Kind kind = null;
		try {
			kind = in.kind() == null ? null : Distribution.Kind.valueOf(in.kind().strip().toUpperCase(java.util.Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			// reported below
		}
		if (kind == null) {
			errors.add(new FieldError("kind", "distribution.kind.invalid"));
		}
		Long region = null;
		if (in.region() == null || in.region().isBlank()) {
			if (q.regionCode() != null) {
				region = q.regionCode();
			}
			else {
				errors.add(new FieldError("region", "distribution.region.required"));
			}
		}
		else {
			region = questionnaires.regionCode(in.region()).orElse(null);
			if (region == null) {
				errors.add(new FieldError("region", "distribution.region.unknown"));
			}
			else if (q.regionCode() != null && !new RegionCode(q.regionCode()).contains(new RegionCode(region))) {
				errors.add(new FieldError("region", "distribution.region.outsideQuestionnaire"));
			}
		}
		Instant now = Instant.now();
		Instant opens = in.opensAt() == null ? now : in.opensAt();
		if (in.closesAt() == null) {
			errors.add(new FieldError("closesAt", "distribution.closes.required"));
		}
		else if (!in.closesAt().isAfter(opens)) {
			errors.add(new FieldError("closesAt", "distribution.closes.beforeOpens"));
		}
		List<Distribution.Target> targets = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		List<TargetInput> inputs = in.targets() == null ? List.of() : in.targets();
		if (inputs.isEmpty()) {
			errors.add(new FieldError("targets", "distribution.targets.required"));
		}
		if (inputs.size() > 2000) {
			errors.add(new FieldError("targets", "distribution.targets.tooMany"));
			inputs = List.of();
		}
		long total = 0;
		for (int i = 0; i < inputs.size(); i++) {
			TargetInput t = inputs.get(i);
			String field = "targets[" + i + "]";
			if (t == null) {
				errors.add(new FieldError(field, "distribution.target.invalid"));
				continue;
			}
			RespondentRole role = RespondentRole.parse(t.role()).orElse(null);
			if (role == null) {
				errors.add(new FieldError(field + ".role", "distribution.target.role"));
			}
			Long code = t.region() == null || t.region().isBlank() ? region : questionnaires.regionCode(t.region()).orElse(null);
			if (code == null) {
				errors.add(new FieldError(field + ".region", "distribution.region.unknown"));
			}
			else if (region != null && !new RegionCode(region).contains(new RegionCode(code))) {
				errors.add(new FieldError(field + ".region", "distribution.target.outside"));
			}
			if (t.count() == null || t.count() < 1 || t.count() > 1_000_000) {
				errors.add(new FieldError(field + ".count", "distribution.target.count"));
			}
			if (role != null && code != null && !seen.add(role + "@" + code)) {
				errors.add(new FieldError(field, "distribution.target.duplicate"));
			}
			if (role != null && code != null && t.count() != null) {
				targets.add(new Distribution.Target(0, role, code, t.count(), 0));
				total += t.count();
			}
		}
		if (total > 10_000_000) {
			errors.add(new FieldError("targets", "distribution.targets.tooMany"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		if (!design.coversRegion(region)) {
			throw new ForbiddenException("region " + region + " is outside your design scope");
		}
		Distribution d = new Distribution(0, questionnaireId, q.currentVersionId(), name, kind,
				in.anonymous() == null || in.anonymous(), region, opens, in.closesAt(),
				kind == Distribution.Kind.OPEN ? AnswerTokens.newOpenKey() : null, user.username(), now);
		long id = repository.insert(d, new RegionCode(region).subtreeEnd());
		targets.forEach(t -> repository.insertTarget(id, t));
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("name", name);
		after.put("kind", kind.name());
		after.put("anonymous", d.anonymous());
		after.put("version", q.currentVersion());
		after.put("opensAt", opens.toString());
		after.put("closesAt", in.closesAt().toString());
		after.put("targets", targets.size());
		audit.action("SURVEY_DISTRIBUTION_CREATE").target("distribution", id).region(region).after(after).record();
		return repository.find(id).orElseThrow();
	}

	/** A distribution of a questionnaire the caller reads, whose region overlaps the caller's scope. */
	public Distribution get(long questionnaireId, long distributionId) {
		questionnaires.get(questionnaireId);
		Distribution d = repository.find(distributionId)
			.filter(x -> x.questionnaireId() == questionnaireId)
			.orElseThrow(() -> new NotFoundException("no distribution " + distributionId));
		if (!readScope().overlapsRegion(d.regionCode())) {
			throw new ForbiddenException("the distribution is outside your scope");
		}
		return d;
	}

	public List<Distribution> list(long questionnaireId) {
		questionnaires.get(questionnaireId);
		return repository.list(questionnaireId, readScope());
	}

	public List<Distribution.Target> targets(Distribution d) {
		return repository.targets(d.id());
	}

	public boolean canManage(Distribution d) {
		return user.scope(Permission.SURVEY_DESIGN).coversRegion(d.regionCode());
	}

	private Distribution managed(long questionnaireId, long distributionId) {
		Distribution d = get(questionnaireId, distributionId);
		if (!canManage(d)) {
			throw new ForbiddenException("the distribution is outside your design scope");
		}
		return d;
	}

	/**
	 * Makes per-person links: from the roster, one for every current holder of the role's posts in
	 * each target's region who has none yet (named after them); otherwise up to each target's count.
	 * The tokens are returned once and stored only hashed.
	 */
	@Transactional
	public List<GeneratedLink> generate(long questionnaireId, long distributionId, boolean fromRoster) {
		Distribution d = managed(questionnaireId, distributionId);
		if (d.kind() != Distribution.Kind.TOKENS) {
			throw InvalidInputException.of("kind", "distribution.links.onlyTokens");
		}
		if (!d.openAt(Instant.now()) && !Instant.now().isBefore(d.opensAt())) {
			throw InvalidInputException.of("closesAt", "distribution.closed");
		}
		Map<Long, Integer> made = existing(d.id());
		Set<Long> invited = fromRoster ? invitedPeople(d.id()) : Set.of();
		List<DistributionRepository.NewInvitation> rows = new ArrayList<>();
		List<GeneratedLink> links = new ArrayList<>();
		Map<Long, String> regionNames = new TreeMap<>();
		for (Distribution.Target t : repository.targets(d.id())) {
			String regionName = regionNames.computeIfAbsent(t.regionCode(),
					c -> org.region(c).map(r -> r.name()).orElse(Long.toString(c)));
			if (fromRoster) {
				for (PostType post : POSTS.getOrDefault(t.role(), List.of())) {
					for (Person p : org.holdersOf(post, t.regionCode())) {
						if (invited.add(p.id())) {
							add(rows, links, t, p.regionCode(), p.id(), p.name(),
									regionNames.computeIfAbsent(p.regionCode(),
											c -> org.region(c).map(r -> r.name()).orElse(Long.toString(c))));
						}
					}
				}
			}
			else {
				int n = t.quota() - made.getOrDefault(t.id(), 0);
				for (int i = 0; i < n && links.size() < MAX_LINKS; i++) {
					add(rows, links, t, t.regionCode(), null, null, regionName);
				}
			}
			if (links.size() > MAX_LINKS) {
				throw InvalidInputException.of("targets", "distribution.links.tooMany");
			}
		}
		repository.insertInvitations(d.id(), rows, Instant.now());
		audit.action("SURVEY_LINKS_GENERATE").target("distribution", d.id()).region(d.regionCode())
			.detail((fromRoster ? "roster" : "count") + ", " + links.size() + " links")
			.record();
		return links;
	}

	/** The token is stored hashed (to look it up) and encrypted (so that a reminder round can hand it out again). */
	private void add(List<DistributionRepository.NewInvitation> rows, List<GeneratedLink> links,
			Distribution.Target t, long regionCode, Long personId, String personName, String regionName) {
		String token = AnswerTokens.newToken();
		rows.add(new DistributionRepository.NewInvitation(AnswerTokens.hash(token), t.role(), regionCode, t.id(), personId,
				personName, cipher.encrypt(token)));
		links.add(new GeneratedLink(token, t.role(), regionCode, regionName, personName));
	}

	private Map<Long, Integer> existing(long distributionId) {
		Map<Long, Integer> m = new java.util.HashMap<>();
		repository.invitationsPerTarget(distributionId).forEach(m::put);
		return m;
	}

	private Set<Long> invitedPeople(long distributionId) {
		return new HashSet<>(repository.invitedPeople(distributionId));
	}

	/** Stops taking answers now (a distribution already closed stays as it was). */
	@Transactional
	public void close(long questionnaireId, long distributionId) {
		Distribution d = managed(questionnaireId, distributionId);
		Instant now = Instant.now();
		repository.closeNow(d.id(), now);
		audit.action("SURVEY_DISTRIBUTION_CLOSE").target("distribution", d.id()).region(d.regionCode())
			.before(Map.of("closesAt", d.closesAt().toString()))
			.after(Map.of("closesAt", (d.closesAt().isAfter(now) ? now : d.closesAt()).toString()))
			.record();
	}

	/**
	 * The response rates of a questionnaire's distributions (or one of them) in the caller's scope:
	 * by region at a level (within {@code regionText} when given, for drill-down) and by role.
	 */
	public Rates rates(long questionnaireId, RegionLevel level, String regionText, String roleText, Long distributionId) {
		questionnaires.get(questionnaireId);
		AccessScope scope = readScope();
		Long from = null;
		Long to = null;
		RegionLevel shown = level == null ? RegionLevel.CITY : level;
		if (regionText != null && !regionText.isBlank()) {
			long code = questionnaires.regionCode(regionText)
				.orElseThrow(() -> InvalidInputException.of("region", "distribution.region.unknown"));
			if (!scope.overlapsRegion(code)) {
				throw new ForbiddenException("region " + code + " is outside your scope");
			}
			from = code;
			to = new RegionCode(code).subtreeEnd();
		}
		String role = null;
		if (roleText != null && !roleText.isBlank()) {
			role = RespondentRole.parse(roleText)
				.orElseThrow(() -> InvalidInputException.of("role", "distribution.target.role"))
				.name();
		}
		if (distributionId != null) {
			get(questionnaireId, distributionId);
		}
		Map<Long, long[]> byRegion = new TreeMap<>();
		Map<String, long[]> byRole = new LinkedHashMap<>();
		for (RespondentRole r : RespondentRole.values()) {
			byRole.put(r.name(), new long[2]);
		}
		long expected = 0;
		long responded = 0;
		for (DistributionRepository.RateRow row : repository.rates(questionnaireId, scope, from, to, role, distributionId)) {
			long[] a = byRegion.computeIfAbsent(atLevel(row.regionCode(), shown), k -> new long[2]);
			a[0] += row.expected();
			a[1] += row.responded();
			long[] b = byRole.get(row.role());
			b[0] += row.expected();
			b[1] += row.responded();
			expected += row.expected();
			responded += row.responded();
		}
		List<RateFigure> regions = new ArrayList<>();
		byRegion.forEach((code, a) -> regions.add(new RateFigure(Long.toString(code), a[0], a[1])));
		List<RateFigure> roles = new ArrayList<>();
		byRole.forEach((r, a) -> {
			if (a[0] > 0 || a[1] > 0) {
				roles.add(new RateFigure(r, a[0], a[1]));
			}
		});
		return new Rates(new RateFigure("total", expected, responded), shown, regions, roles);
	}

	/** The region at the level that contains the code (the code itself when it lies above the level). */
	static long atLevel(long code, RegionLevel level) {
		String s = new RegionCode(code).shortForm();
		if (s.length() <= level.shortLength()) {
			return code;
		}
		return Long.parseLong((s.substring(0, level.shortLength()) + "000000000000").substring(0, 12));
	}
}
