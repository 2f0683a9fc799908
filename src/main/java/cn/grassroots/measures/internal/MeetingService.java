package cn.grassroots.measures.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.measures.internal.MeasureRepository.Mechanism;
import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.Sql;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.security.CurrentUser;

/**
 * 全体会议 and 既督又帮: coordination requests (reports flagged "needs coordination" on open measures)
 * collect on the coordinating unit's desk until a plenary meeting is set up; the meeting takes every
 * waiting request onto its agenda; its minutes record a decision per item, which is carried back to
 * the measure. Only the mechanism's lead or coordinating unit, or a region manager over it, holds
 * meetings; whoever reaches the whole mechanism reads them; a measure's decisions are read with it.
 */
@Service
public class MeetingService {

	public record Meeting(long id, long mechanismId, String title, LocalDate heldOn, String minutes, String minutesBy,
			Instant minutesAt, String createdBy, int items, int decided) {

		public boolean minuted() {
			return minutes != null;
		}
	}

	/** A coordination request, waiting or on an agenda: the report that asks, and its measure. */
	public record Request(long reportId, long measureId, String code, String title, Long unitId, String cycle,
			String request, String submittedBy, Instant submittedAt) {
	}

	public record AgendaItem(long id, Request request, String decision, String decidedBy, Instant decidedAt) {
	}

	public record MeetingDetail(Meeting meeting, Mechanism mechanism, List<AgendaItem> agenda, boolean canManage) {
	}

	/** A decision as it reaches the measure: the meeting that took it and what it asked. */
	public record Decision(long itemId, long meetingId, String meetingTitle, LocalDate heldOn, long reportId,
			String request, String decision, String decidedBy, Instant decidedAt) {
	}

	public record MeetingDraft(String title, LocalDate heldOn) {
	}

	public record MinutesDraft(String minutes, Map<Long, String> decisions) {
	}

	private static final String MEETING = "SELECT g.*, (SELECT COUNT(*) FROM measure_agenda_item a WHERE a.meeting_id = g.id) AS n_items,"
			+ " (SELECT COUNT(*) FROM measure_agenda_item a WHERE a.meeting_id = g.id AND a.decision IS NOT NULL) AS n_decided"
			+ " FROM measure_meeting g";

	private static final String REQUEST = "SELECT r.id AS r_id, r.measure_id, ms.code, ms.title, r.unit_id, r.cycle_label,"
			+ " r.coordination_request, r.submitted_by, r.submitted_at FROM measure_report r JOIN measure ms ON ms.id = r.measure_id";

	private final JdbcClient jdbc;
	private final MechanismService mechanisms;
	private final MeasureService measures;
	private final MeasureAccess access;
	private final MeasuresClock clock;
	private final CurrentUser user;
	private final AuditLog audit;

