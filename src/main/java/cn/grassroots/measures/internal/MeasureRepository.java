package cn.grassroots.measures.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.platform.Sql;

/** The measures module's tables, through {@link JdbcClient} with bound parameters only. */
@Repository
public class MeasureRepository {

	public record Mechanism(long id, String name, MechanismLevel level, long regionCode, String leaderName,
			String leaderTitle, Long leadUnitId, Long coordinatingUnitId, String foundingDocument, LocalDate foundedOn,
			Long parentId, int memberCount, int version) {
	}

	public record Member(long unitId, MemberRole role, String duty) {
	}

	public record Measure(long id, long mechanismId, String code, String title, String description, String category,
			Long leadUnitId, Long ownerRegionCode, String clause, MeasureKind kind, LocalDate startDate, LocalDate dueDate,
			ReportCycle cycle, double weight, Long parentId, Long citedId, Long acceptedReportId,
			LocalDate acceptedCycleEnd, Double acceptedProgress, BigDecimal acceptedIndicator, boolean acceptedEffective,
			Instant closedAt, String closedBy, MeasureStatus override, String overrideReason, int version) {

		public boolean closed() {
			return closedAt != null;
		}
	}

	public record Partner(long measureId, long unitId, String part) {
	}

	public record Target(long id, long measureId, String periodLabel, LocalDate periodEnd, String description,
			String indicator, BigDecimal baseline, BigDecimal targetValue, String unit, BigDecimal actual,
			LocalDate actualCycleEnd) {
	}

	public record Report(long id, long measureId, Long unitId, boolean responsible, String cycleLabel, LocalDate cycleEnd,
			double progress, BigDecimal indicatorValue, boolean clearlyEffective, String done, String problems,
			String nextSteps, boolean needsCoordination, String coordinationRequest, String submittedBy,
			Instant submittedAt, String decision, String reviewComment, String reviewedBy, Instant reviewedAt) {
	}

	public record Evidence(long reportId, String fileId, String name, long size, String sha256) {
	}

	private static final int CHUNK = 1000;

	private final JdbcClient jdbc;
	private final MeasuresSettings settings;

	MeasureRepository(JdbcClient jdbc, MeasuresSettings settings) {
		this.jdbc = jdbc;
		this.settings = settings;
	}

	// mechanisms

	private static final String MECHANISM = """
			SELECT mc.id, mc.name, mc.level, mc.region_code, mc.leader_name, mc.leader_title, mc.lead_unit_id,
			    mc.coordinating_unit_id, mc.founding_document, mc.founded_on, mc.parent_id, mc.version,
			    (SELECT COUNT(*) FROM measure_member c WHERE c.mechanism_id = mc.id) AS member_count
			FROM measure_mechanism mc""";

	private static Mechanism mechanism(ResultSet rs, int n) throws SQLException {
		return new Mechanism(rs.getLong("id"), rs.getString("name"), MechanismLevel.valueOf(rs.getString("level")),
				rs.getLong("region_code"), rs.getString("leader_name"), rs.getString("leader_title"),
				Sql.nullableLong(rs, "lead_unit_id"), Sql.nullableLong(rs, "coordinating_unit_id"), rs.getString("founding_document"),
				Sql.date(rs, "founded_on"), Sql.nullableLong(rs, "parent_id"), rs.getInt("member_count"),
				rs.getInt("version"));
	}

	public PageResult<Mechanism> mechanisms(MeasureAccess.Condition scope, String q, PageRequest page) {
		StringBuilder where = new StringBuilder(" WHERE ").append(scope.sql());
		Map<String, Object> params = new HashMap<>(scope.params());
		if (q != null && !q.isBlank()) {
			where.append(" AND mc.name LIKE :q ESCAPE '\\'");
			params.put("q", Sql.likeContains(q.strip()));
		}
		long total = jdbc.sql("SELECT COUNT(*) FROM measure_mechanism mc" + where).params(params).query(Long.class).single();
		List<Mechanism> rows = jdbc.sql(MECHANISM + where + " ORDER BY mc.region_code, mc.id LIMIT :limit OFFSET :offset")
			.params(params)
			.param("limit", page.size())
			.param("offset", page.offset())
			.query(MeasureRepository::mechanism)
			.list();
		return PageResult.of(rows, page, total);
	}

	public Optional<Mechanism> mechanism(long id) {
		return jdbc.sql(MECHANISM + " WHERE mc.id = :id").param("id", id).query(MeasureRepository::mechanism).optional();
	}

	/** Whether the condition lets the mechanism through. */
	public boolean mechanismVisible(long id, MeasureAccess.Condition scope) {
		return jdbc.sql("SELECT COUNT(*) FROM measure_mechanism mc WHERE mc.id = :id AND " + scope.sql())
			.params(scope.params()).param("id", id).query(Long.class).single() > 0;
	}

	/** Whether the condition lets the measure through. */
	public boolean measureVisible(long id, MeasureAccess.Condition scope) {
		return jdbc.sql("SELECT COUNT(*) FROM measure ms JOIN measure_mechanism mc ON mc.id = ms.mechanism_id"
				+ " WHERE ms.id = :id AND " + scope.sql())
			.params(scope.params()).param("id", id).query(Long.class).single() > 0;
	}

