package cn.grassroots.surveys.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.PostHolding;
import cn.grassroots.org.RegionLevel;
import cn.grassroots.platform.RegionCode;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.crypto.FieldCipher;

/**
 * The demo's distributions (demo profile, after the surveys demo has written its 20,000
 * responses): the per-person links those responses came in through — per township and role, the
 * links sent (a quarter more than answered) and the answered ones used, with receipts — and an open
 * link for residents with a quota per city, still taking answers. The rates page thus shows the
 * demo's real figures. Link tokens are random and kept only hashed, as for any distribution; the
 * demo's responses are anonymous, so nothing ties a link to a response.
 * <p>
 * Then, once the application is ready (every start-up runner done, so the training demo has added
 * its community secretaries to the roster), a named distribution: one link per current holder of a
 * community or village secretary's post in Heilongjiang, tied to the person, read from the roster
 * through {@link OrgDirectory#postHoldingsForSystemTask} (there is no signed-in user here; the read
 * is audited), about two in three answered with their responses stored as named online answers.
 */
@Component
@Order(22)
class DistributionDemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DistributionDemoData.class);

	private final DistributionRepository distributions;
	private final JdbcClient jdbc;
	private final Environment environment;
	private final TransactionTemplate tx;
	private final OrgDirectory org;
	private final QuestionnaireRepository questionnaires;
	private final ResponseRepository responses;
	private final AuditLog audit;
	private final FieldCipher cipher;
	/** Released when the application is ready: every ApplicationRunner (the training demo's too) has run. */
	private final CountDownLatch ready = new CountDownLatch(1);

	static final String NAMED = "培训前调研 · 社区书记实名";

	DistributionDemoData(DistributionRepository distributions, JdbcClient jdbc, Environment environment,
			TransactionTemplate tx, OrgDirectory org, QuestionnaireRepository questionnaires, ResponseRepository responses,
			AuditLog audit, FieldCipher cipher) {
		this.audit = audit;
		this.cipher = cipher;
		this.org = org;
		this.questionnaires = questionnaires;
		this.responses = responses;
		this.distributions = distributions;
		this.jdbc = jdbc;
		this.environment = environment;
		this.tx = tx;
	}

	@EventListener(ApplicationReadyEvent.class)
	void ready() {
		ready.countDown();
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!environment.acceptsProfiles(Profiles.of("demo")) || environment.acceptsProfiles(Profiles.of("prod"))) {
			return;
		}
		if (jdbc.sql("SELECT COUNT(*) FROM survey_distribution").query(Long.class).single() > 0) {
			return;
		}
		Thread thread = new Thread(() -> {
			try {
				load();
			}
			catch (RuntimeException | InterruptedException e) {
				log.warn("Distribution demo stopped: {}", e.toString());
			}
		}, "surveys-distribution-demo");
		thread.setDaemon(true);
		thread.start();
	}

	private void load() throws InterruptedException {
		Long id = null;
		// the surveys demo writes in the background too: wait until its responses are all in
		for (int i = 0; i < 1200; i++) {
			id = jdbc.sql("SELECT id FROM survey_questionnaire WHERE form_id = :f").param("f", SurveysDemoData.FORM_ID)
				.query(Long.class).optional().orElse(null);
			if (id != null && jdbc.sql("SELECT COUNT(*) FROM survey_response WHERE questionnaire_id = :q").param("q", id)
				.query(Long.class).single() >= SurveysDemoData.RESPONSES) {
				break;
			}
			Thread.sleep(500);
		}
		if (id == null) {
			return;
		}
		long questionnaire = id;
		long versionId = jdbc.sql("SELECT v.id FROM survey_version v JOIN survey_questionnaire q ON q.id = v.questionnaire_id "
				+ "AND v.number = q.current_version WHERE q.id = :q").param("q", questionnaire).query(Long.class).single();
		long start = System.nanoTime();
		int links = tx.execute(s -> tokens(questionnaire, versionId));
		tx.executeWithoutResult(s -> open(questionnaire, versionId));
		log.info("Distribution demo loaded: {} links, an open link, in {} ms", links, (System.nanoTime() - start) / 1_000_000);
		// the roster's secretaries are complete once every start-up runner has run
		if (!ready.await(10, TimeUnit.MINUTES)) {
			log.warn("Distribution demo: the application was not ready in 10 minutes; no named distribution");
			return;
		}
		long named = System.nanoTime();
		int[] made = tx.execute(s -> named(questionnaire, versionId));
		log.info("Distribution demo: named links for {} community secretaries, {} answered, in {} ms", made[0], made[1],
				(System.nanoTime() - named) / 1_000_000);
	}

	/**
	 * The named distribution: a link per person holding a community (or village) secretary's post in
	 * Heilongjiang today, targets per city as many as hold the post there, two in three answered
	 * (deterministically) with a response each that carries its link, as a named online answer does.
	 * Returns the links made and answered.
	 */
	private int[] named(long questionnaire, long versionId) {
		Instant now = Instant.now();
		long hlj = SurveysDemoData.HEILONGJIANG;
		RespondentRole role = RespondentRole.COMMUNITY_SECRETARY;
		Map<Long, PostHolding> people = new LinkedHashMap<>();
		for (PostHolding h : org.postHoldingsForSystemTask(DistributionService.POSTS.get(role), hlj, LocalDate.now(),
				"surveys demo: named links of the pre-training questionnaire to the community secretaries")) {
			people.putIfAbsent(h.personId(), h); // one link a person, whatever posts they hold
		}
		if (people.isEmpty()) {
			return new int[2];
		}
		Instant opened = now.minus(3, ChronoUnit.DAYS);
		long d = distributions.insert(new Distribution(0, questionnaire, versionId, NAMED, Distribution.Kind.TOKENS, false, hlj,
				opened, now.plus(30, ChronoUnit.DAYS), null, "demo", now), new RegionCode(hlj).subtreeEnd());
		Map<Long, Integer> perCity = new TreeMap<>();
		people.values().forEach(h -> perCity.merge(DistributionService.atLevel(h.personRegionCode(), RegionLevel.CITY), 1,
				Integer::sum));
		perCity.forEach((city, n) -> distributions.insertTarget(d, new Distribution.Target(0, role, city, n, 0)));
		Map<Long, Long> targetIds = new LinkedHashMap<>();
		distributions.targets(d).forEach(t -> targetIds.put(t.regionCode(), t.id()));
		List<DistributionRepository.NewInvitation> rows = new ArrayList<>();
		for (PostHolding h : people.values()) {
			String token = AnswerTokens.newToken();
			rows.add(new DistributionRepository.NewInvitation(AnswerTokens.hash(token), role, h.personRegionCode(),
					targetIds.get(DistributionService.atLevel(h.personRegionCode(), RegionLevel.CITY)), h.personId(),
					h.personName(), cipher.encrypt(token)));
		}
		distributions.insertInvitations(d, rows, opened);
		record Sent(long id, long region) {
		}
		List<Sent> sent = jdbc.sql("SELECT id, region_code FROM survey_invitation WHERE distribution_id = :d ORDER BY id")
			.param("d", d)
			.query((rs, n) -> new Sent(rs.getLong(1), rs.getLong(2)))
			.list();
		ResponseCodec codec = new ResponseCodec(questionnaires.form(versionId));
		Random random = new Random(20260310L);
		List<ResponseRepository.NewResponse> answered = new ArrayList<>();
		for (Sent link : sent) {
			if (random.nextInt(3) == 0) {
				continue;
			}
			Instant at = opened.plusSeconds(random.nextInt(3 * 24 * 3600 - 60));
			distributions.markUsed(link.id(), at, AnswerTokens.newReceipt());
			answered.add(new ResponseRepository.NewResponse(questionnaire, versionId, link.region(), role, "link:" + link.id(),
					"ONLINE", null, at, codec.encode(SurveysDemoData.answers(random, role))));
		}
		responses.insert(answered);
		audit.action("SURVEY_DISTRIBUTION_CREATE").target("distribution", d).region(hlj)
			.detail("demo: named links from the roster, " + sent.size() + " links, " + answered.size() + " answered")
			.after(Map.of("name", NAMED, "kind", "TOKENS", "anonymous", false, "links", sent.size(), "answered", answered.size()))
			.record();
		return new int[] { sent.size(), answered.size() };
	}

	private int tokens(long questionnaire, long versionId) {
		Instant now = Instant.now();
		Instant opened = Instant.parse("2026-03-01T00:00:00Z");
		long hlj = SurveysDemoData.HEILONGJIANG;
		long d = distributions.insert(new Distribution(0, questionnaire, versionId, "会前调研 · 一人一码", Distribution.Kind.TOKENS,
				true, hlj, opened.isBefore(now) ? opened : now.minus(1, ChronoUnit.DAYS), now.plus(30, ChronoUnit.DAYS), null,
				"demo", now), new RegionCode(hlj).subtreeEnd());
		record Group(long region, String role, int answered) {
		}
		List<Group> groups = jdbc.sql("SELECT region_code, role, COUNT(*) FROM survey_response WHERE questionnaire_id = :q "
				+ "GROUP BY region_code, role ORDER BY region_code, role").param("q", questionnaire)
			.query((rs, n) -> new Group(rs.getLong(1), rs.getString(2), rs.getInt(3)))
			.list();
		// targets per city and role: how many links went there
		Map<String, Integer> quota = new LinkedHashMap<>();
		for (Group g : groups) {
			quota.merge(DistributionService.atLevel(g.region(), RegionLevel.CITY) + "/" + g.role(), sent(g.answered()), Integer::sum);
		}
		quota.forEach((key, n) -> {
			String[] k = key.split("/");
			distributions.insertTarget(d, new Distribution.Target(0, RespondentRole.valueOf(k[1]), Long.parseLong(k[0]), n, 0));
		});
		Map<String, Long> targetIds = new LinkedHashMap<>();
		distributions.targets(d).forEach(t -> targetIds.put(t.regionCode() + "/" + t.role().name(), t.id()));
		List<DistributionRepository.NewInvitation> rows = new ArrayList<>();
		List<String> used = new ArrayList<>();
		for (Group g : groups) {
			Long target = targetIds.get(DistributionService.atLevel(g.region(), RegionLevel.CITY) + "/" + g.role());
			for (int i = 0; i < sent(g.answered()); i++) {
				String token = AnswerTokens.newToken();
				String hash = AnswerTokens.hash(token);
				rows.add(new DistributionRepository.NewInvitation(hash, RespondentRole.valueOf(g.role()), g.region(), target, null,
						null, cipher.encrypt(token)));
				if (i < g.answered()) {
					used.add(hash);
				}
			}
		}
		distributions.insertInvitations(d, rows, opened.isBefore(now) ? opened : now);
		for (int from = 0; from < used.size(); from += 1000) {
			List<String> chunk = used.subList(from, Math.min(used.size(), from + 1000));
			jdbc.sql("INSERT INTO survey_invitation_use (invitation_id, used_at, receipt) "
					+ "SELECT id, :at, 'DEMO' FROM survey_invitation WHERE token_hash IN (:h)")
				.param("at", cn.grassroots.platform.Sql.utc(now))
				.param("h", chunk)
				.update();
		}
		return rows.size();
	}

	/** A quarter more links were sent than came back. */
	private static int sent(int answered) {
		return answered + (answered + 3) / 4;
	}

	private void open(long questionnaire, long versionId) {
		Instant now = Instant.now();
		long hlj = SurveysDemoData.HEILONGJIANG;
		long d = distributions.insert(new Distribution(0, questionnaire, versionId, "居民意见 · 公开链接", Distribution.Kind.OPEN, true,
				hlj, now.minus(1, ChronoUnit.DAYS), now.plus(30, ChronoUnit.DAYS), AnswerTokens.newOpenKey(), "demo", now),
				new RegionCode(hlj).subtreeEnd());
		List<Long> cities = jdbc.sql("SELECT DISTINCT t.region_code FROM survey_target t JOIN survey_distribution x "
				+ "ON x.id = t.distribution_id WHERE x.questionnaire_id = :q AND x.kind = 'TOKENS'")
			.param("q", questionnaire).query(Long.class).list();
		cities.stream().sorted().forEach(city -> distributions.insertTarget(d,
				new Distribution.Target(0, RespondentRole.RESIDENT, city, 200, 0)));
	}
}
