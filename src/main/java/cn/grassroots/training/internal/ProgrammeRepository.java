package cn.grassroots.training.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.platform.SortKeys;
import cn.grassroots.platform.SortOrder;
import cn.grassroots.platform.Sql;

/** Programmes, their target posts and topic categories. Lists filter by {@link TrainingAccess} in SQL. */
@Repository
public class ProgrammeRepository {

	/** The rule and control settings of a programme. */
	public record Settings(CaseShareBasis caseShareBasis, BigDecimal minCaseShare, DayOrder dayOrder, int liveDays,
			int sameTopicWindowDays, int summonsLimit, int lateAfterMinutes) {

		public static Settings defaults() {
			return new Settings(CaseShareBasis.HOURS, new BigDecimal("0.5"), DayOrder.ANY, 0, 365, 2, 10);
		}
	}

	/** A programme as stored. */
	public record Programme(long id, String name, int year, String sponsorName, long sponsorRegionCode,
			String sponsorLevel, LocalDate startDate, LocalDate endDate, BigDecimal requiredHours, Settings settings,
			List<String> targetPosts, List<TopicCategory> topics, int version) {
	}

	/** A line of the programme list, with the classrooms and confirmed trainees the caller may see. */
	public record Summary(long id, String name, int year, long sponsorRegionCode, LocalDate startDate,
			LocalDate endDate, long classroomCount, long traineeCount) {
	}

	/** The list's sort keys; newest year first unless asked otherwise. */
	public static final SortKeys SORT = SortKeys.tiebreaker("p.id")
		.key("year", "p.programme_year")
		.key("name", "p.name")
		.key("startDate", "p.start_date")
		.defaultOrder("-year")
		.build();

	private static final String COLUMNS = """
			p.id, p.name, p.programme_year, p.sponsor_name, p.sponsor_region_code, p.sponsor_level, p.start_date, p.end_date,
			p.required_hours, p.case_share_basis, p.min_case_share, p.day_order, p.live_days, p.same_topic_window_days,
			p.summons_limit, p.late_after_minutes, p.version""";

	private final JdbcClient jdbc;

	ProgrammeRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public PageResult<Summary> list(TrainingAccess.Condition visible, TrainingAccess.Condition classroomVisible,
			Integer year, SortOrder sort, PageRequest page) {
		StringBuilder where = new StringBuilder(" WHERE ").append(visible.sql());
		Map<String, Object> params = new HashMap<>(visible.params());
		params.putAll(classroomVisible.params());
		if (year != null) {
			where.append(" AND p.programme_year = :year");
			params.put("year", year);
		}
		long total = jdbc.sql("SELECT COUNT(*) FROM training_programme p" + where).params(params).query(Long.class).single();
		String select = "SELECT p.id, p.name, p.programme_year, p.sponsor_region_code, p.start_date, p.end_date,"
				+ " (SELECT COUNT(*) FROM training_classroom c WHERE c.programme_id = p.id AND " + classroomVisible.sql()
				+ ") AS classroom_count,"
				+ " (SELECT COUNT(*) FROM training_enrolment e JOIN training_classroom c ON c.id = e.classroom_id"
				+ " WHERE e.programme_id = p.id AND e.status = 'CONFIRMED' AND " + classroomVisible.sql()
				+ ") AS trainee_count FROM training_programme p";
		List<Summary> rows = jdbc.sql(select + where + " ORDER BY " + SORT.orderBy(sort) + " LIMIT :limit OFFSET :offset")
			.params(params)
			.param("limit", page.size())
			.param("offset", page.offset())
			.query((rs, n) -> new Summary(rs.getLong("id"), rs.getString("name"), rs.getInt("programme_year"),
					rs.getLong("sponsor_region_code"), Sql.date(rs, "start_date"), Sql.date(rs, "end_date"),
					rs.getLong("classroom_count"), rs.getLong("trainee_count")))
			.list();
		return PageResult.of(rows, page, total);
	}

	public Optional<Programme> find(long id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM training_programme p WHERE p.id = :id")
			.param("id", id)
			.query(this::map)
			.optional();
	}

	/** Whether the caller may read the programme. */
	public boolean visible(long id, TrainingAccess.Condition visible) {
		return jdbc.sql("SELECT COUNT(*) FROM training_programme p WHERE p.id = :pid AND " + visible.sql())
			.params(visible.params())
			.param("pid", id)
			.query(Long.class)
			.single() > 0;
	}

	public void lock(long id) {
		jdbc.sql("SELECT id FROM training_programme WHERE id = :id FOR UPDATE").param("id", id).query(Long.class).list();
	}

