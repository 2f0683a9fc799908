package cn.grassroots.training.internal;

import static cn.grassroots.training.internal.Checks.mapOf;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.Person;
import cn.grassroots.org.PostHolding;
import cn.grassroots.org.PostType;
import cn.grassroots.org.Region;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.InvalidInputException.FieldError;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.Sql;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;

/**
 * Training records (培训档案): each person's programmes with hours attended, test results and
 * completion, trainings recorded by hand, and credited hours by year and topic category; the
 * yearly-hours requirement per post (the most specific region's setting applies) and who holding
 * such a post falls short. Credited hours are the hours of sessions attended (present or late) in
 * confirmed enrolments, plus the hours of trainings recorded by hand.
 */
@Service
public class TrainingRecordService {

	/** The category of session hours without a topic category. */
	public static final String UNCATEGORISED = "OTHER";

	public record RecordProgrammeLine(long enrolmentId, long programmeId, String programmeName, int year, LocalDate startDate,
			LocalDate endDate, String sponsorLevel, long classroomId, String classroomName, String status,
			boolean makeUp, BigDecimal attendedHours, BigDecimal missedHours, Boolean appraisal, String certificateCode,
			List<RecordTestLine> tests) {
	}

	public record RecordTestLine(long testId, TestKind kind, String title, Double percent) {
	}

	public record RecordExternalLine(long id, String title, String level, TopicCategory topic, LocalDate endDate,
			BigDecimal hours) {
	}

	/** Credited hours of one year: in total, by topic category and by course type. */
	public record RecordYearHours(int year, BigDecimal total, Map<String, BigDecimal> byTopic,
			Map<String, BigDecimal> byCourseType) {
	}

	public record TrainingRecord(long personId, String personName, List<RecordProgrammeLine> programmes,
			List<RecordExternalLine> external, List<RecordYearHours> years) {
	}

	public record HoursRequirement(long regionCode, String regionName, PostType post, BigDecimal yearlyHours,
			String updatedBy) {
	}

	public record HoursShortfall(long personId, String personName, long regionCode, PostType post, BigDecimal required,
			BigDecimal credited, BigDecimal shortBy) {
	}

	private final JdbcClient jdbc;
	private final OrgDirectory org;
	private final TrainingAccess access;
	private final CurrentUser user;
	private final AuditLog audit;

	TrainingRecordService(JdbcClient jdbc, OrgDirectory org, TrainingAccess access, CurrentUser user, AuditLog audit) {
		this.jdbc = jdbc;
		this.org = org;
		this.access = access;
		this.user = user;
		this.audit = audit;
	}

	// ------------------------------------------------------------------ a person's record

	/** The caller's own record. */
	public TrainingRecord mine() {
		long me = access.me();
		if (me < 0) {
			throw new NotFoundException("the account is not linked to a person in the roster");
		}
		return build(me, user.principal().displayName());
	}

	/** Another person's record: for an officer whose training scope reaches the person's region. */
	public TrainingRecord of(long personId) {
		if (personId == access.me()) {
			return mine();
		}
		user.require(Permission.TRAINING_READ);
		Person person = org.person(personId).orElseThrow(() -> new NotFoundException("no person " + personId));
		if (!access.readScope().reachesRegion(person.regionCode())) {
			throw new ForbiddenException("the person is outside your scope");
		}
		return build(person.id(), person.name());
	}

