package cn.grassroots.measures.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.measures.internal.MeasureRepository.Mechanism;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.Sql;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.security.CurrentUser;

/**
 * 调查研究: research visits of a mechanism, recorded by its lead or coordinating unit (or a region
 * manager over it), each with findings linked to the measures of the mechanism they concern. Whoever
 * reaches the whole mechanism reads the visits; a measure's findings are read with the measure.
 */
@Service
public class VisitService {

	public record Visit(long id, long mechanismId, String title, LocalDate visitedOn, String place, String participants,
			String summary, String createdBy, int findings) {
	}

	public record LinkedMeasure(long id, String code, String title) {
	}

	public record Finding(long id, long visitId, String finding, String suggestion, List<LinkedMeasure> measures) {
	}

	public record VisitDetail(Visit visit, Mechanism mechanism, List<Finding> findings) {
	}

	/** A finding as it reaches a measure: the visit that made it. */
	public record MeasureFinding(long findingId, long visitId, String visitTitle, LocalDate visitedOn, String finding,
			String suggestion) {
	}

	public record FindingDraft(String finding, String suggestion, List<Long> measureIds) {
	}

	public record VisitDraft(String title, LocalDate visitedOn, String place, String participants, String summary,
			List<FindingDraft> findings) {
	}

	static final int MAX_FINDINGS = 50;

	private static final String VISIT = "SELECT v.*, (SELECT COUNT(*) FROM measure_visit_finding f WHERE f.visit_id = v.id)"
			+ " AS n_findings FROM measure_visit v";

	private final JdbcClient jdbc;
	private final MechanismService mechanisms;
	private final MeasureService measures;
	private final MeasureAccess access;
	private final MeasuresClock clock;
	private final CurrentUser user;
	private final AuditLog audit;

	VisitService(JdbcClient jdbc, MechanismService mechanisms, MeasureService measures, MeasureAccess access,
			MeasuresClock clock, CurrentUser user, AuditLog audit) {
		this.jdbc = jdbc;
		this.mechanisms = mechanisms;
		this.measures = measures;
		this.access = access;
		this.clock = clock;
		this.user = user;
		this.audit = audit;
	}

	public boolean canManage(long mechanismId) {
		return access.canManage(mechanisms.require(mechanismId));
	}

	public List<Visit> list(long mechanismId) {
		mechanisms.requireWhole(mechanismId);
		return jdbc.sql(VISIT + " WHERE v.mechanism_id = :m ORDER BY v.visited_on DESC, v.id DESC")
			.param("m", mechanismId).query(VisitService::visit).list();
	}

	@Transactional
	public Visit create(long mechanismId, VisitDraft d) {
		Mechanism m = mechanisms.requireManaged(mechanismId);
		Checks c = new Checks();
		String title = c.text("title", d == null ? null : d.title(), 200, true);
		LocalDate visitedOn = c.required("visitedOn", d == null ? null : d.visitedOn());
		String place = c.text("place", d == null ? null : d.place(), 200, false);
		String participants = c.text("participants", d == null ? null : d.participants(), 500, false);
		String summary = c.text("summary", d == null ? null : d.summary(), 4000, false);
		List<FindingDraft> raw = d == null || d.findings() == null ? List.of() : d.findings();
		if (raw.size() > MAX_FINDINGS) {
			c.add("findings", "at most " + MAX_FINDINGS + " findings");
			raw = List.of();
		}
		Set<Long> ofMechanism = new java.util.HashSet<>(jdbc.sql("SELECT id FROM measure WHERE mechanism_id = :m")
			.param("m", mechanismId).query(Long.class).list());
		List<String> texts = new ArrayList<>();
		List<String> suggestions = new ArrayList<>();
		List<Set<Long>> links = new ArrayList<>();
		for (int i = 0; i < raw.size(); i++) {
			FindingDraft f = raw.get(i);
			String p = "findings[" + i + "]";
			if (f == null) {
				c.add(p, "is required");
				continue;
			}
			texts.add(c.text(p + ".finding", f.finding(), 2000, true));
			suggestions.add(c.text(p + ".suggestion", f.suggestion(), 2000, false));
			Set<Long> ids = new LinkedHashSet<>();
			if (f.measureIds() != null) {
				for (Long id : f.measureIds()) {
					if (id == null || !ofMechanism.contains(id)) {
						c.add(p + ".measureIds", "must name measures of this mechanism");
						break;
					}
					ids.add(id);
				}
			}
			links.add(ids);
		}
		c.throwIfAny();
		long id = Sql.insert(jdbc.sql("INSERT INTO measure_visit (mechanism_id, title, visited_on, place, participants, summary,"
				+ " created_by, created_at) VALUES (:m, :t, :on, :place, :who, :s, :by, :at)")
			.param("m", mechanismId).param("t", title).param("on", visitedOn).param("place", place)
			.param("who", participants).param("s", summary).param("by", user.username())
			.param("at", Sql.utc(clock.now())));
		List<Map<String, Object>> after = new ArrayList<>();
		for (int i = 0; i < texts.size(); i++) {
			long f = Sql.insert(jdbc.sql("INSERT INTO measure_visit_finding (visit_id, finding, suggestion) VALUES (:v, :f, :s)")
				.param("v", id).param("f", texts.get(i)).param("s", suggestions.get(i)));
			for (Long measure : links.get(i)) {
				jdbc.sql("INSERT INTO measure_finding_link (finding_id, measure_id) VALUES (:f, :m)").param("f", f)
					.param("m", measure).update();
			}
			after.add(Map.of("finding", texts.get(i), "measures", List.copyOf(links.get(i))));
		}
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("mechanism", mechanismId);
		state.put("title", title);
		state.put("visitedOn", visitedOn.toString());
		state.put("findings", after);
		audit.action("MEASURE_VISIT_CREATE").target("visit", id).region(m.regionCode()).after(state).record();
		return visitRow(id);
	}