	MeetingService(JdbcClient jdbc, MechanismService mechanisms, MeasureService measures, MeasureAccess access,
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

	public List<Meeting> list(long mechanismId) {
		mechanisms.requireWhole(mechanismId);
		return jdbc.sql(MEETING + " WHERE g.mechanism_id = :m ORDER BY g.held_on DESC, g.id DESC")
			.param("m", mechanismId).query(MeetingService::meeting).list();
	}

	/** Coordination requests waiting for a meeting: on open measures, not yet on any agenda, newest first. */
	public List<Request> waiting(long mechanismId) {
		mechanisms.requireWhole(mechanismId);
		return waitingRequests(mechanismId);
	}

	private List<Request> waitingRequests(long mechanismId) {
		return jdbc.sql(REQUEST + " WHERE ms.mechanism_id = :m AND r.needs_coordination = TRUE AND ms.closed_at IS NULL"
				+ " AND NOT EXISTS (SELECT 1 FROM measure_agenda_item a WHERE a.report_id = r.id)"
				+ " ORDER BY r.submitted_at DESC, r.id DESC")
			.param("m", mechanismId).query(MeetingService::request).list();
	}

	/** Sets up the next plenary meeting; every waiting coordination request goes onto its agenda. */
	@Transactional
	public Meeting create(long mechanismId, MeetingDraft d) {
		Mechanism m = mechanisms.requireManaged(mechanismId);
		Checks c = new Checks();
		String title = c.text("title", d == null ? null : d.title(), 200, true);
		LocalDate heldOn = c.required("heldOn", d == null ? null : d.heldOn());
		c.throwIfAny();
		long id = Sql.insert(jdbc.sql("INSERT INTO measure_meeting (mechanism_id, title, held_on, created_by, created_at)"
				+ " VALUES (:m, :t, :h, :by, :at)")
			.param("m", mechanismId).param("t", title).param("h", heldOn).param("by", user.username())
			.param("at", Sql.utc(clock.now())));
		List<Request> waiting = waitingRequests(mechanismId);
		for (Request r : waiting) {
			jdbc.sql("INSERT INTO measure_agenda_item (meeting_id, measure_id, report_id) VALUES (:g, :ms, :r)")
				.param("g", id).param("ms", r.measureId()).param("r", r.reportId()).update();
		}
		audit.action("MEASURE_MEETING_CREATE").target("meeting", id).region(m.regionCode())
			.after(Map.of("mechanism", mechanismId, "title", title, "heldOn", heldOn.toString(), "agenda",
					waiting.stream().map(Request::reportId).toList()))
			.record();
		return meetingRow(id);
	}

	private Meeting meetingRow(long id) {
		return jdbc.sql(MEETING + " WHERE g.id = :id").param("id", id).query(MeetingService::meeting).optional()
			.orElseThrow(() -> new NotFoundException("no meeting " + id));
	}

	public MeetingDetail get(long meetingId) {
		Meeting g = meetingRow(meetingId);
		Mechanism m = mechanisms.requireWhole(g.mechanismId());
		return new MeetingDetail(g, m, agenda(meetingId), access.canManage(m));
	}

	private List<AgendaItem> agenda(long meetingId) {
		return jdbc.sql(REQUEST.replace("SELECT r.id AS r_id,", "SELECT a.id AS a_id, a.decision, a.decided_by, a.decided_at, r.id AS r_id,")
				.replace("FROM measure_report r", "FROM measure_agenda_item a JOIN measure_report r ON r.id = a.report_id")
				+ " WHERE a.meeting_id = :g ORDER BY ms.code, a.id")
			.param("g", meetingId)
			.query((rs, n) -> new AgendaItem(rs.getLong("a_id"), request(rs, n), rs.getString("decision"),
					rs.getString("decided_by"), instant(rs, "decided_at")))
			.list();
	}

	/**
	 * Records the meeting's minutes (once) and a decision for agenda items; each decision is carried
	 * back to its measure. An item is decided once; an unknown item is a field error.
	 */
	@Transactional
	public MeetingDetail minutes(long meetingId, MinutesDraft d) {
		Meeting g = meetingRow(meetingId);
		Mechanism m = mechanisms.requireManaged(g.mechanismId());
		Checks c = new Checks();
		String minutes = c.text("minutes", d == null ? null : d.minutes(), 8000, true);
		Map<Long, String> decisions = new LinkedHashMap<>();
		Map<Long, AgendaItem> items = new LinkedHashMap<>();
		agenda(meetingId).forEach(i -> items.put(i.id(), i));
		if (d != null && d.decisions() != null) {
			d.decisions().forEach((itemId, text) -> {
				String field = "decisions[" + itemId + "]";
				if (itemId == null || !items.containsKey(itemId)) {
					c.add(field, "is not an item of this meeting's agenda");
					return;
				}
				String v = c.text(field, text, 2000, false);
				if (v != null) {
					decisions.put(itemId, v);
				}
			});
		}
		c.throwIfAny();
		if (g.minuted()) {
			throw new ConflictException("the meeting's minutes are already recorded");
		}
		List<Long> decided = decisions.keySet().stream().filter(i -> items.get(i).decision() != null).toList();
		if (!decided.isEmpty()) {
			throw new ConflictException("agenda items already decided: " + decided);
		}
		java.time.OffsetDateTime now = Sql.utc(clock.now());
		String by = user.username();
		jdbc.sql("UPDATE measure_meeting SET minutes = :t, minutes_by = :by, minutes_at = :at WHERE id = :id AND minutes IS NULL")
			.param("t", minutes).param("by", by).param("at", now).param("id", meetingId).update();
		decisions.forEach((itemId, text) -> {
			jdbc.sql("UPDATE measure_agenda_item SET decision = :d, decided_by = :by, decided_at = :at"
					+ " WHERE id = :id AND decision IS NULL")
				.param("d", text).param("by", by).param("at", now).param("id", itemId).update();
			AgendaItem item = items.get(itemId);
			audit.action("MEASURE_DECISION").target("measure", item.request().measureId()).region(m.regionCode())
				.before(Map.of("request", item.request().request() == null ? "" : item.request().request()))
				.after(Map.of("meeting", meetingId, "report", item.request().reportId(), "decision", text))
				.record();
		});
		audit.action("MEASURE_MEETING_MINUTES").target("meeting", meetingId).region(m.regionCode())
			.before(Map.of("minutes", ""))
			.after(Map.of("minutes", minutes, "decisions", decisions.size()))
			.record();
		return get(meetingId);
	}

	/** The decisions meetings took on the measure's coordination requests, oldest first. */
	public List<Decision> decisions(long measureId) {
		measures.require(measureId);
		return jdbc.sql("SELECT a.id, g.id AS g_id, g.title, g.held_on, r.id AS r_id, r.coordination_request, a.decision,"
				+ " a.decided_by, a.decided_at FROM measure_agenda_item a JOIN measure_meeting g ON g.id = a.meeting_id"
				+ " JOIN measure_report r ON r.id = a.report_id WHERE a.measure_id = :ms AND a.decision IS NOT NULL"
				+ " ORDER BY a.decided_at, a.id")
			.param("ms", measureId)
			.query((rs, n) -> new Decision(rs.getLong("id"), rs.getLong("g_id"), rs.getString("title"),
					Sql.date(rs, "held_on"), rs.getLong("r_id"), rs.getString("coordination_request"),
					rs.getString("decision"), rs.getString("decided_by"), instant(rs, "decided_at")))
			.list();
	}

	private static Meeting meeting(ResultSet rs, int n) throws SQLException {
		return new Meeting(rs.getLong("id"), rs.getLong("mechanism_id"), rs.getString("title"),
				Sql.date(rs, "held_on"), rs.getString("minutes"), rs.getString("minutes_by"),
				instant(rs, "minutes_at"), rs.getString("created_by"), rs.getInt("n_items"), rs.getInt("n_decided"));
	}

	private static Request request(ResultSet rs, int n) throws SQLException {
		long unit = rs.getLong("unit_id");
		return new Request(rs.getLong("r_id"), rs.getLong("measure_id"), rs.getString("code"), rs.getString("title"),
				rs.wasNull() ? null : unit, rs.getString("cycle_label"), rs.getString("coordination_request"),
				rs.getString("submitted_by"), instant(rs, "submitted_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return Sql.instant(rs, column);
	}

	static List<Long> ids(List<Request> requests) {
		return new ArrayList<>(requests.stream().map(Request::reportId).toList());
	}
}
