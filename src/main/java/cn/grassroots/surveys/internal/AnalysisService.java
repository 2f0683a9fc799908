package cn.grassroots.surveys.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.org.RegionLevel;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;

/**
 * The analysis of a questionnaire's responses within the caller's SURVEY_ANALYSE scope (filtered in
 * SQL): counts by role and region, every question's counts and shares, cross-tabs of two closed
 * questions (or a question by role or region), and ranked problems. Each reads the responses once,
 * decoding the closed answers by position (see {@link ResponseCodec}).
 */
@Service
public class AnalysisService {

	/** Optional narrowing: a region (and below) and a respondent role. */
	public record Filter(String region, String role) {
		public static final Filter NONE = new Filter(null, null);
	}

	public record Summary(long responses, RegionLevel level, Map<String, Long> byRole, Map<String, Long> byRegion) {
	}

	public record ValueCount(String value, Label label, long count, double share) {
	}

	/** {@code mean} for scales and numbers; {@code counts} for closed questions. */
	public record QuestionStatistics(String name, QuestionType type, Label label, long answered, List<ValueCount> counts,
			BigDecimal mean, BigDecimal min, BigDecimal max) {
	}

	public record Statistics(long responses, List<QuestionStatistics> questions) {
	}

	public record Crosstab(String row, String col, List<String> rows, List<Label> rowLabels, List<String> cols,
			List<Label> colLabels, long[][] counts) {
	}

	/** {@code points}: 3-2-1 (by places) for rankings, the count otherwise; {@code first}: times ranked first. */
	public record Ranked(String value, Label label, long count, long points, long first) {
	}

	public record Ranking(String question, QuestionType type, long responses, List<Ranked> items) {
	}

	private final QuestionnaireService questionnaires;
	private final QuestionnaireRepository repository;
	private final ResponseRepository responses;
	private final CurrentUser user;
	private final AnalysisSnapshots snapshots;
	private final Map<Long, ResponseCodec> codecs = new ConcurrentHashMap<>();

	AnalysisService(QuestionnaireService questionnaires, QuestionnaireRepository repository, ResponseRepository responses,
			CurrentUser user, AnalysisSnapshots snapshots) {
		this.snapshots = snapshots;
		this.questionnaires = questionnaires;
		this.repository = repository;
		this.responses = responses;
		this.user = user;
	}

	public ResponseCodec codec(long versionId) {
		return codecs.computeIfAbsent(versionId, id -> new ResponseCodec(repository.form(id)));
	}

	/** Every version's codec of a readable questionnaire, the current one first. */
	private record Context(Questionnaire questionnaire, Map<Long, ResponseCodec> codecs, AccessScope scope, Long from,
			Long to, String role) {

		ResponseCodec current() {
			return codecs.get(questionnaire.currentVersionId());
		}
	}

	private Context context(long id, Filter filter) {
		Questionnaire q = questionnaires.get(id);
		AccessScope scope = user.require(Permission.SURVEY_ANALYSE);
		Map<Long, ResponseCodec> all = new LinkedHashMap<>();
		all.put(q.currentVersionId(), codec(q.currentVersionId()));
		for (long[] v : repository.versions(id)) {
			all.putIfAbsent(v[1], codec(v[1]));
		}
		Long from = null;
		Long to = null;
		if (filter.region() != null && !filter.region().isBlank()) {
			long code = questionnaires.regionCode(filter.region())
				.orElseThrow(() -> InvalidInputException.of("region", "surveys.region.unknown"));
			if (!scope.overlapsRegion(code)) {
				throw new ForbiddenException("region " + code + " is outside your scope");
			}
			from = code;
			to = new cn.grassroots.platform.RegionCode(code).subtreeEnd();
		}
		String role = null;
		if (filter.role() != null && !filter.role().isBlank()) {
			role = RespondentRole.parse(filter.role())
				.orElseThrow(() -> InvalidInputException.of("role", "surveys.role.unknown"))
				.name();
		}
		return new Context(q, all, scope, from, to, role);
	}

	/** The responses in scope (the snapshot loaded with the scope's SQL condition), narrowed by the filters. */
	private void scan(Context c, ResponseRepository.ScanHandler handler) {
		snapshots.rows(c.questionnaire().id(), c.scope()).forEach(c.from(), c.to(), c.role(), handler);
	}

	static long divisor(RegionLevel level) {
		long d = 1;
		for (int i = level.shortLength(); i < 12; i++) {
			d *= 10;
		}
		return d;
	}

	@Transactional(readOnly = true)
	public Summary summary(long id, RegionLevel level, Filter filter) {
		Context c = context(id, filter);
		RegionLevel l = level == null ? RegionLevel.CITY : level;
		Map<String, Long> byRole = new LinkedHashMap<>();
		for (RespondentRole r : RespondentRole.values()) {
			byRole.put(r.name(), 0L);
		}
		long div = divisor(l);
		long[] total = { 0 };
		long[] roles = new long[RespondentRole.values().length];
		TreeMap<Long, long[]> regions = new TreeMap<>();
		scan(c, row -> {
			total[0]++;
			roles[RespondentRole.valueOf(row.role()).ordinal()]++;
			regions.computeIfAbsent(row.regionCode() / div * div, k -> new long[1])[0]++;
		});
		for (RespondentRole r : RespondentRole.values()) {
			byRole.put(r.name(), roles[r.ordinal()]);
		}
		Map<String, Long> byRegion = new LinkedHashMap<>();
		regions.forEach((code, n) -> byRegion.put(Long.toString(code), n[0]));
		return new Summary(total[0], l, byRole, byRegion);
	}