	private TrainingRecord build(long personId, String name) {
		Map<Long, List<RecordTestLine>> tests = new HashMap<>();
		jdbc.sql("""
				SELECT t.programme_id, t.id, t.kind, t.title, SUM(a.mark) AS score, SUM(q.max_mark) AS max_score,
				    SUM(CASE WHEN a.mark IS NULL THEN 1 ELSE 0 END) AS unmarked
				FROM training_submission s JOIN training_test t ON t.id = s.test_id
				JOIN training_answer a ON a.submission_id = s.id JOIN training_question q ON q.id = a.question_id
				WHERE s.person_id = :x GROUP BY t.programme_id, t.id, t.kind, t.title ORDER BY t.id""")
			.param("x", personId)
			.query((rs, n) -> tests.computeIfAbsent(rs.getLong("programme_id"), k -> new ArrayList<>())
				.add(new RecordTestLine(rs.getLong("id"), TestKind.valueOf(rs.getString("kind")), rs.getString("title"),
						rs.getLong("unmarked") > 0 || rs.getDouble("max_score") == 0 ? null
								: 100 * rs.getDouble("score") / rs.getDouble("max_score"))))
			.list();
		Map<Long, BigDecimal[]> hours = new HashMap<>();
		jdbc.sql("""
				SELECT e.id,
				    COALESCE(SUM(CASE WHEN a.status IN ('PRESENT', 'LATE') THEN s.hours END), 0) AS attended,
				    COALESCE(SUM(CASE WHEN a.status IN ('EXCUSED', 'ABSENT') THEN s.hours END), 0) AS missed
				FROM training_enrolment e
				JOIN training_plan pl ON pl.classroom_id = e.classroom_id
				JOIN training_session s ON s.plan_id = pl.id
				JOIN training_attendance a ON a.session_id = s.id AND a.person_id = e.person_id
				WHERE e.person_id = :x GROUP BY e.id""")
			.param("x", personId)
			.query((rs, n) -> hours.put(rs.getLong("id"),
					new BigDecimal[] { rs.getBigDecimal("attended"), rs.getBigDecimal("missed") }))
			.list();
		List<RecordProgrammeLine> programmes = jdbc.sql("""
				SELECT e.id, e.programme_id, p.name, p.programme_year, p.start_date, p.end_date, p.sponsor_level,
				    e.classroom_id, c.name AS classroom_name, e.status, e.make_up, ap.passed, t.code
				FROM training_enrolment e JOIN training_programme p ON p.id = e.programme_id
				JOIN training_classroom c ON c.id = e.classroom_id
				LEFT JOIN training_appraisal ap ON ap.enrolment_id = e.id
				LEFT JOIN training_certificate t ON t.enrolment_id = e.id
				WHERE e.person_id = :x ORDER BY p.start_date DESC, e.id DESC""")
			.param("x", personId)
			.query((rs, n) -> {
				BigDecimal[] h = hours.getOrDefault(rs.getLong("id"), new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO });
				return new RecordProgrammeLine(rs.getLong("id"), rs.getLong("programme_id"), rs.getString("name"),
						rs.getInt("programme_year"), Sql.date(rs, "start_date"), Sql.date(rs, "end_date"),
						rs.getString("sponsor_level"), rs.getLong("classroom_id"), rs.getString("classroom_name"),
						rs.getString("status"), rs.getBoolean("make_up"), h[0], h[1],
						rs.getObject("passed") == null ? null : rs.getBoolean("passed"), rs.getString("code"),
						tests.getOrDefault(rs.getLong("programme_id"), List.of()));
			})
			.list();
		List<RecordExternalLine> external = jdbc.sql("""
				SELECT id, title, level, topic, end_date, hours FROM training_external_record
				WHERE person_id = :x ORDER BY end_date DESC, id DESC""")
			.param("x", personId)
			.query((rs, n) -> new RecordExternalLine(rs.getLong("id"), rs.getString("title"), rs.getString("level"),
					TopicCategory.valueOf(rs.getString("topic")), Sql.date(rs, "end_date"), rs.getBigDecimal("hours")))
			.list();
		Map<Integer, Map<String, BigDecimal>> byTopic = new TreeMap<>(Comparator.reverseOrder());
		Map<Integer, Map<String, BigDecimal>> byType = new TreeMap<>(Comparator.reverseOrder());
		jdbc.sql("""
				SELECT EXTRACT(YEAR FROM s.session_date) AS yr, s.topic, s.course_type, SUM(s.hours) AS hours
				FROM training_attendance a JOIN training_session s ON s.id = a.session_id
				JOIN training_plan pl ON pl.id = s.plan_id
				JOIN training_enrolment e ON e.classroom_id = pl.classroom_id AND e.person_id = a.person_id
				WHERE a.person_id = :x AND a.status IN ('PRESENT', 'LATE') AND e.status = 'CONFIRMED'
				GROUP BY EXTRACT(YEAR FROM s.session_date), s.topic, s.course_type""")
			.param("x", personId)
			.query((rs, n) -> {
				int year = rs.getInt("yr");
				String topic = rs.getString("topic") == null ? UNCATEGORISED : rs.getString("topic");
				byTopic.computeIfAbsent(year, k -> new LinkedHashMap<>()).merge(topic, rs.getBigDecimal("hours"), BigDecimal::add);
				byType.computeIfAbsent(year, k -> new LinkedHashMap<>()).merge(rs.getString("course_type"),
						rs.getBigDecimal("hours"), BigDecimal::add);
				return null;
			})
			.list();
		for (RecordExternalLine x : external) {
			byTopic.computeIfAbsent(x.endDate().getYear(), k -> new LinkedHashMap<>()).merge(x.topic().name(), x.hours(),
					BigDecimal::add);
			byType.computeIfAbsent(x.endDate().getYear(), k -> new LinkedHashMap<>());
		}
		List<RecordYearHours> years = byTopic.entrySet().stream().map(e -> new RecordYearHours(e.getKey(),
				e.getValue().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add), new TreeMap<>(e.getValue()),
				new TreeMap<>(byType.getOrDefault(e.getKey(), Map.of())))).toList();
		return new TrainingRecord(personId, name, programmes, external, years);
	}

	// ------------------------------------------------------------------ yearly-hours requirement

	/** The requirements set at or above the caller's regions (all of them for a province-wide reader). */
	public List<HoursRequirement> requirements() {
		user.require(Permission.TRAINING_READ);
		AccessScope scope = access.readScope();
		return jdbc.sql("SELECT region_code, post, yearly_hours, updated_by FROM training_hours_requirement"
				+ " ORDER BY region_code, post")
			.query((rs, n) -> new HoursRequirement(rs.getLong("region_code"),
					org.region(rs.getLong("region_code")).map(Region::name).orElse(""), PostType.valueOf(rs.getString("post")),
					rs.getBigDecimal("yearly_hours"), rs.getString("updated_by")))
			.list().stream()
			.filter(r -> scope.all() || scope.reachesRegion(r.regionCode()) || scope.overlapsRegion(r.regionCode()))
			.toList();
	}

	/** Sets (or with null hours removes) the yearly hours a post's holders owe in a region the caller manages. */
	@Transactional
	public void setRequirement(String regionCode, PostType post, BigDecimal yearlyHours, boolean remove) {
		user.require(Permission.TRAINING_MANAGE);
		List<FieldError> errors = new ArrayList<>();
		Region region = Checks.region(org, regionCode, "regionCode", errors);
		Checks.required(post, "post", errors);
		if (!remove) {
			Checks.decimal(yearlyHours, "yearlyHours", BigDecimal.ZERO, new BigDecimal("1000"), 1, errors);
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		if (!access.manageScope().reachesRegion(region.code())) {
			throw new ForbiddenException("region " + region.code() + " is outside your scope");
		}
		BigDecimal before = jdbc.sql("SELECT yearly_hours FROM training_hours_requirement WHERE region_code = :r AND post = :p")
			.param("r", region.code()).param("p", post.name()).query(BigDecimal.class).optional().orElse(null);
		jdbc.sql("DELETE FROM training_hours_requirement WHERE region_code = :r AND post = :p").param("r", region.code())
			.param("p", post.name()).update();
		if (!remove) {
			jdbc.sql("INSERT INTO training_hours_requirement (region_code, post, yearly_hours, updated_by, updated_at)"
					+ " VALUES (:r, :p, :h, :by, :now)")
				.param("r", region.code()).param("p", post.name()).param("h", yearlyHours).param("by", user.username())
				.param("now", Sql.now()).update();
		}
		audit.action("TRAINING_HOURS_REQUIREMENT").target("training_hours_requirement", region.code() + ":" + post.name())
			.region(region.code()).before(mapOf("yearlyHours", before == null ? null : before.toPlainString()))
			.after(mapOf("yearlyHours", remove ? null : yearlyHours.toPlainString())).record();
	}

	/**
	 * Everyone holding a post with a requirement at or below the region (within the caller's roster
	 * scope) whose credited hours in the year fall short of it, the largest gap first.
	 */
	public List<HoursShortfall> shortfalls(String regionCode, Integer year, PostType onlyPost) {
		user.require(Permission.TRAINING_READ);
		List<FieldError> errors = new ArrayList<>();
		Region region = Checks.region(org, regionCode, "regionCode", errors);
		int y = Checks.range(year, "year", 2000, 2100, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		AccessScope scope = access.readScope();
		if (!scope.reachesRegion(region.code())) {
			throw new ForbiddenException("region " + region.code() + " is outside your scope");
		}
		Map<PostType, List<long[]>> rules = new HashMap<>();
		Map<String, BigDecimal> hoursOf = new HashMap<>();
		jdbc.sql("SELECT region_code, post, yearly_hours FROM training_hours_requirement").query((rs, n) -> {
			PostType post = PostType.valueOf(rs.getString("post"));
			rules.computeIfAbsent(post, k -> new ArrayList<>()).add(new long[] { rs.getLong("region_code") });
			hoursOf.put(rs.getLong("region_code") + ":" + post.name(), rs.getBigDecimal("yearly_hours"));
			return null;
		}).list();
		EnumSet<PostType> posts = EnumSet.noneOf(PostType.class);
		posts.addAll(rules.keySet());
		if (onlyPost != null) {
			posts.retainAll(EnumSet.of(onlyPost));
		}
		if (posts.isEmpty()) {
			return List.of();
		}
		LocalDate on = LocalDate.of(y, 12, 31).isAfter(LocalDate.now()) ? LocalDate.now() : LocalDate.of(y, 12, 31);
		List<PostHolding> holdings = org.postHoldings(posts, region.code(), on);
		Map<Long, BigDecimal> credited = creditedHours(y);
		List<HoursShortfall> out = new ArrayList<>();
		java.util.Set<Long> seen = new java.util.HashSet<>();
		for (PostHolding h : holdings) {
			long best = -1;
			for (long[] r : rules.get(h.post())) {
				AccessScope.Range range = AccessScope.Range.of(r[0]);
				if (range.contains(h.postRegionCode()) && (best < 0 || AccessScope.Range.of(best).contains(range))) {
					best = r[0];
				}
			}
			if (best < 0) {
				continue;
			}
			BigDecimal required = hoursOf.get(best + ":" + h.post().name());
			BigDecimal got = credited.getOrDefault(h.personId(), BigDecimal.ZERO);
			if (got.compareTo(required) < 0 && seen.add(h.personId())) {
				out.add(new HoursShortfall(h.personId(), h.personName(), h.personRegionCode(), h.post(), required, got,
						required.subtract(got)));
			}
		}
		out.sort(Comparator.comparing(HoursShortfall::shortBy).reversed().thenComparing(HoursShortfall::regionCode)
			.thenComparing(HoursShortfall::personName));
		return out;
	}

	/** Person → credited hours in the year, over everyone; two grouped reads. */
	Map<Long, BigDecimal> creditedHours(int year) {
		Map<Long, BigDecimal> hours = new HashMap<>();
		LocalDate from = LocalDate.of(year, 1, 1);
		LocalDate to = LocalDate.of(year, 12, 31);
		jdbc.sql("""
				SELECT a.person_id, SUM(s.hours) AS hours
				FROM training_attendance a JOIN training_session s ON s.id = a.session_id
				JOIN training_plan pl ON pl.id = s.plan_id
				JOIN training_enrolment e ON e.classroom_id = pl.classroom_id AND e.person_id = a.person_id
				WHERE a.status IN ('PRESENT', 'LATE') AND e.status = 'CONFIRMED' AND s.session_date BETWEEN :from AND :to
				GROUP BY a.person_id""")
			.param("from", from).param("to", to)
			.query((rs, n) -> hours.merge(rs.getLong("person_id"), rs.getBigDecimal("hours"), BigDecimal::add)).list();
		jdbc.sql("SELECT person_id, SUM(hours) AS hours FROM training_external_record WHERE end_date BETWEEN :from AND :to"
				+ " GROUP BY person_id")
			.param("from", from).param("to", to)
			.query((rs, n) -> hours.merge(rs.getLong("person_id"), rs.getBigDecimal("hours"), BigDecimal::add)).list();
		return hours;
	}
}