	public long insertMechanism(String name, MechanismLevel level, long regionCode, String leaderName, String leaderTitle,
			Long leadUnitId, Long coordinatingUnitId, String foundingDocument, LocalDate foundedOn, Long parentId,
			String by) {
		return Sql.insert(jdbc.sql("""
				INSERT INTO measure_mechanism (name, level, region_code, leader_name, leader_title, lead_unit_id,
				    coordinating_unit_id, founding_document, founded_on, parent_id, created_by, created_at, updated_at)
				VALUES (:name, :level, :region, :leader, :title, :lead, :coord, :doc, :founded, :parent, :by, :now, :now)""")
			.param("name", name)
			.param("level", level.name())
			.param("region", regionCode)
			.param("leader", leaderName)
			.param("title", leaderTitle)
			.param("lead", leadUnitId)
			.param("coord", coordinatingUnitId)
			.param("doc", foundingDocument)
			.param("founded", foundedOn)
			.param("parent", parentId)
			.param("by", by)
			.param("now", Sql.now()));
	}

	/** The mechanism set up for a source (such as a sponsor region's seminar lists), if any. */
	public Optional<Long> mechanismBySource(String key) {
		return jdbc.sql("SELECT id FROM measure_mechanism WHERE source_key = :k").param("k", key).query(Long.class).optional();
	}

	public void markSource(long mechanismId, String key) {
		jdbc.sql("UPDATE measure_mechanism SET source_key = :k WHERE id = :id").param("k", key).param("id", mechanismId).update();
	}

	public boolean hasSourceItem(long itemId) {
		return jdbc.sql("SELECT COUNT(*) FROM measure WHERE source_item_id = :i").param("i", itemId).query(Long.class).single() > 0;
	}

	public void markSourceItem(long measureId, long itemId, long ownerPersonId) {
		jdbc.sql("UPDATE measure SET source_item_id = :i, owner_person_id = :p WHERE id = :id")
			.param("i", itemId).param("p", ownerPersonId).param("id", measureId).update();
	}

	public void insertMember(long mechanismId, long unitId, MemberRole role, String duty) {
		jdbc.sql("INSERT INTO measure_member (mechanism_id, unit_id, role, duty) VALUES (:m, :u, :role, :duty)")
			.param("m", mechanismId)
			.param("u", unitId)
			.param("role", role.name())
			.param("duty", duty)
			.update();
	}

	public void updateMechanism(long id, String name, String leaderName, String leaderTitle, long leadUnitId,
			long coordinatingUnitId, String foundingDocument, LocalDate foundedOn) {
		jdbc.sql("""
				UPDATE measure_mechanism SET name = :name, leader_name = :leader, leader_title = :title, lead_unit_id = :lead,
				    coordinating_unit_id = :coord, founding_document = :doc, founded_on = :founded, updated_at = :now,
				    version = version + 1
				WHERE id = :id""")
			.param("name", name).param("leader", leaderName).param("title", leaderTitle).param("lead", leadUnitId)
			.param("coord", coordinatingUnitId).param("doc", foundingDocument).param("founded", foundedOn)
			.param("now", Sql.now()).param("id", id).update();
	}

	public void deleteMembers(long mechanismId) {
		jdbc.sql("DELETE FROM measure_member WHERE mechanism_id = :m").param("m", mechanismId).update();
	}

	/** The units that lead or partner on measures of the mechanism. */
	public List<Long> unitsOnMeasures(long mechanismId) {
		return jdbc.sql("""
				SELECT lead_unit_id FROM measure WHERE mechanism_id = :m AND lead_unit_id IS NOT NULL
				UNION SELECT mp.unit_id FROM measure_partner mp JOIN measure ms ON ms.id = mp.measure_id WHERE ms.mechanism_id = :m""")
			.param("m", mechanismId).query(Long.class).list();
	}

	/** Updates a staged target's period, description, indicator and values (its actual stays). */
	public void updateTarget(long id, String label, LocalDate periodEnd, String description, String indicator,
			BigDecimal baseline, BigDecimal target, String unit) {
		jdbc.sql("""
				UPDATE measure_target SET period_label = :label, period_end = :end, description = :description,
				    indicator = :indicator, baseline = :baseline, target_value = :target, unit = :unit
				WHERE id = :id""")
			.param("label", label).param("end", periodEnd).param("description", description).param("indicator", indicator)
			.param("baseline", baseline).param("target", target).param("unit", unit).param("id", id).update();
	}

	public void deleteTarget(long id) {
		jdbc.sql("DELETE FROM measure_target WHERE id = :id").param("id", id).update();
	}

	public void setCited(long measureId, Long citedId) {
		jdbc.sql("UPDATE measure SET cited_measure_id = :c, updated_at = :now WHERE id = :id")
			.param("c", citedId).param("now", Sql.now()).param("id", measureId).update();
	}

	public List<Member> members(long mechanismId) {
		return jdbc.sql("""
				SELECT unit_id, role, duty FROM measure_member WHERE mechanism_id = :m
				ORDER BY CASE role WHEN 'LEAD' THEN 0 WHEN 'COORDINATING' THEN 1 ELSE 2 END, unit_id""")
			.param("m", mechanismId)
			.query((rs, n) -> new Member(rs.getLong("unit_id"), MemberRole.valueOf(rs.getString("role")), rs.getString("duty")))
			.list();
	}