	private static final class Acc {
		long answered;
		long[] counts;
		BigDecimal sum = BigDecimal.ZERO;
		double dsum;
		BigDecimal min;
		BigDecimal max;
	}

	@Transactional(readOnly = true)
	public Statistics statistics(long id, Filter filter) {
		Context c = context(id, filter);
		List<Dimension> dims = new ArrayList<>();
		List<String> numberNames = new ArrayList<>();
		Map<String, Question> numberQuestions = new LinkedHashMap<>();
		for (String name : questionNames(c)) {
			Question q = question(c, name);
			if (q.type().closed()) {
				dims.add(new Dimension(name, c.codecs(), c.questionnaire().currentVersionId()));
			}
			else if (q.type() == QuestionType.INTEGER || q.type() == QuestionType.DECIMAL) {
				numberNames.add(name);
				numberQuestions.put(name, q);
			}
		}
		Acc[] closed = new Acc[dims.size()];
		for (int i = 0; i < closed.length; i++) {
			closed[i] = new Acc();
			closed[i].counts = new long[dims.get(i).size()];
		}
		Acc[] numbers = new Acc[numberNames.size()];
		for (int i = 0; i < numbers.length; i++) {
			numbers[i] = new Acc();
		}
		Map<Long, int[]> numberIndexes = new HashMap<>();
		c.codecs().forEach((vid, codec) -> numberIndexes.put(vid,
				numberNames.stream().mapToInt(codec::numberIndex).toArray()));
		long[] total = { 0 };
		java.util.function.IntConsumer[] counters = new java.util.function.IntConsumer[closed.length];
		for (int i = 0; i < closed.length; i++) {
			long[] counts = closed[i].counts;
			counters[i] = v -> counts[v]++;
		}
		scan(c, row -> {
			total[0]++;
			for (int i = 0; i < closed.length; i++) {
				if (dims.get(i).read(row.versionId(), row.closed(), counters[i]) > 0) {
					closed[i].answered++;
				}
			}
			if (numbers.length > 0 && !row.numbers().isEmpty()) {
				String[] parts = row.numbers().split(";", -1);
				int[] idx = numberIndexes.get(row.versionId());
				for (int i = 0; i < numbers.length; i++) {
					int k = idx[i];
					if (k >= 0 && k < parts.length && !parts[k].isEmpty()) {
						BigDecimal n = new BigDecimal(parts[k]);
						Acc acc = numbers[i];
						acc.answered++;
						acc.sum = acc.sum.add(n);
						acc.min = acc.min == null || n.compareTo(acc.min) < 0 ? n : acc.min;
						acc.max = acc.max == null || n.compareTo(acc.max) > 0 ? n : acc.max;
					}
				}
			}
		});
		List<QuestionStatistics> out = new ArrayList<>();
		int di = 0;
		int ni = 0;
		for (String name : questionNames(c)) {
			Question q = question(c, name);
			if (q.type().closed()) {
				Dimension d = dims.get(di);
				Acc acc = closed[di++];
				List<ValueCount> counts = new ArrayList<>();
				BigDecimal sum = BigDecimal.ZERO;
				for (int v = 0; v < d.size(); v++) {
					counts.add(new ValueCount(d.values.get(v), d.labels.get(v), acc.counts[v], share(acc.counts[v], acc.answered)));
					if (d.type == QuestionType.SCALE) {
						sum = sum.add(d.numeric(v).multiply(BigDecimal.valueOf(acc.counts[v])));
					}
				}
				BigDecimal mean = d.type == QuestionType.SCALE && acc.answered > 0
						? sum.divide(BigDecimal.valueOf(acc.answered), 4, RoundingMode.HALF_UP) : null;
				out.add(new QuestionStatistics(name, d.type, d.label, acc.answered, counts, mean, null, null));
			}
			else if (numberQuestions.containsKey(name)) {
				Acc acc = numbers[ni++];
				BigDecimal mean = acc.answered > 0 ? acc.sum.divide(BigDecimal.valueOf(acc.answered), 4, RoundingMode.HALF_UP) : null;
				out.add(new QuestionStatistics(name, q.type(), q.label(), acc.answered, List.of(), mean, acc.min, acc.max));
			}
		}
		return new Statistics(total[0], out);
	}

	static double share(long count, long of) {
		return of == 0 ? 0 : Math.round(count * 10000.0 / of) / 10000.0;
	}

	/** The current version's question names, then those only older versions have. */
	private static List<String> questionNames(Context c) {
		List<String> names = new ArrayList<>();
		c.codecs().values().forEach(codec -> codec.form().questions().forEach(q -> {
			if (!names.contains(q.name())) {
				names.add(q.name());
			}
		}));
		return names;
	}