	private Visit visitRow(long id) {
		return jdbc.sql(VISIT + " WHERE v.id = :id").param("id", id).query(VisitService::visit).optional()
			.orElseThrow(() -> new NotFoundException("no research visit " + id));
	}

	public VisitDetail get(long visitId) {
		Visit v = visitRow(visitId);
		Mechanism m = mechanisms.requireWhole(v.mechanismId());
		Map<Long, List<LinkedMeasure>> linked = new LinkedHashMap<>();
		jdbc.sql("SELECT l.finding_id, ms.id, ms.code, ms.title FROM measure_finding_link l JOIN measure ms ON ms.id = l.measure_id"
				+ " JOIN measure_visit_finding f ON f.id = l.finding_id WHERE f.visit_id = :v ORDER BY ms.code")
			.param("v", visitId)
			.query((ResultSet rs) -> {
				linked.computeIfAbsent(rs.getLong("finding_id"), k -> new ArrayList<>())
					.add(new LinkedMeasure(rs.getLong("id"), rs.getString("code"), rs.getString("title")));
			});
		List<Finding> findings = jdbc.sql("SELECT * FROM measure_visit_finding WHERE visit_id = :v ORDER BY id")
			.param("v", visitId)
			.query((rs, n) -> new Finding(rs.getLong("id"), visitId, rs.getString("finding"), rs.getString("suggestion"),
					linked.getOrDefault(rs.getLong("id"), List.of())))
			.list();
		return new VisitDetail(v, m, findings);
	}

	/** The findings of research visits linked to the measure, latest visit first. */
	public List<MeasureFinding> findings(long measureId) {
		measures.require(measureId);
		return jdbc.sql("SELECT f.id, v.id AS v_id, v.title, v.visited_on, f.finding, f.suggestion FROM measure_finding_link l"
				+ " JOIN measure_visit_finding f ON f.id = l.finding_id JOIN measure_visit v ON v.id = f.visit_id"
				+ " WHERE l.measure_id = :m ORDER BY v.visited_on DESC, f.id")
			.param("m", measureId)
			.query((rs, n) -> new MeasureFinding(rs.getLong("id"), rs.getLong("v_id"), rs.getString("title"),
					Sql.date(rs, "visited_on"), rs.getString("finding"), rs.getString("suggestion")))
			.list();
	}

	private static Visit visit(ResultSet rs, int n) throws SQLException {
		return new Visit(rs.getLong("id"), rs.getLong("mechanism_id"), rs.getString("title"), Sql.date(rs, "visited_on"),
				rs.getString("place"), rs.getString("participants"), rs.getString("summary"), rs.getString("created_by"),
				rs.getInt("n_findings"));
	}
}
