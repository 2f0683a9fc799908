package cn.grassroots.surveys.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.platform.RegionCode;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.crypto.FieldCipher;
import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;

/**
 * Reminders to non-respondents (催办). The platform sends no messages: an officer sees the
 * outstanding per-person links (TOKENS distributions, not used yet) by region and role, with how often
 * and when each was reminded, makes a reminder round over a region and/or role (or everything
 * outstanding), and hands the round's workbook — the links again, named ones with the person's name
 * and masked phone from the roster — to the grid and community officers who chase. Links, rounds and
 * sheets are read and written only within the caller's SURVEY_DESIGN scope, in SQL; the counts on the
 * rates page within the scope that reads rates (SURVEY_DESIGN or SURVEY_ANALYSE).
 */
@Service
public class ReminderService {

	/** Outstanding links of one key (a region, a role, a distribution): how many, how many reminded, the last reminder. */
	public record OutstandingFigure(String key, long outstanding, long reminded, Instant lastReminded) {

		public long notReminded() {
			return outstanding - reminded;
		}
	}

	public record Outstanding(OutstandingFigure total, RegionLevel level, List<OutstandingFigure> byRegion,
			List<OutstandingFigure> byRole, List<OutstandingFigure> byDistribution) {

		public OutstandingFigure region(String key) {
			return byRegion.stream().filter(f -> f.key().equals(key)).findFirst().orElse(null);
		}

		public OutstandingFigure role(String key) {
			return byRole.stream().filter(f -> f.key().equals(key)).findFirst().orElse(null);
		}
	}

	/** An outstanding link on the page (its token is never shown there). */
	public record OutstandingLink(long id, long distributionId, String distributionName, RespondentRole role, long regionCode,
			String regionName, String personName, Instant createdAt, boolean started, int reminders, Instant remindedAt) {
	}

	/** A round in the caller's scope: links taken in, how many of them were answered since, and the rate since. */
	public record Round(long id, long distributionId, String distributionName, Long regionCode, String regionName, String role,
			int linkCount, String createdBy, Instant createdAt, long links, long answeredSince) {

		public int percentSince() {
			return links == 0 ? 0 : (int) Math.round(100.0 * answeredSince / links);
		}
	}

	/** A row of a round's workbook: the link itself (null when it cannot be shown again) and the person's phone, masked. */
	public record SheetLine(RespondentRole role, long regionCode, String regionName, String personName, String phone,
			String token, int reminders, Instant remindedAt, boolean started) {
	}

	public record Sheet(Round round, List<SheetLine> lines) {
	}

	private final ReminderRepository repository;
	private final DistributionService distributions;
	private final QuestionnaireService questionnaires;
	private final OrgDirectory org;
	private final CurrentUser user;
	private final AuditLog audit;
	private final FieldCipher cipher;

	ReminderService(ReminderRepository repository, DistributionService distributions, QuestionnaireService questionnaires,
			OrgDirectory org, CurrentUser user, AuditLog audit, FieldCipher cipher) {
		this.repository = repository;
		this.distributions = distributions;
		this.questionnaires = questionnaires;
		this.org = org;
		this.user = user;
		this.audit = audit;
		this.cipher = cipher;
	}

	/** The region named in a filter, which must overlap the scope; null for none. */
	private Long region(String text, AccessScope scope) {
		if (text == null || text.isBlank()) {
			return null;
		}
		long code = questionnaires.regionCode(text)
			.orElseThrow(() -> InvalidInputException.of("region", "surveysE.reminder.region.unknown"));
		if (!scope.overlapsRegion(code)) {
			throw new ForbiddenException("region " + code + " is outside your scope");
		}
		return code;
	}

	private static String role(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		return RespondentRole.parse(text)
			.orElseThrow(() -> InvalidInputException.of("role", "surveysE.reminder.role.unknown"))
			.name();
	}

