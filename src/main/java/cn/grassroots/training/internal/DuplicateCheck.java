package cn.grassroots.training.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.grassroots.platform.Sql;
import cn.grassroots.training.internal.ProgrammeRepository.Programme;

/**
 * Duplicate-training control (多头培训、重复调训), set-based: three queries over every candidate
 * at once, whatever their number.
 * <ul>
 * <li>SAME_TOPIC_IN_WINDOW: a non-excused enrolment in another programme sharing a topic category
 * that ended at most the programme's window (365 days by default) before this one starts, or
 * overlaps it;</li>
 * <li>SUMMONS_LIMIT: the person already has as many confirmed enrolments in programmes starting
 * in this programme's calendar year as the programme allows (2 by default), so this one would be
 * more than allowed;</li>
 * <li>TRAINED_HIGHER: such a same-topic enrolment in a programme sponsored at a higher level
 * (PROVINCE &gt; CITY &gt; COUNTY &gt; TOWNSHIP), or a national training recorded by hand on a shared
 * topic in the same window.</li>
 * </ul>
 */
@Repository
public class DuplicateCheck {

	public enum Kind {
		SAME_TOPIC_IN_WINDOW, SUMMONS_LIMIT, TRAINED_HIGHER
	}

	/** One finding: the earlier programme, or the hand-recorded training, that caused it. */
	public record Finding(long personId, Kind finding, Long earlierProgrammeId, Long earlierRecordId) {
	}

	/** Who is checked: a SQL condition over a person-id column, and its parameters. */
	public record Candidates(Function<String, String> condition, Map<String, Object> params) {

		public static Candidates ids(List<Long> personIds) {
			return new Candidates(column -> column + " IN (:cids)", Map.of("cids", personIds));
		}

		public static Candidates batch(long programmeId, long batch) {
			// a correlated EXISTS on the (programme, person) key: H2 re-ran an IN (subquery) for every
			// outer row, which made enrolling 2,720 people take minutes (bench/training.sh)
			return new Candidates(column -> "EXISTS (SELECT 1 FROM training_enrolment b WHERE b.programme_id = :cprogramme"
					+ " AND b.person_id = " + column + " AND b.batch_no = :cbatch)",
					Map.of("cprogramme", programmeId, "cbatch", batch));
		}
	}

	private static final String RANK_Q = "CASE q.sponsor_level WHEN 'PROVINCE' THEN 1 WHEN 'CITY' THEN 2"
			+ " WHEN 'COUNTY' THEN 3 ELSE 4 END";

	private final JdbcClient jdbc;

	DuplicateCheck(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Finding> check(Programme p, Candidates candidates) {
		if (candidates.params().get("cids") instanceof List<?> ids && ids.isEmpty()) {
			return List.of();
		}
		Map<String, Object> params = new HashMap<>(candidates.params());
		params.put("p", p.id());
		params.put("windowStart", p.startDate().minusDays(p.settings().sameTopicWindowDays()));
		params.put("pEnd", p.endDate());
		params.put("pRank", rank(p.sponsorLevel()));
		params.put("yearStart", LocalDate.of(p.startDate().getYear(), 1, 1));
		params.put("yearEnd", LocalDate.of(p.startDate().getYear(), 12, 31));
		params.put("limit", p.settings().summonsLimit());
		List<Finding> findings = new ArrayList<>();
		String sameTopic = """
				FROM training_enrolment e JOIN training_programme q ON q.id = e.programme_id
				WHERE %s AND e.programme_id <> :p AND e.status <> 'EXCUSED'
				  AND q.end_date >= :windowStart AND q.start_date <= :pEnd
				  AND EXISTS (SELECT 1 FROM training_programme_topic t1 JOIN training_programme_topic t2 ON t2.topic = t1.topic
				              WHERE t1.programme_id = q.id AND t2.programme_id = :p)""".formatted(
				candidates.condition().apply("e.person_id"));
		jdbc.sql("SELECT e.person_id, MAX(e.programme_id) AS earlier " + sameTopic + " GROUP BY e.person_id")
			.params(params)
			.query((rs, n) -> new Finding(rs.getLong("person_id"), Kind.SAME_TOPIC_IN_WINDOW, rs.getLong("earlier"), null))
			.list()
			.forEach(findings::add);
		jdbc.sql("SELECT e.person_id, MAX(e.programme_id) AS earlier " + sameTopic + " AND " + RANK_Q
				+ " < :pRank GROUP BY e.person_id")
			.params(params)
			.query((rs, n) -> new Finding(rs.getLong("person_id"), Kind.TRAINED_HIGHER, rs.getLong("earlier"), null))
			.list()
			.forEach(findings::add);
		jdbc.sql("""
				SELECT x.person_id, MAX(x.id) AS record FROM training_external_record x
				WHERE %s AND x.level = 'NATIONAL' AND x.end_date >= :windowStart AND x.end_date <= :pEnd
				  AND x.topic IN (SELECT t.topic FROM training_programme_topic t WHERE t.programme_id = :p)
				GROUP BY x.person_id""".formatted(candidates.condition().apply("x.person_id")))
			.params(params)
			.query((rs, n) -> new Finding(rs.getLong("person_id"), Kind.TRAINED_HIGHER, null, rs.getLong("record")))
			.list()
			.stream()
			.filter(f -> findings.stream().noneMatch(g -> g.personId() == f.personId() && g.finding() == Kind.TRAINED_HIGHER))
			.forEach(findings::add);
		jdbc.sql("""
				SELECT e.person_id, MAX(e.programme_id) AS earlier
				FROM training_enrolment e JOIN training_programme q ON q.id = e.programme_id
				WHERE %s AND e.programme_id <> :p AND e.status = 'CONFIRMED'
				  AND q.start_date BETWEEN :yearStart AND :yearEnd
				GROUP BY e.person_id HAVING COUNT(*) >= :limit""".formatted(candidates.condition().apply("e.person_id")))
			.params(params)
			.query((rs, n) -> new Finding(rs.getLong("person_id"), Kind.SUMMONS_LIMIT, rs.getLong("earlier"), null))
			.list()
			.forEach(findings::add);
		findings.sort(Comparator.comparingLong(Finding::personId).thenComparing(Finding::finding));
		return findings;
	}

	static int rank(String level) {
		return switch (level) {
			case "PROVINCE" -> 1;
			case "CITY" -> 2;
			case "COUNTY" -> 3;
			default -> 4;
		};
	}

	/** Records a hand-entered training outside the platform. */
	public long recordExternal(long personId, String title, String level, TopicCategory topic, LocalDate endDate,
			String by) {
		return Sql.insert(jdbc.sql("""
				INSERT INTO training_external_record (person_id, title, level, topic, end_date, recorded_by, created_at)
				VALUES (:person, :title, :level, :topic, :end, :by, :now)""")
			.param("person", personId)
			.param("title", title)
			.param("level", level)
			.param("topic", topic.name())
			.param("end", endDate)
			.param("by", by)
			.param("now", Sql.now()));
	}
}