	public void lockMechanism(long id) {
		jdbc.sql("SELECT id FROM measure_mechanism WHERE id = :id FOR UPDATE").param("id", id).query(Long.class).list();
	}

	// measures

	private static final String MEASURE_COLUMNS = """
			ms.id, ms.mechanism_id, ms.code, ms.title, ms.description, ms.category, ms.lead_unit_id, ms.owner_region_code,
			ms.clause, ms.kind, ms.start_date, ms.due_date, ms.report_cycle, ms.weight, ms.parent_id, ms.cited_measure_id,
			ms.accepted_report_id, ms.accepted_cycle_end, ms.accepted_progress, ms.accepted_indicator,
			ms.accepted_effective, ms.closed_at, ms.closed_by, ms.override_status, ms.override_reason, ms.version""";

	private static Measure measure(ResultSet rs, int n) throws SQLException {
		BigDecimal accepted = rs.getBigDecimal("accepted_progress");
		String override = rs.getString("override_status");
		return new Measure(rs.getLong("id"), rs.getLong("mechanism_id"), rs.getString("code"), rs.getString("title"),
				rs.getString("description"), rs.getString("category"), Sql.nullableLong(rs, "lead_unit_id"),
				Sql.nullableLong(rs, "owner_region_code"), rs.getString("clause"), MeasureKind.valueOf(rs.getString("kind")),
				Sql.date(rs, "start_date"), Sql.date(rs, "due_date"), ReportCycle.valueOf(rs.getString("report_cycle")),
				rs.getBigDecimal("weight").doubleValue(), Sql.nullableLong(rs, "parent_id"),
				Sql.nullableLong(rs, "cited_measure_id"), Sql.nullableLong(rs, "accepted_report_id"),
				Sql.date(rs, "accepted_cycle_end"), accepted == null ? null : accepted.doubleValue(),
				rs.getBigDecimal("accepted_indicator"), rs.getBoolean("accepted_effective"), Sql.instant(rs, "closed_at"),
				rs.getString("closed_by"), override == null ? null : MeasureStatus.valueOf(override),
				rs.getString("override_reason"), rs.getInt("version"));
	}

	/** A mechanism's measures the condition lets through, by code. */
	public PageResult<Measure> measures(long mechanismId, MeasureAccess.Condition scope, PageRequest page) {
		String from = " FROM measure ms JOIN measure_mechanism mc ON mc.id = ms.mechanism_id WHERE ms.mechanism_id = :m AND "
				+ scope.sql();
		long total = jdbc.sql("SELECT COUNT(*)" + from).params(scope.params()).param("m", mechanismId)
			.query(Long.class).single();
		List<Measure> rows = jdbc.sql("SELECT " + MEASURE_COLUMNS + from + " ORDER BY ms.code, ms.id LIMIT :limit OFFSET :offset")
			.params(scope.params())
			.param("m", mechanismId)
			.param("limit", page.size())
			.param("offset", page.offset())
			.query(MeasureRepository::measure)
			.list();
		return PageResult.of(rows, page, total);
	}

	/** All the mechanism's measures the condition lets through, by code. */
	public List<Measure> allMeasures(long mechanismId, MeasureAccess.Condition scope) {
		return jdbc.sql("SELECT " + MEASURE_COLUMNS + " FROM measure ms JOIN measure_mechanism mc ON mc.id = ms.mechanism_id"
				+ " WHERE ms.mechanism_id = :m AND " + scope.sql() + " ORDER BY ms.code, ms.id")
			.params(scope.params()).param("m", mechanismId).query(MeasureRepository::measure).list();
	}

	public Optional<Measure> measure(long id) {
		return jdbc.sql("SELECT " + MEASURE_COLUMNS + " FROM measure ms WHERE ms.id = :id").param("id", id)
			.query(MeasureRepository::measure).optional();
	}

	public Optional<Measure> measureByCode(long mechanismId, String code) {
		return jdbc.sql("SELECT " + MEASURE_COLUMNS + " FROM measure ms WHERE ms.mechanism_id = :m AND ms.code = :code")
			.param("m", mechanismId).param("code", code).query(MeasureRepository::measure).optional();
	}

	public List<Measure> measuresByIds(Collection<Long> ids) {
		return chunked(ids, part -> jdbc.sql("SELECT " + MEASURE_COLUMNS + " FROM measure ms WHERE ms.id IN (:ids)")
			.param("ids", part).query(MeasureRepository::measure).list());
	}

	/** The measures whose parent or cited measure is one of these. */
	public List<Measure> contributorsOf(Collection<Long> ids) {
		// two indexed look-ups: an OR of the two columns makes H2 scan the whole table
		List<Measure> out = new ArrayList<>(chunked(ids, part -> jdbc.sql("SELECT " + MEASURE_COLUMNS
				+ " FROM measure ms WHERE ms.parent_id IN (:ids)").param("ids", part).query(MeasureRepository::measure).list()));
		Set<Long> seen = new HashSet<>();
		out.forEach(m -> seen.add(m.id()));
		chunked(ids, part -> jdbc.sql("SELECT " + MEASURE_COLUMNS + " FROM measure ms WHERE ms.cited_measure_id IN (:ids)")
			.param("ids", part).query(MeasureRepository::measure).list()).forEach(m -> {
				if (seen.add(m.id())) {
					out.add(m);
				}
			});
		return out;
	}

