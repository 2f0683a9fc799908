package cn.grassroots.surveys.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.RegionLevel;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.RegionCode;
import cn.grassroots.platform.Sql;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.jobs.Job;
import cn.grassroots.platform.jobs.JobContext;
import cn.grassroots.platform.jobs.JobFailedException;
import cn.grassroots.platform.jobs.JobHandler;
import cn.grassroots.platform.jobs.JobService;
import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;
import cn.grassroots.platform.security.ScopeFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open-text analysis (SURVEY_TEXT_ANALYSIS, a background job): every short and long text answer of a
 * questionnaire in a region is segmented ({@link GovernanceSegmenter}), its distinct terms counted
 * under the respondent's role and region (one level below the region analysed), and the distinctive
 * terms of each group found against the rest ({@link DistinctiveTerms}); a second read collects up to
 * three representative answers for each term shown. The result is stored (JSON text) for the region
 * and shown to whoever's SURVEY_ANALYSE scope covers that region.
 */
@Service
public class TextAnalysisService implements JobHandler {

	public static final String KIND = "SURVEY_TEXT_ANALYSIS";

	public record TermFigure(String term, long count, double share, Double z, List<String> examples) {
	}

	public record GroupTerms(String group, String name, long answers, List<TermFigure> terms) {
	}

	public record QuestionTerms(String name, String label, String labelEn, long answers, List<TermFigure> terms,
			List<GroupTerms> roles, List<GroupTerms> regions) {
	}

	public record TextAnalysis(long id, long questionnaireId, String region, String groupLevel, long responses, long answers,
			Instant createdAt, String createdBy, List<QuestionTerms> questions) {
	}

	record Parameters(long questionnaireId, Long region) {
	}