	public long insert(String name, int year, String sponsorName, long sponsorRegionCode, String sponsorLevel,
			LocalDate start, LocalDate end, BigDecimal requiredHours, Settings s, String createdBy) {
		var now = Sql.now();
		return Sql.insert(jdbc.sql("""
				INSERT INTO training_programme (name, programme_year, sponsor_name, sponsor_region_code, sponsor_level, start_date,
				    end_date, required_hours, case_share_basis, min_case_share, day_order, live_days,
				    same_topic_window_days, summons_limit, late_after_minutes, created_by, created_at, updated_at)
				VALUES (:name, :year, :sponsorName, :region, :level, :start, :end, :hours, :basis, :share, :dayOrder,
				    :liveDays, :window, :summons, :late, :by, :now, :now)""")
			.params(fields(name, year, sponsorName, sponsorRegionCode, sponsorLevel, start, end, requiredHours, s))
			.param("by", createdBy)
			.param("now", now));
	}

	/** The parameters insert and update share. */
	private static Map<String, Object> fields(String name, int year, String sponsorName, long sponsorRegionCode,
			String sponsorLevel, LocalDate start, LocalDate end, BigDecimal requiredHours, Settings s) {
		Map<String, Object> m = new HashMap<>();
		m.put("name", name);
		m.put("year", year);
		m.put("sponsorName", sponsorName);
		m.put("region", sponsorRegionCode);
		m.put("level", sponsorLevel);
		m.put("start", start);
		m.put("end", end);
		m.put("hours", requiredHours);
		m.put("basis", s.caseShareBasis().name());
		m.put("share", s.minCaseShare());
		m.put("dayOrder", s.dayOrder().name());
		m.put("liveDays", s.liveDays());
		m.put("window", s.sameTopicWindowDays());
		m.put("summons", s.summonsLimit());
		m.put("late", s.lateAfterMinutes());
		return m;
	}

	/** Updates unless someone else changed the row meanwhile; returns whether it was written. */
	public boolean update(long id, String name, int year, String sponsorName, long sponsorRegionCode,
			String sponsorLevel, LocalDate start, LocalDate end, BigDecimal requiredHours, Settings s, int version) {
		return jdbc.sql("""
				UPDATE training_programme SET name = :name, programme_year = :year, sponsor_name = :sponsorName,
				    sponsor_region_code = :region, sponsor_level = :level, start_date = :start, end_date = :end,
				    required_hours = :hours, case_share_basis = :basis, min_case_share = :share, day_order = :dayOrder,
				    live_days = :liveDays, same_topic_window_days = :window, summons_limit = :summons,
				    late_after_minutes = :late, updated_at = :now, version = version + 1
				WHERE id = :id AND version = :version""")
			.params(fields(name, year, sponsorName, sponsorRegionCode, sponsorLevel, start, end, requiredHours, s))
			.param("now", Sql.now())
			.param("id", id)
			.param("version", version)
			.update() == 1;
	}

	public void replacePostsAndTopics(long id, List<String> posts, List<TopicCategory> topics) {
		jdbc.sql("DELETE FROM training_programme_post WHERE programme_id = :id").param("id", id).update();
		jdbc.sql("DELETE FROM training_programme_topic WHERE programme_id = :id").param("id", id).update();
		for (String post : posts) {
			jdbc.sql("INSERT INTO training_programme_post (programme_id, post) VALUES (:id, :post)")
				.param("id", id)
				.param("post", post)
				.update();
		}
		for (TopicCategory topic : topics) {
			jdbc.sql("INSERT INTO training_programme_topic (programme_id, topic) VALUES (:id, :topic)")
				.param("id", id)
				.param("topic", topic.name())
				.update();
		}
	}

	private Programme map(ResultSet rs, int n) throws SQLException {
		long id = rs.getLong("id");
		Settings settings = new Settings(CaseShareBasis.valueOf(rs.getString("case_share_basis")),
				rs.getBigDecimal("min_case_share"), DayOrder.valueOf(rs.getString("day_order")),
				rs.getInt("live_days"), rs.getInt("same_topic_window_days"), rs.getInt("summons_limit"),
				rs.getInt("late_after_minutes"));
		List<String> posts = jdbc.sql("SELECT post FROM training_programme_post WHERE programme_id = :id ORDER BY post")
			.param("id", id)
			.query(String.class)
			.list();
		List<TopicCategory> topics = jdbc
			.sql("SELECT topic FROM training_programme_topic WHERE programme_id = :id ORDER BY topic")
			.param("id", id)
			.query(String.class)
			.list()
			.stream()
			.map(TopicCategory::valueOf)
			.toList();
		return new Programme(id, rs.getString("name"), rs.getInt("programme_year"), rs.getString("sponsor_name"),
				rs.getLong("sponsor_region_code"), rs.getString("sponsor_level"), Sql.date(rs, "start_date"),
				Sql.date(rs, "end_date"), rs.getBigDecimal("required_hours"), settings, posts,
				topics, rs.getInt("version"));
	}
}