	private static Question question(Context c, String name) {
		for (ResponseCodec codec : c.codecs().values()) {
			var q = codec.form().question(name);
			if (q.isPresent()) {
				return q.get();
			}
		}
		return null;
	}

	private Dimension closedDimension(Context c, String name, String field) {
		Question q = name == null ? null : question(c, name);
		if (q == null || !q.type().closed()) {
			throw InvalidInputException.of(field, "surveys.analysis.notClosed");
		}
		return new Dimension(name, c.codecs(), c.questionnaire().currentVersionId());
	}

	/**
	 * Counts of responses by the values of {@code row} (a closed question) and {@code col} (a closed
	 * question, {@code role}, or {@code region} at a level). A multiple choice or a ranking counts a
	 * response once under each value it gave.
	 */
	@Transactional(readOnly = true)
	public Crosstab crosstab(long id, String row, String col, RegionLevel level, Filter filter) {
		Context c = context(id, filter);
		Dimension r = closedDimension(c, row, "row");
		if (col == null || col.isBlank()) {
			throw InvalidInputException.of("col", "validation.required");
		}
		int[] rowValues = new int[Math.max(1, r.size())];
		if ("role".equals(col)) {
			RespondentRole[] roles = RespondentRole.values();
			long[][] counts = new long[r.size()][roles.length];
			scan(c, x -> {
				int j = RespondentRole.valueOf(x.role()).ordinal();
				r.read(x.versionId(), x.closed(), i -> counts[i][j]++);
			});
			List<String> cols = java.util.Arrays.stream(roles).map(Enum::name).toList();
			List<Label> colLabels = java.util.Arrays.stream(roles).map(x -> new Label(x.chinese(), null)).toList();
			return new Crosstab(row, col, r.values, r.labels, cols, colLabels, counts);
		}
		if ("region".equals(col)) {
			long div = divisor(level == null ? RegionLevel.CITY : level);
			TreeMap<Long, long[]> byRegion = new TreeMap<>();
			scan(c, x -> {
				long[] column = byRegion.computeIfAbsent(x.regionCode() / div * div, k -> new long[r.size()]);
				r.read(x.versionId(), x.closed(), i -> column[i]++);
			});
			List<String> cols = byRegion.keySet().stream().map(k -> Long.toString(k)).toList();
			long[][] counts = new long[r.size()][cols.size()];
			int j = 0;
			for (long[] column : byRegion.values()) {
				for (int i = 0; i < r.size(); i++) {
					counts[i][j] = column[i];
				}
				j++;
			}
			List<Label> colLabels = cols.stream().map(x -> new Label(x, x)).toList();
			return new Crosstab(row, col, r.values, r.labels, cols, colLabels, counts);
		}
		Dimension k = closedDimension(c, col, "col");
		long[][] counts = new long[r.size()][k.size()];
		int[] n = { 0 };
		scan(c, x -> {
			n[0] = 0;
			r.read(x.versionId(), x.closed(), i -> rowValues[n[0]++] = i);
			if (n[0] == 0) {
				return;
			}
			int given = n[0];
			k.read(x.versionId(), x.closed(), j -> {
				for (int a = 0; a < given; a++) {
					counts[rowValues[a]][j]++;
				}
			});
		});
		return new Crosstab(row, col, r.values, r.labels, k.values, k.labels, counts);
	}

	/**
	 * Ranked problems: a ranking's choices by points (first place = as many points as places, 3-2-1
	 * for a top 3), a multiple or single choice by count; ties by count, then by order.
	 */
	@Transactional(readOnly = true)
	public Ranking ranking(long id, String question, Filter filter) {
		Context c = context(id, filter);
		Dimension d = closedDimension(c, question, "question");
		long[] counts = new long[d.size()];
		long[] points = new long[d.size()];
		long[] first = new long[d.size()];
		long[] total = { 0 };
		int[] places = new int[d.places];
		scan(c, x -> {
			total[0]++;
			if (d.type == QuestionType.RANKING) {
				d.readRanked(x.versionId(), x.closed(), places);
				for (int p = 0; p < places.length; p++) {
					if (places[p] >= 0) {
						counts[places[p]]++;
						points[places[p]] += places.length - p;
						if (p == 0) {
							first[places[p]]++;
						}
					}
				}
			}
			else {
				d.read(x.versionId(), x.closed(), v -> {
					counts[v]++;
					points[v]++;
				});
			}
		});
		List<Ranked> items = new ArrayList<>();
		for (int v = 0; v < d.size(); v++) {
			items.add(new Ranked(d.values.get(v), d.labels.get(v), counts[v], points[v],
					d.type == QuestionType.RANKING ? first[v] : counts[v]));
		}
		List<Ranked> sorted = new ArrayList<>(items);
		sorted.sort(Comparator.comparingLong(Ranked::points).reversed().thenComparing(Comparator.comparingLong(Ranked::count).reversed())
			.thenComparingInt(items::indexOf));
		return new Ranking(question, d.type, total[0], sorted);
	}
}