	private static ReminderRepository.Filter filter(long questionnaireId, Long distributionId, Long region, String role) {
		return new ReminderRepository.Filter(questionnaireId, distributionId, region,
				region == null ? null : new RegionCode(region).subtreeEnd(), role);
	}

	/** A distribution the caller may remind for: readable, per-person links, and overlapping the caller's design scope. */
	private Distribution distribution(long questionnaireId, long distributionId, AccessScope design) {
		Distribution d = distributions.get(questionnaireId, distributionId);
		if (!design.overlapsRegion(d.regionCode())) {
			throw new ForbiddenException("the distribution is outside your design scope");
		}
		return d;
	}

	/**
	 * Outstanding links by region at a level (within a region for drill-down), by role and by
	 * distribution. {@code forRates}: in the scope that reads rates (counts only); otherwise in the
	 * caller's SURVEY_DESIGN scope, as on the reminders page.
	 */
	public Outstanding outstanding(long questionnaireId, Long distributionId, RegionLevel level, String regionText,
			String roleText, boolean forRates) {
		questionnaires.get(questionnaireId);
		AccessScope scope = forRates ? distributions.readScope() : user.require(Permission.SURVEY_DESIGN);
		Long region = region(regionText, scope);
		String role = role(roleText);
		if (distributionId != null) {
			if (forRates) {
				distributions.get(questionnaireId, distributionId);
			}
			else {
				distribution(questionnaireId, distributionId, scope);
			}
		}
		RegionLevel shown = level == null ? RegionLevel.CITY : level;
		Map<Long, Object[]> byRegion = new TreeMap<>();
		Map<String, Object[]> byRole = new LinkedHashMap<>();
		for (RespondentRole r : RespondentRole.values()) {
			byRole.put(r.name(), null);
		}
		Map<Long, Object[]> byDistribution = new TreeMap<>();
		Object[] total = figure();
		for (ReminderRepository.CountRow row : repository.counts(filter(questionnaireId, distributionId, region, role), scope)) {
			add(byRegion.computeIfAbsent(DistributionService.atLevel(row.regionCode(), shown), k -> figure()), row);
			add(byRole.computeIfAbsent(row.role(), k -> figure()), row);
			add(byDistribution.computeIfAbsent(row.distributionId(), k -> figure()), row);
			add(total, row);
		}
		List<OutstandingFigure> regions = new ArrayList<>();
		byRegion.forEach((k, a) -> regions.add(of(Long.toString(k), a)));
		List<OutstandingFigure> roles = new ArrayList<>();
		byRole.forEach((k, a) -> {
			if (a != null) {
				roles.add(of(k, a));
			}
		});
		List<OutstandingFigure> dists = new ArrayList<>();
		byDistribution.forEach((k, a) -> dists.add(of(Long.toString(k), a)));
		return new Outstanding(of("total", total), shown, regions, roles, dists);
	}

	private static Object[] figure() {
		return new Object[] { 0L, 0L, null };
	}

	private static void add(Object[] a, ReminderRepository.CountRow row) {
		a[0] = (Long) a[0] + row.outstanding();
		a[1] = (Long) a[1] + row.reminded();
		if (row.lastReminded() != null && (a[2] == null || row.lastReminded().isAfter((Instant) a[2]))) {
			a[2] = row.lastReminded();
		}
	}

	private static OutstandingFigure of(String key, Object[] a) {
		return new OutstandingFigure(key, (Long) a[0], (Long) a[1], (Instant) a[2]);
	}

