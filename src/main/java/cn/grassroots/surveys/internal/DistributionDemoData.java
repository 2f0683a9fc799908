package cn.grassroots.surveys.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.grassroots.org.RegionLevel;
import cn.grassroots.platform.RegionCode;

/**
 * The demo's distributions (demo profile, after the surveys demo has written its 20,000
 * responses): the per-person links those responses came in through — per township and role, the
 * links sent (a quarter more than answered) and the answered ones used, with receipts — and an open
 * link for residents with a quota per city, still taking answers. The rates page thus shows the
 * demo's real figures. Link tokens are random and kept only hashed, as for any distribution; the
 * demo's responses are anonymous, so nothing ties a link to a response.
 */
@Component
@Order(22)
class DistributionDemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DistributionDemoData.class);

	private final DistributionRepository distributions;
	private final JdbcClient jdbc;
	private final Environment environment;
	private final TransactionTemplate tx;

	DistributionDemoData(DistributionRepository distributions, JdbcClient jdbc, Environment environment,
			TransactionTemplate tx) {
		this.distributions = distributions;
		this.jdbc = jdbc;
		this.environment = environment;
		this.tx = tx;
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
				String hash = AnswerTokens.hash(AnswerTokens.newToken());
				rows.add(new DistributionRepository.NewInvitation(hash, RespondentRole.valueOf(g.role()), g.region(), target, null,
						null));
				if (i < g.answered()) {
					used.add(hash);
				}
			}
		}
		distributions.insertInvitations(d, rows, opened.isBefore(now) ? opened : now);
		for (int from = 0; from < used.size(); from += 1000) {
			List<String> chunk = used.subList(from, Math.min(used.size(), from + 1000));
			jdbc.sql("UPDATE survey_invitation SET used_at = :at, receipt = 'DEMO' WHERE token_hash IN (:h)")
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