	/** What one answer group shows: the most distinctive terms (z ≥ 1.96, i.e. 5 % two-sided). */
	static final double MIN_Z = 1.96;
	static final int MIN_COUNT = 3;
	static final int TERMS_PER_GROUP = 10;
	static final int TOP_TERMS = 30;
	static final int EXAMPLES = 3;
	static final int MAX_REGION_GROUPS = 100;
	private static final int SEGMENT_CACHE = 50_000;

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TextAnalysisService.class);

	private final QuestionnaireService questionnaires;
	private final GovernanceSegmenter segmenter;
	private final OrgDirectory directory;
	private final JobService jobs;
	private final CurrentUser user;
	private final AuditLog audit;
	private final JdbcClient jdbc;
	private final NamedParameterJdbcTemplate streaming;
	private final JsonMapper json = JsonMapper.builder().build();

	TextAnalysisService(QuestionnaireService questionnaires, GovernanceSegmenter segmenter, OrgDirectory org, JobService jobs,
			CurrentUser user, AuditLog audit, JdbcClient jdbc, JdbcTemplate template) {
		this.questionnaires = questionnaires;
		this.segmenter = segmenter;
		this.directory = org;
		this.jobs = jobs;
		this.user = user;
		this.audit = audit;
		this.jdbc = jdbc;
		JdbcTemplate t = new JdbcTemplate(template.getDataSource());
		t.setFetchSize(5000);
		this.streaming = new NamedParameterJdbcTemplate(t);
	}

	@Override
	public String kind() {
		return KIND;
	}

	/**
	 * The region analysed: the one asked for (short or 12-digit), else the questionnaire's, which the
	 * caller's SURVEY_ANALYSE scope must cover (null = every response, for a scope of everything).
	 */
	private Long region(Questionnaire q, String regionText) {
		Long region;
		if (regionText != null && !regionText.isBlank()) {
			region = questionnaires.regionCode(regionText.strip())
				.orElseThrow(() -> InvalidInputException.of("region", "surveys.region.unknown"));
		}
		else {
			region = q.regionCode();
			AccessScope scope = user.require(Permission.SURVEY_ANALYSE);
			if (region == null && !scope.all()) {
				region = scope.regionRanges().isEmpty() ? null : scope.regionRanges().get(0).from();
			}
			else if (region != null && !scope.coversRegion(region) && scope.regionRanges().size() == 1
					&& new RegionCode(region).subtreeEnd() >= scope.regionRanges().get(0).to()) {
				// a city officer looking at a province's questionnaire: their own city
				region = scope.regionRanges().get(0).from();
			}
		}
		if (region == null) {
			if (!user.require(Permission.SURVEY_ANALYSE).all()) {
				throw new ForbiddenException("the whole questionnaire is outside your scope");
			}
			return null;
		}
		user.requireRegion(Permission.SURVEY_ANALYSE, region);
		return region;
	}

	/** Queues the analysis of a questionnaire's open answers in a region; 403 outside the caller's scope. */
	public Job submit(long questionnaireId, String regionText) {
		Questionnaire q = questionnaires.get(questionnaireId);
		Long region = region(q, regionText);
		return jobs.submit(KIND, json.writeValueAsString(new Parameters(q.id(), region)));
	}

	/** The latest stored analysis of the region (default as for {@link #submit}). */
	public Optional<TextAnalysis> latest(long questionnaireId, String regionText) {
		Questionnaire q = questionnaires.get(questionnaireId);
		Long region = region(q, regionText);
		return jdbc.sql("SELECT id, result FROM survey_text_analysis WHERE questionnaire_id = :q AND "
				+ (region == null ? "region_code IS NULL" : "region_code = :region") + " ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
			.param("q", questionnaireId)
			.params(region == null ? Map.of() : Map.of("region", region))
			.query((rs, n) -> {
				TextAnalysis r = json.readValue(rs.getString(2), TextAnalysis.class);
				return new TextAnalysis(rs.getLong(1), r.questionnaireId(), r.region(), r.groupLevel(), r.responses(), r.answers(),
						r.createdAt(), r.createdBy(), r.questions());
			})
			.optional();
	}

	/** The region the analysis would cover for the caller (for the page's heading). */
	public Long regionFor(long questionnaireId, String regionText) {
		return region(questionnaires.get(questionnaireId), regionText);
	}

	@Override
	public void run(JobContext context) throws Exception {
		Parameters p = json.readValue(context.parameters(), Parameters.class);
		Questionnaire q;
		try {
			q = questionnaires.get(p.questionnaireId());
			if (p.region() == null) {
				if (!user.require(Permission.SURVEY_ANALYSE).all()) {
					throw new ForbiddenException("everything");
				}
			}
			else {
				user.requireRegion(Permission.SURVEY_ANALYSE, p.region());
			}
		}
		catch (ForbiddenException e) {
			throw new JobFailedException("job.failed.forbidden");
		}
		long t0 = System.nanoTime();
		TextAnalysis result = analyse(q, p.region(), context);
		long id = Sql.insert(jdbc.sql("INSERT INTO survey_text_analysis (questionnaire_id, region_code, job_id, responses, "
				+ "answers, result, created_by, created_at) VALUES (:q, :region, :job, :responses, :answers, :result, :by, :at)")
			.param("q", q.id())
			.param("region", p.region())
			.param("job", context.jobId())
			.param("responses", result.responses())
			.param("answers", result.answers())
			.param("result", json.writeValueAsString(result))
			.param("by", context.owner())
			.param("at", Sql.utc(result.createdAt())));
		audit.action("SURVEY_TEXT_ANALYSIS").target("questionnaire", q.id()).region(p.region())
			.after(Map.of("analysis", id, "responses", result.responses(), "answers", result.answers(), "job", context.jobId()))
			.record();
		log.info("survey text analysis job {}: {} answers of {} responses in {} ms", context.jobId(), result.answers(),
				result.responses(), (System.nanoTime() - t0) / 1_000_000);
		context.rows(result.responses());
		context.progress(1);
		context.message("surveys.text.done");
	}

	/** The open answers of one response as read. */
	private record OpenRow(String role, long region, Map<String, String> answers) {
	}

	private void scan(long questionnaireId, Long region, java.util.function.Consumer<OpenRow> consumer) {
		ScopeFilter.Condition c = ResponseRepository.SCOPE.condition(user.require(Permission.SURVEY_ANALYSE));
		Map<String, Object> params = new HashMap<>(c.params());
		params.put("q", questionnaireId);
		String sql = "SELECT r.role, r.region_code, r.open_answers FROM survey_response r WHERE r.questionnaire_id = :q AND "
				+ c.sql() + " AND r.open_answers IS NOT NULL";
		if (region != null) {
			sql += " AND r.region_code BETWEEN :from AND :to";
			params.put("from", region);
			params.put("to", new RegionCode(region).subtreeEnd());
		}
		streaming.query(sql, params, rs -> {
			Map<String, String> open = json.readValue(rs.getString(3),
					new tools.jackson.core.type.TypeReference<LinkedHashMap<String, String>>() {
					});
			consumer.accept(new OpenRow(rs.getString(1), rs.getLong(2), open));
		});
	}

	/** The level the regions are grouped at: one below the region analysed (provinces for everything). */
	static RegionLevel groupLevel(Long region) {
		if (region == null) {
			return RegionLevel.PROVINCE;
		}
		String s = new RegionCode(region).shortForm();
		RegionLevel level = RegionLevel.ofShortLength(s.length());
		return level == RegionLevel.VILLAGE ? level : RegionLevel.values()[level.ordinal() + 1];
	}

	TextAnalysis analyse(Questionnaire q, Long region, JobContext context) {
		Form form = questionnaires.form(q.currentVersionId());
		List<Question> texts = form.questions().stream()
			.filter(x -> x.type() == QuestionType.TEXT || x.type() == QuestionType.LONG_TEXT)
			.toList();
		GovernanceSegmenter.Terms segment = segmenter.terms();
		RegionLevel level = groupLevel(region);
		long div = AnalysisService.divisor(level);
		Map<String, DistinctiveTerms> byQuestion = new LinkedHashMap<>();
		texts.forEach(x -> byQuestion.put(x.name(), new DistinctiveTerms()));
		long expected = Math.max(1, jdbc.sql("SELECT COUNT(*) FROM survey_response WHERE questionnaire_id = :q")
			.param("q", q.id()).query(Long.class).single());
		Map<String, Set<String>> cache = new LinkedHashMap<>(1024, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
				return size() > SEGMENT_CACHE;
			}
		};
		long[] responses = { 0 };
		// pass 1: count terms per role and region
		scan(q.id(), region, row -> {
			responses[0]++;
			String regionGroup = "R" + (row.region() / div * div);
			String roleGroup = "P" + row.role();
			row.answers().forEach((name, text) -> {
				DistinctiveTerms d = byQuestion.get(name);
				if (d == null || text == null || text.isBlank()) {
					return;
				}
				Set<String> terms = cache.get(text);
				if (terms == null) {
					terms = segment.distinct(text);
					cache.put(text, terms);
				}
				d.add(terms, roleGroup, regionGroup);
			});
			if (responses[0] % 5000 == 0) {
				context.progress(Math.min(0.7, 0.7 * responses[0] / expected));
				context.rows(responses[0]);
			}
		});
		context.progress(0.7);
		// choose what to show, then pass 2: representative answers for each term shown
		Map<String, Map<String, List<DistinctiveTerms.Scored>>> shown = new LinkedHashMap<>();
		byQuestion.forEach((name, d) -> {
			Map<String, List<DistinctiveTerms.Scored>> groups = new LinkedHashMap<>();
			groups.put("*", d.top(TOP_TERMS));
			for (String g : d.groups()) {
				groups.put(g, d.distinctive(g, MIN_Z, MIN_COUNT, TERMS_PER_GROUP));
			}
			shown.put(name, groups);
		});
		Map<String, Map<String, Map<String, List<String>>>> examples = new HashMap<>();
		scan(q.id(), region, row -> {
			String regionGroup = "R" + (row.region() / div * div);
			String roleGroup = "P" + row.role();
			row.answers().forEach((name, text) -> {
				Map<String, List<DistinctiveTerms.Scored>> groups = shown.get(name);
				if (groups == null || text == null || text.isBlank()) {
					return;
				}
				for (String g : new String[] { "*", roleGroup, regionGroup }) {
					List<DistinctiveTerms.Scored> terms = groups.get(g);
					if (terms == null) {
						continue;
					}
					for (DistinctiveTerms.Scored t : terms) {
						List<String> list = examples.computeIfAbsent(name, k -> new HashMap<>())
							.computeIfAbsent(g, k -> new HashMap<>())
							.computeIfAbsent(t.term(), k -> new ArrayList<>(EXAMPLES));
						if (list.size() < EXAMPLES && text.contains(t.term()) && !list.contains(text.strip())) {
							list.add(text.strip().length() > 300 ? text.strip().substring(0, 300) + "…" : text.strip());
						}
					}
				}
			});
		});
		context.progress(0.95);
		List<QuestionTerms> questions = new ArrayList<>();
		long answers = 0;
		for (Question x : texts) {
			DistinctiveTerms d = byQuestion.get(x.name());
			answers += d.answers();
			Map<String, List<DistinctiveTerms.Scored>> groups = shown.get(x.name());
			Map<String, Map<String, List<String>>> ex = examples.getOrDefault(x.name(), Map.of());
			List<GroupTerms> roles = new ArrayList<>();
			for (RespondentRole role : RespondentRole.values()) {
				String g = "P" + role.name();
				if (d.answers(g) > 0) {
					roles.add(new GroupTerms(role.name(), role.chinese(), d.answers(g), figures(groups.get(g), ex.get(g))));
				}
			}
			List<GroupTerms> regions = new ArrayList<>();
			groups.keySet().stream()
				.filter(g -> g.startsWith("R"))
				.sorted((a, b) -> Long.compare(d.answers(b), d.answers(a)))
				.limit(MAX_REGION_GROUPS)
				.sorted()
				.forEach(g -> {
					long code = Long.parseLong(g.substring(1));
					String name = directory.region(code).map(r -> r.name()).orElse(Long.toString(code));
					regions.add(new GroupTerms(Long.toString(code), name, d.answers(g), figures(groups.get(g), ex.get(g))));
				});
			questions.add(new QuestionTerms(x.name(), x.label().zh(), x.label().en(), d.answers(),
					figures(groups.get("*"), ex.get("*")), roles, regions));
		}
		return new TextAnalysis(0, q.id(), region == null ? null : Long.toString(region), level.name(), responses[0], answers,
				Instant.now(), context.owner(), questions);
	}

	private static List<TermFigure> figures(List<DistinctiveTerms.Scored> terms, Map<String, List<String>> examples) {
		List<TermFigure> out = new ArrayList<>();
		if (terms == null) {
			return out;
		}
		for (DistinctiveTerms.Scored t : terms) {
			out.add(new TermFigure(t.term(), t.count(), t.share(), t.z(),
					examples == null ? List.of() : List.copyOf(new LinkedHashSet<>(examples.getOrDefault(t.term(), List.of())))));
		}
		return out;
	}
}