	/** The outstanding links themselves, in region, role and name order, within the caller's design scope. */
	public PageResult<OutstandingLink> links(long questionnaireId, Long distributionId, String regionText, String roleText,
			PageRequest page) {
		questionnaires.get(questionnaireId);
		AccessScope design = user.require(Permission.SURVEY_DESIGN);
		Long region = region(regionText, design);
		String role = role(roleText);
		if (distributionId != null) {
			distribution(questionnaireId, distributionId, design);
		}
		ReminderRepository.Filter f = filter(questionnaireId, distributionId, region, role);
		long total = repository.countLinks(f, design);
		Map<Long, String> names = new HashMap<>();
		List<OutstandingLink> rows = repository.links(f, design, page.offset(), page.size()).stream()
			.map(l -> new OutstandingLink(l.id(), l.distributionId(), l.distributionName(), l.role(), l.regionCode(),
					regionName(names, l.regionCode()), l.personName(), l.createdAt(), l.draftAt() != null, l.reminders(),
					l.remindedAt()))
			.toList();
		return PageResult.of(rows, page, total);
	}

	private String regionName(Map<Long, String> names, long code) {
		return names.computeIfAbsent(code, c -> org.region(c).map(r -> r.name()).orElse(Long.toString(c)));
	}

	/**
	 * Makes a reminder round over the distribution's outstanding links in the caller's design scope,
	 * within a region and of a role when given: each link's reminder count goes up by one and its
	 * last reminder is now; the round (who, when, how many) is recorded and audited. A used link is
	 * never taken in. Nothing outstanding is a 400 and changes nothing.
	 */
	@Transactional
	public Round remind(long questionnaireId, long distributionId, String regionText, String roleText) {
		questionnaires.get(questionnaireId);
		AccessScope design = user.require(Permission.SURVEY_DESIGN);
		// both fields checked before anything else, each named
		List<InvalidInputException.FieldError> errors = new ArrayList<>();
		String role = null;
		try {
			role = role(roleText);
		}
		catch (InvalidInputException e) {
			errors.addAll(e.errors());
		}
		if (regionText != null && !regionText.isBlank() && questionnaires.regionCode(regionText).isEmpty()) {
			errors.add(new InvalidInputException.FieldError("region", "surveysE.reminder.region.unknown"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		Long region = region(regionText, design);
		Distribution d = distribution(questionnaireId, distributionId, design);
		if (d.kind() != Distribution.Kind.TOKENS) {
			throw InvalidInputException.of("distribution", "surveysE.reminder.onlyTokens");
		}
		Instant now = Instant.now();
		if (!d.openAt(now)) {
			throw InvalidInputException.of("distribution", "surveysE.reminder.notOpen");
		}
		ReminderRepository.Filter f = filter(questionnaireId, distributionId, region, role);
		long expected = repository.countLinks(f, design);
		if (expected == 0) {
			throw InvalidInputException.of(region != null ? "region" : role != null ? "role" : "distribution",
					"surveysE.reminder.none");
		}
		long id = repository.insertRound(f, design, region, user.username(), now, expected);
		if (id == 0) {
			// every link was answered between the count and the round: nothing to remind; the exception rolls back
			throw InvalidInputException.of("distribution", "surveysE.reminder.none");
		}
		Round round = round(questionnaireId, distributionId, id, design);
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("round", id);
		after.put("region", region == null ? "" : Long.toString(region));
		after.put("role", role == null ? "" : role);
		after.put("links", round.linkCount());
		audit.action("SURVEY_REMINDER_ROUND").target("distribution", d.id()).region(region != null ? region : d.regionCode())
			.detail(round.linkCount() + " links")
			.after(after)
			.record();
		return round;
	}

	private Round round(long questionnaireId, long distributionId, long roundId, AccessScope scope) {
		return repository.rounds(questionnaireId, distributionId, scope, roundId).stream()
			.findFirst()
			.map(r -> round(r, new HashMap<>()))
			.orElseThrow(() -> new NotFoundException("no reminder round " + roundId));
	}

	private Round round(ReminderRepository.RoundRow r, Map<Long, String> names) {
		return new Round(r.id(), r.distributionId(), r.distributionName(), r.regionCode(),
				r.regionCode() == null ? null : regionName(names, r.regionCode()), r.role(), r.linkCount(), r.createdBy(),
				r.createdAt(), r.inScope(), r.answeredSince());
	}

	/** The rounds of a questionnaire (or one distribution) that took in links in the caller's design scope, newest first. */
	public List<Round> rounds(long questionnaireId, Long distributionId) {
		questionnaires.get(questionnaireId);
		AccessScope design = user.require(Permission.SURVEY_DESIGN);
		if (distributionId != null) {
			distribution(questionnaireId, distributionId, design);
		}
		Map<Long, String> names = new HashMap<>();
		return repository.rounds(questionnaireId, distributionId, design, null).stream().map(r -> round(r, names)).toList();
	}

	/**
	 * A round's workbook lines: its links in the caller's design scope that are still not answered,
	 * each with its link (decrypted; null for links made before reminders were kept) and, for named
	 * links, the person's name and phone as the roster shows them to the caller (masked). Audited,
	 * since it hands links out again.
	 */
	public Sheet sheet(long questionnaireId, long distributionId, long roundId) {
		questionnaires.get(questionnaireId);
		AccessScope design = user.require(Permission.SURVEY_DESIGN);
		Distribution d = distribution(questionnaireId, distributionId, design);
		Round round = round(questionnaireId, distributionId, roundId, design);
		List<ReminderRepository.SheetRow> rows = repository.sheet(roundId, design);
		Map<Long, Person> people = people(d, rows);
		Map<Long, String> names = new HashMap<>();
		List<SheetLine> lines = new ArrayList<>(rows.size());
		for (ReminderRepository.SheetRow row : rows) {
			ReminderRepository.LinkRow l = row.link();
			Person p = l.personId() == null ? null : people.get(l.personId());
			String token = null;
			if (row.tokenCipher() != null) {
				token = cipher.decrypt(row.tokenCipher());
			}
			lines.add(new SheetLine(l.role(), l.regionCode(), regionName(names, l.regionCode()),
					p != null ? p.name() : l.personName(), p == null ? null : p.phone(), token, l.reminders(), l.remindedAt(),
					l.draftAt() != null));
		}
		audit.action("SURVEY_REMINDER_SHEET").target("reminder", roundId).region(d.regionCode())
			.detail(lines.size() + " links")
			.record();
		return new Sheet(round, lines);
	}

	/**
	 * The roster's view of the named links' people (phones masked, only people in the caller's roster
	 * scope): the holders of each role's posts in the distribution's targets, as links were made; anyone
	 * not found there (a post ended since) one by one, up to a limit.
	 */
	private Map<Long, Person> people(Distribution d, List<ReminderRepository.SheetRow> rows) {
		Set<Long> wanted = new java.util.HashSet<>();
		Set<RespondentRole> roles = java.util.EnumSet.noneOf(RespondentRole.class);
		for (ReminderRepository.SheetRow r : rows) {
			if (r.link().personId() != null) {
				wanted.add(r.link().personId());
				roles.add(r.link().role());
			}
		}
		Map<Long, Person> found = new HashMap<>();
		if (wanted.isEmpty() || !user.has(Permission.ROSTER_READ)) {
			return found;
		}
		Set<String> asked = new java.util.HashSet<>();
		for (Distribution.Target t : distributions.targets(d)) {
			if (!roles.contains(t.role())) {
				continue;
			}
			for (PostType post : DistributionService.POSTS.getOrDefault(t.role(), List.of())) {
				if (asked.add(post + "@" + t.regionCode())) {
					for (Person p : org.holdersOf(post, t.regionCode())) {
						if (wanted.contains(p.id())) {
							found.put(p.id(), p);
						}
					}
				}
			}
		}
		int lookups = 0;
		for (Long id : wanted) {
			if (!found.containsKey(id) && lookups++ < 500) {
				org.person(id).ifPresent(p -> found.put(p.id(), p));
			}
		}
		return found;
	}
}