	public List<Measure> children(long parentId) {
		return jdbc.sql("SELECT " + MEASURE_COLUMNS + " FROM measure ms WHERE ms.parent_id = :p ORDER BY ms.code")
			.param("p", parentId).query(MeasureRepository::measure).list();
	}

	/** Open measures by id, a batch after {@code afterId}. */
	public List<Measure> openMeasures(long afterId, int limit) {
		return jdbc.sql("SELECT " + MEASURE_COLUMNS + " FROM measure ms WHERE ms.closed_at IS NULL AND ms.id > :after"
				+ " ORDER BY ms.id LIMIT :limit")
			.param("after", afterId).param("limit", limit).query(MeasureRepository::measure).list();
	}

	/** Measures the units lead or partner on, open first, by due date (at most {@code limit}). */
	public List<Measure> measuresOfUnits(Collection<Long> units, int limit) {
		if (units.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("SELECT " + MEASURE_COLUMNS + " FROM measure ms WHERE ms.lead_unit_id IN (:u)"
				+ " OR EXISTS (SELECT 1 FROM measure_partner mp WHERE mp.measure_id = ms.id AND mp.unit_id IN (:u))"
				+ " ORDER BY CASE WHEN ms.closed_at IS NULL THEN 0 ELSE 1 END, ms.due_date, ms.id LIMIT :limit")
			.param("u", List.copyOf(units)).param("limit", limit).query(MeasureRepository::measure).list();
	}

	/** Open measures owned by communities inside the scope's regions, by due date (at most {@code limit}). */
	public List<Measure> measuresOwnedIn(cn.grassroots.platform.security.AccessScope scope, int limit) {
		if (scope.regionRanges().isEmpty()) {
			return List.of();
		}
		var c = cn.grassroots.platform.security.ScopeFilter.onRegion("ms.owner_region_code").prefix("own")
			.condition(new cn.grassroots.platform.security.AccessScope(false, scope.regionRanges(), java.util.Set.of(),
					java.util.Set.of(), null));
		return jdbc.sql("SELECT " + MEASURE_COLUMNS + " FROM measure ms WHERE ms.owner_region_code IS NOT NULL AND " + c.sql()
				+ " ORDER BY ms.due_date, ms.id LIMIT :limit")
			.params(c.params()).param("limit", limit).query(MeasureRepository::measure).list();
	}

	/** A report with its measure's code and title, for desks. */
	public record ReportItem(Report report, long measureId, String code, String title, long mechanismId) {
	}

	/**
	 * Reports of the mechanisms the units lead or coordinate: {@code pending} those waiting for a
	 * review, otherwise those that ask for coordination on open measures; newest first.
	 */
	public List<ReportItem> reportsForCoordinators(Collection<Long> units, boolean pending, int limit) {
		if (units.isEmpty()) {
			return List.of();
		}
		String coordinated = "(SELECT mm.mechanism_id FROM measure_member mm WHERE mm.role IN ('LEAD', 'COORDINATING')"
				+ " AND mm.unit_id IN (:u))";
		String select = REPORT.replace("SELECT r.id,", "SELECT ms.code AS m_code, ms.title AS m_title, ms.mechanism_id AS m_mech, r.id,");
		// waiting reports come from the review queue; open coordination requests through their index
		String sql = pending
				? select.replace("FROM measure_report r", "FROM measure_review_queue q JOIN measure_report r ON r.id = q.report_id"
						+ " JOIN measure ms ON ms.id = r.measure_id")
						+ " WHERE q.mechanism_id IN " + coordinated + " ORDER BY q.submitted_at DESC, q.report_id DESC LIMIT :limit"
				: select.replace("FROM measure_report r", "FROM measure_report r JOIN measure ms ON ms.id = r.measure_id")
						+ " WHERE r.needs_coordination = TRUE AND ms.closed_at IS NULL AND ms.mechanism_id IN " + coordinated
						+ " AND NOT EXISTS (SELECT 1 FROM measure_agenda_item ai WHERE ai.report_id = r.id AND ai.decision IS NOT NULL)"
						+ " ORDER BY r.submitted_at DESC, r.id DESC LIMIT :limit";
		return jdbc.sql(sql)
			.param("u", List.copyOf(units))
			.param("limit", limit)
			.query((rs, n) -> new ReportItem(report(rs, n), rs.getLong("measure_id"), rs.getString("m_code"),
					rs.getString("m_title"), rs.getLong("m_mech")))
			.list();
	}

	/** Whether any of the units leads or coordinates a mechanism. */
	public boolean coordinates(Collection<Long> units) {
		return jdbc.sql("SELECT COUNT(*) FROM measure_member WHERE role IN ('LEAD', 'COORDINATING') AND unit_id IN (:u)")
			.param("u", List.copyOf(units)).query(Long.class).single() > 0;
	}

	public void lockMeasure(long id) {
		jdbc.sql("SELECT id FROM measure WHERE id = :id FOR UPDATE").param("id", id).query(Long.class).list();
	}

	public long insertMeasure(long mechanismId, String code, String title, String description, String category,
			Long leadUnitId, Long ownerRegionCode, String clause, MeasureKind kind, LocalDate start, LocalDate due,
			ReportCycle cycle, BigDecimal weight, Long parentId, Long citedId, String by) {
		return Sql.insert(jdbc.sql("""
				INSERT INTO measure (mechanism_id, code, title, description, category, lead_unit_id, owner_region_code,
				    clause, kind, start_date, due_date, report_cycle, weight, parent_id, cited_measure_id, created_by,
				    created_at, updated_at, cycles_on_time, cycles_late)
				VALUES (:m, :code, :title, :description, :category, :lead, :owner, :clause, :kind, :start, :due, :cycle,
				    :weight, :parent, :cited, :by, :now, :now, 0, 0)""")
			.param("m", mechanismId)
			.param("code", code)
			.param("title", title)
			.param("description", description)
			.param("category", category)
			.param("lead", leadUnitId)
			.param("owner", ownerRegionCode)
			.param("clause", clause)
			.param("kind", kind.name())
			.param("start", start)
			.param("due", due)
			.param("cycle", cycle.name())
			.param("weight", weight)
			.param("parent", parentId)
			.param("cited", citedId)
			.param("by", by)
			.param("now", Sql.now()));
	}

	public void updateMeasure(long id, String title, String description, String category, Long leadUnitId, String clause,
			MeasureKind kind, LocalDate start, LocalDate due, ReportCycle cycle, BigDecimal weight) {
		jdbc.sql("""
				UPDATE measure SET title = :title, description = :description, category = :category, lead_unit_id = :lead,
				    clause = :clause, kind = :kind, start_date = :start, due_date = :due, report_cycle = :cycle,
				    weight = :weight, updated_at = :now, version = version + 1
				WHERE id = :id""")
			.param("title", title).param("description", description).param("category", category).param("lead", leadUnitId)
			.param("clause", clause).param("kind", kind.name()).param("start", start).param("due", due)
			.param("cycle", cycle.name()).param("weight", weight).param("now", Sql.now()).param("id", id).update();
	}

	public void replacePartners(long measureId, Map<Long, String> partners) {
		jdbc.sql("DELETE FROM measure_partner WHERE measure_id = :m").param("m", measureId).update();
		partners.forEach((unit, part) -> insertPartner(measureId, unit, part));
	}

	public void setParent(long measureId, Long parentId) {
		jdbc.sql("UPDATE measure SET parent_id = :p, updated_at = :now WHERE id = :id")
			.param("p", parentId).param("now", Sql.now()).param("id", measureId).update();
	}

	public void insertPartner(long measureId, long unitId, String part) {
		jdbc.sql("INSERT INTO measure_partner (measure_id, unit_id, part) VALUES (:m, :u, :part)")
			.param("m", measureId).param("u", unitId).param("part", part).update();
	}

	public long insertTarget(long measureId, String label, LocalDate periodEnd, String description, String indicator,
			BigDecimal baseline, BigDecimal target, String unit) {
		return Sql.insert(jdbc.sql("""
				INSERT INTO measure_target (measure_id, period_label, period_end, description, indicator, baseline,
				    target_value, unit)
				VALUES (:m, :label, :end, :description, :indicator, :baseline, :target, :unit)""")
			.param("m", measureId)
			.param("label", label)
			.param("end", periodEnd)
			.param("description", description)
			.param("indicator", indicator)
			.param("baseline", baseline)
			.param("target", target)
			.param("unit", unit));
	}

	public Map<Long, List<Partner>> partners(Collection<Long> measureIds) {
		Map<Long, List<Partner>> byMeasure = new LinkedHashMap<>();
		chunked(measureIds, part -> jdbc.sql("SELECT measure_id, unit_id, part FROM measure_partner WHERE measure_id IN (:ids)"
				+ " ORDER BY measure_id, unit_id")
			.param("ids", part)
			.query((rs, n) -> new Partner(rs.getLong("measure_id"), rs.getLong("unit_id"), rs.getString("part")))
			.list()).forEach(p -> byMeasure.computeIfAbsent(p.measureId(), k -> new ArrayList<>()).add(p));
		return byMeasure;
	}

	public Map<Long, List<Target>> targets(Collection<Long> measureIds) {
		Map<Long, List<Target>> byMeasure = new LinkedHashMap<>();
		chunked(measureIds, part -> jdbc.sql("""
				SELECT id, measure_id, period_label, period_end, description, indicator, baseline, target_value, unit,
				    actual, actual_cycle_end
				FROM measure_target WHERE measure_id IN (:ids) ORDER BY measure_id, period_end, id""")
			.param("ids", part)
			.query((rs, n) -> new Target(rs.getLong("id"), rs.getLong("measure_id"), rs.getString("period_label"),
					Sql.date(rs, "period_end"), rs.getString("description"), rs.getString("indicator"),
					rs.getBigDecimal("baseline"), rs.getBigDecimal("target_value"), rs.getString("unit"),
					rs.getBigDecimal("actual"), Sql.date(rs, "actual_cycle_end")))
			.list()).forEach(t -> byMeasure.computeIfAbsent(t.measureId(), k -> new ArrayList<>()).add(t));
		return byMeasure;
	}

	/**
	 * The end of the latest cycle each measure's responsible unit reported on (returned reports do
	 * not count), as kept on the measure row by {@link #insertReport} and {@link #insertReview}.
	 */
	public Map<Long, LocalDate> lastReportedCycleEnds(Collection<Long> measureIds) {
		Map<Long, LocalDate> result = new HashMap<>();
		chunked(measureIds, part -> jdbc.sql("SELECT id, reported_cycle_end FROM measure WHERE id IN (:ids)"
				+ " AND reported_cycle_end IS NOT NULL")
			.param("ids", part)
			.query((rs, n) -> Map.entry(rs.getLong("id"), Sql.date(rs, "reported_cycle_end")))
			.list()).forEach(e -> result.put(e.getKey(), e.getValue()));
		return result;
	}

	/** A cycle's first report is on time when filed (in the measures' zone) within the grace days after the cycle's end. */
	boolean onTime(LocalDate cycleEnd, Instant filedAt) {
		return !filedAt.atZone(java.time.ZoneId.of(settings.zone())).toLocalDate().isAfter(cycleEnd.plusDays(settings.reportGraceDays()));
	}

	/** A measure's punctuality counters: cycles whose first report came on time, and late. */
	public record Counters(int onTime, int late) {
	}

	/** The punctuality counters of these measures (measures not counted yet are left out). */
	public Map<Long, Counters> counters(Collection<Long> measureIds) {
		Map<Long, Counters> result = new HashMap<>();
		chunked(measureIds, part -> jdbc.sql("SELECT id, cycles_on_time, cycles_late FROM measure WHERE id IN (:ids)"
				+ " AND cycles_on_time IS NOT NULL AND cycles_late IS NOT NULL")
			.param("ids", part)
			.query((rs, n) -> Map.entry(rs.getLong("id"), new Counters(rs.getInt("cycles_on_time"), rs.getInt("cycles_late"))))
			.list()).forEach(e -> result.put(e.getKey(), e.getValue()));
		return result;
	}

	/**
	 * Per measure, the cycles ending after {@code after} that have a report of the responsible unit;
	 * only measures filed for such a cycle at all are asked about (usually none, once the grace days
	 * of the last cycle have passed).
	 */
	public Map<Long, Integer> filedCyclesAfter(Collection<Long> measureIds, LocalDate after) {
		Map<Long, Integer> result = new HashMap<>();
		List<Long> recent = chunked(measureIds, part -> jdbc.sql("SELECT id FROM measure WHERE id IN (:ids) AND filed_cycle_end > :after")
			.param("ids", part).param("after", after).query(Long.class).list());
		chunked(recent, part -> jdbc.sql("SELECT measure_id, COUNT(DISTINCT cycle_end) AS n FROM measure_report"
				+ " WHERE measure_id IN (:ids) AND responsible = TRUE AND cycle_end > :after GROUP BY measure_id")
			.param("ids", part).param("after", after)
			.query((rs, n) -> Map.entry(rs.getLong("measure_id"), rs.getInt("n")))
			.list()).forEach(e -> result.put(e.getKey(), e.getValue()));
		return result;
	}

	/** The ids of measures whose punctuality has not been counted yet (rows from before the counters), up to {@code limit}. */
	List<Long> uncounted(int limit) {
		return jdbc.sql("SELECT id FROM measure WHERE cycles_on_time IS NULL OR cycles_late IS NULL ORDER BY id LIMIT :limit")
			.param("limit", limit).query(Long.class).list();
	}

	/** Counts the punctuality of these measures from their reports: each cycle's first responsible report. */
	void recount(List<Long> measureIds) {
		Map<Long, int[]> counts = new HashMap<>();
		measureIds.forEach(id -> counts.put(id, new int[2]));
		chunked(measureIds, part -> jdbc.sql("SELECT measure_id, cycle_end, MIN(submitted_at) AS first_at FROM measure_report"
				+ " WHERE responsible = TRUE AND measure_id IN (:ids) GROUP BY measure_id, cycle_end")
			.param("ids", part)
			.query((rs, n) -> {
				counts.get(rs.getLong("measure_id"))[onTime(Sql.date(rs, "cycle_end"), Sql.instant(rs, "first_at")) ? 0 : 1]++;
				return 1;
			}).list());
		counts.forEach((id, c) -> jdbc.sql("UPDATE measure SET cycles_on_time = :a, cycles_late = :b WHERE id = :id")
			.param("a", c[0]).param("b", c[1]).param("id", id).update());
	}

	/** Recomputes a measure's latest reported cycle from its reports (after a report was returned). */
	void refreshReportedCycle(long measureId) {
		jdbc.sql("""
				UPDATE measure SET reported_cycle_end = (
				    SELECT MAX(r.cycle_end) FROM measure_report r LEFT JOIN measure_report_review v ON v.report_id = r.id
				    WHERE r.measure_id = :m AND r.responsible = TRUE AND (v.decision IS NULL OR v.decision <> 'RETURN'))
				WHERE id = :m""")
			.param("m", measureId).update();
	}

	// reports

	private static final String REPORT = """
			SELECT r.id, r.measure_id, r.unit_id, r.responsible, r.cycle_label, r.cycle_end, r.progress, r.indicator_value,
			    r.clearly_effective, r.done, r.problems, r.next_steps, r.needs_coordination, r.coordination_request,
			    r.submitted_by, r.submitted_at, v.decision, v.comment, v.reviewed_by, v.reviewed_at
			FROM measure_report r LEFT JOIN measure_report_review v ON v.report_id = r.id""";

	private static Report report(ResultSet rs, int n) throws SQLException {
		return new Report(rs.getLong("id"), rs.getLong("measure_id"), Sql.nullableLong(rs, "unit_id"),
				rs.getBoolean("responsible"), rs.getString("cycle_label"), Sql.date(rs, "cycle_end"),
				rs.getBigDecimal("progress").doubleValue(), rs.getBigDecimal("indicator_value"),
				rs.getBoolean("clearly_effective"), rs.getString("done"), rs.getString("problems"),
				rs.getString("next_steps"), rs.getBoolean("needs_coordination"), rs.getString("coordination_request"),
				rs.getString("submitted_by"), Sql.instant(rs, "submitted_at"), rs.getString("decision"),
				rs.getString("comment"), rs.getString("reviewed_by"), Sql.instant(rs, "reviewed_at"));
	}

	public Optional<Report> report(long id) {
		return jdbc.sql(REPORT + " WHERE r.id = :id").param("id", id).query(MeasureRepository::report).optional();
	}

	public List<Report> reports(long measureId) {
		return jdbc.sql(REPORT + " WHERE r.measure_id = :m ORDER BY r.cycle_end DESC, r.id DESC")
			.param("m", measureId).query(MeasureRepository::report).list();
	}

	/** Whether the unit (or, for a community-owned measure, anyone) already has a report for the cycle not returned. */
	public boolean hasLiveReport(long measureId, Long unitId, LocalDate cycleEnd) {
		var spec = jdbc.sql("""
				SELECT COUNT(*) FROM measure_report r LEFT JOIN measure_report_review v ON v.report_id = r.id
				WHERE r.measure_id = :m AND r.cycle_end = :end AND (v.decision IS NULL OR v.decision <> 'RETURN') AND """
				+ (unitId == null ? " r.unit_id IS NULL" : " r.unit_id = :u"))
			.param("m", measureId)
			.param("end", cycleEnd);
		if (unitId != null) {
			spec = spec.param("u", unitId);
		}
		return spec.query(Long.class).single() > 0;
	}

	/** A report not returned: its measure, unit (null for a community-owned measure's) and cycle end. */
	public record LiveReport(long measureId, Long unitId, LocalDate cycleEnd) {
	}

	/** The reports not returned of these measures for these cycle ends, in one query per chunk of measures. */
	public List<LiveReport> liveReports(Collection<Long> measureIds, Collection<LocalDate> cycleEnds) {
		if (cycleEnds.isEmpty()) {
			return List.of();
		}
		return chunked(measureIds, part -> jdbc.sql("""
				SELECT r.measure_id, r.unit_id, r.cycle_end FROM measure_report r
				LEFT JOIN measure_report_review v ON v.report_id = r.id
				WHERE r.measure_id IN (:ids) AND r.cycle_end IN (:ends) AND (v.decision IS NULL OR v.decision <> 'RETURN')""")
			.param("ids", part)
			.param("ends", List.copyOf(new LinkedHashSet<>(cycleEnds)))
			.query((rs, n) -> new LiveReport(rs.getLong("measure_id"), Sql.nullableLong(rs, "unit_id"), Sql.date(rs, "cycle_end")))
			.list());
	}

	public long insertReport(long measureId, Long unitId, boolean responsible, String cycleLabel, LocalDate cycleEnd,
			BigDecimal progress, BigDecimal indicator, boolean clearlyEffective, String done, String problems,
			String nextSteps, boolean needsCoordination, String coordinationRequest, String by, Instant at) {
		if (responsible) {
			jdbc.sql("UPDATE measure SET reported_cycle_end = :end WHERE id = :m"
					+ " AND (reported_cycle_end IS NULL OR reported_cycle_end < :end)")
				.param("end", cycleEnd).param("m", measureId).update();
			jdbc.sql("UPDATE measure SET filed_cycle_end = :end WHERE id = :m"
					+ " AND (filed_cycle_end IS NULL OR filed_cycle_end < :end)")
				.param("end", cycleEnd).param("m", measureId).update();
			// the cycle's first report decides its punctuality (a report filed again after a return does not)
			boolean first = jdbc.sql("SELECT COUNT(*) FROM measure_report WHERE measure_id = :m AND cycle_end = :end"
					+ " AND responsible = TRUE").param("m", measureId).param("end", cycleEnd).query(Long.class).single() == 0;
			if (first) {
				String column = onTime(cycleEnd, at) ? "cycles_on_time" : "cycles_late";
				jdbc.sql("UPDATE measure SET " + column + " = " + column + " + 1 WHERE id = :m AND " + column + " IS NOT NULL")
					.param("m", measureId).update();
			}
		}
		long reportId = Sql.insert(jdbc.sql("""
				INSERT INTO measure_report (measure_id, unit_id, responsible, cycle_label, cycle_end, progress,
				    indicator_value, clearly_effective, done, problems, next_steps, needs_coordination,
				    coordination_request, submitted_by, submitted_at)
				VALUES (:m, :u, :responsible, :label, :end, :progress, :indicator, :effective, :done, :problems, :next,
				    :needs, :request, :by, :at)""")
			.param("m", measureId)
			.param("u", unitId)
			.param("responsible", responsible)
			.param("label", cycleLabel)
			.param("end", cycleEnd)
			.param("progress", progress)
			.param("indicator", indicator)
			.param("effective", clearlyEffective)
			.param("done", done)
			.param("problems", problems)
			.param("next", nextSteps)
			.param("needs", needsCoordination)
			.param("request", coordinationRequest)
			.param("by", by)
			.param("at", Sql.utc(at)));
		jdbc.sql("INSERT INTO measure_review_queue (report_id, mechanism_id, submitted_at)"
				+ " SELECT :r, mechanism_id, :at FROM measure WHERE id = :m")
			.param("r", reportId).param("m", measureId).param("at", Sql.utc(at)).update();
		return reportId;
	}

	public void insertEvidence(long reportId, String fileId, String name, long size, String sha256) {
		jdbc.sql("INSERT INTO measure_report_evidence (report_id, file_id, name, size_bytes, sha256) VALUES (:r, :f, :n, :s, :h)")
			.param("r", reportId).param("f", fileId).param("n", name).param("s", size).param("h", sha256).update();
	}

	public Map<Long, List<Evidence>> evidence(Collection<Long> reportIds) {
		Map<Long, List<Evidence>> byReport = new LinkedHashMap<>();
		chunked(reportIds, part -> jdbc.sql("""
				SELECT report_id, file_id, name, size_bytes, sha256 FROM measure_report_evidence
				WHERE report_id IN (:ids) ORDER BY report_id, name""")
			.param("ids", part)
			.query((rs, n) -> new Evidence(rs.getLong("report_id"), rs.getString("file_id"), rs.getString("name"),
					rs.getLong("size_bytes"), rs.getString("sha256")))
			.list()).forEach(e -> byReport.computeIfAbsent(e.reportId(), k -> new ArrayList<>()).add(e));
		return byReport;
	}

	/** Records the one review of a report; false when it already has one. */
	public boolean insertReview(long reportId, String decision, String comment, String by, Instant at) {
		int rows = jdbc.sql("""
				INSERT INTO measure_report_review (report_id, decision, comment, reviewed_by, reviewed_at)
				SELECT :r, :d, :c, :by, :at FROM measure_report r
				WHERE r.id = :r AND NOT EXISTS (SELECT 1 FROM measure_report_review v WHERE v.report_id = :r)""")
			.param("r", reportId).param("d", decision).param("c", comment).param("by", by).param("at", Sql.utc(at))
			.update();
		if (rows == 1) {
			jdbc.sql("DELETE FROM measure_review_queue WHERE report_id = :r").param("r", reportId).update();
		}
		if (rows == 1 && "RETURN".equals(decision)) {
			report(reportId).ifPresent(r -> refreshReportedCycle(r.measureId()));
		}
		return rows == 1;
	}

	/** Makes an accepted report the measure's latest when it is at least as recent as the one it holds. */
	public void acceptInto(Report r) {
		jdbc.sql("""
				UPDATE measure SET accepted_report_id = :r, accepted_cycle_end = :end, accepted_progress = :progress,
				    accepted_effective = :effective, updated_at = :now, version = version + 1"""
				+ (r.indicatorValue() == null ? "" : ", accepted_indicator = :indicator")
				+ " WHERE id = :m AND (accepted_cycle_end IS NULL OR accepted_cycle_end <= :end)")
			.param("r", r.id())
			.param("end", r.cycleEnd())
			.param("progress", BigDecimal.valueOf(r.progress()))
			.params(r.indicatorValue() == null ? Map.of() : Map.of("indicator", r.indicatorValue()))
			.param("effective", r.clearlyEffective())
			.param("now", Sql.now())
			.param("m", r.measureId())
			.update();
		if (r.indicatorValue() != null) {
			jdbc.sql("""
					UPDATE measure_target SET actual = :v, actual_cycle_end = :end
					WHERE measure_id = :m AND period_end >= :end AND (actual_cycle_end IS NULL OR actual_cycle_end <= :end)""")
				.param("v", r.indicatorValue())
				.param("end", r.cycleEnd())
				.param("m", r.measureId())
				.update();
		}
	}

	public void close(long measureId, String by, Instant at) {
		jdbc.sql("UPDATE measure SET closed_at = :at, closed_by = :by, updated_at = :now, version = version + 1 WHERE id = :m")
			.param("at", Sql.utc(at)).param("by", by).param("now", Sql.now()).param("m", measureId).update();
	}

	public void override(long measureId, MeasureStatus status, String reason) {
		jdbc.sql("""
				UPDATE measure SET override_status = :s, override_reason = :reason, updated_at = :now, version = version + 1
				WHERE id = :m""")
			.param("s", status == null ? null : status.name())
			.param("reason", reason)
			.param("now", Sql.now())
			.param("m", measureId)
			.update();
	}

	static <T> List<T> chunked(Collection<Long> ids, Function<List<Long>, List<T>> query) {
		List<Long> all = List.copyOf(new LinkedHashSet<>(ids));
		List<T> out = new ArrayList<>();
		for (int i = 0; i < all.size(); i += CHUNK) {
			out.addAll(query.apply(all.subList(i, Math.min(all.size(), i + CHUNK))));
		}
		return out;
	}
}
