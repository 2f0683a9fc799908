package cn.grassroots.training.internal;

import static cn.grassroots.training.internal.Checks.mapOf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.Region;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.InvalidInputException.FieldError;
import cn.grassroots.platform.Sql;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;

/**
 * 观摩点 and 教育基地: reference data every signed-in user may read (plan editors pick from it);
 * added by an officer with TRAINING_MANAGE over the site's region, who also says whether it is on
 * the approved list.
 */
@Service
public class SiteService {

	public record Site(long id, String name, SiteKind kind, String theme, String hostName, long regionCode,
			int capacity, boolean approved) {
	}

	public record Draft(String name, SiteKind kind, String theme, String hostName, String regionCode, Integer capacity,
			Boolean approved) {
	}

	private final JdbcClient jdbc;
	private final OrgDirectory org;
	private final CurrentUser user;
	private final AuditLog audit;

	SiteService(JdbcClient jdbc, OrgDirectory org, CurrentUser user, AuditLog audit) {
		this.jdbc = jdbc;
		this.org = org;
		this.user = user;
		this.audit = audit;
	}

	private static final String SELECT = "SELECT id, name, kind, theme, host_name, region_code, capacity, approved FROM training_site";

	public List<Site> list() {
		return jdbc.sql(SELECT + " ORDER BY region_code, name, id").query(SiteService::map).list();
	}

	public Optional<Site> find(long id) {
		return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(SiteService::map).optional();
	}

	@Transactional
	public Site create(Draft d) {
		var manage = user.require(Permission.TRAINING_MANAGE);
		List<FieldError> errors = new ArrayList<>();
		String name = Checks.text(d.name(), "name", true, 200, errors);
		Checks.required(d.kind(), "kind", errors);
		String theme = Checks.text(d.theme(), "theme", false, 100, errors);
		String host = Checks.text(d.hostName(), "hostName", false, 200, errors);
		Region region = Checks.region(org, d.regionCode(), "regionCode", errors);
		int capacity = Checks.range(d.capacity(), "capacity", 1, 100000, errors);
		if (region != null && !manage.reachesRegion(region.code())) {
			throw new ForbiddenException("region " + region.code() + " is outside your scope");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		boolean approved = Boolean.TRUE.equals(d.approved());
		long id = Sql.insert(jdbc.sql("""
				INSERT INTO training_site (name, kind, theme, host_name, region_code, capacity, approved, created_at)
				VALUES (:name, :kind, :theme, :host, :region, :capacity, :approved, :now)""")
			.param("name", name)
			.param("kind", d.kind().name())
			.param("theme", theme)
			.param("host", host)
			.param("region", region.code())
			.param("capacity", capacity)
			.param("approved", approved)
			.param("now", Sql.now()));
		audit.action("TRAINING_SITE_CREATE").target("training_site", id).region(region.code())
			.after(mapOf("name", name, "kind", d.kind().name(), "theme", theme, "hostName", host, "regionCode",
					region.code(), "capacity", capacity, "approved", approved))
			.record();
		return find(id).orElseThrow();
	}

	/** A visit of a classroom to the site: an observation session of a classroom's current plan. */
	public record Visit(long sessionId, long classroomId, String classroomName, java.time.LocalDate date,
			java.time.LocalTime start, java.time.LocalTime end, String title, PlanStatus planStatus) {
	}

	/** The themes the province names (队伍建设, 阵地建设, 党建联建, 志愿服务, 精细治理); a site may name another. */
	public static final List<String> THEMES = List.of("队伍建设", "阵地建设", "党建联建", "志愿服务", "精细治理", "红色教育");

	/** Sites of a kind, theme, region (and below) or approval, all optional. */
	public List<Site> search(SiteKind kind, String theme, Boolean approved, String regionCode) {
		StringBuilder where = new StringBuilder(" WHERE 1=1");
		java.util.Map<String, Object> params = new java.util.HashMap<>();
		if (kind != null) {
			where.append(" AND kind = :kind");
			params.put("kind", kind.name());
		}
		if (theme != null && !theme.isBlank()) {
			if (theme.length() > 100) {
				throw InvalidInputException.of("theme", "validation.tooLong");
			}
			where.append(" AND theme = :theme");
			params.put("theme", theme.strip());
		}
		if (approved != null) {
			where.append(" AND approved = :approved");
			params.put("approved", approved);
		}
		if (regionCode != null && !regionCode.isBlank()) {
			Region r = org.region(regionCode.strip()).orElseThrow(() -> InvalidInputException.of("region", "training.region.notFound"));
			where.append(" AND region_code BETWEEN :rf AND :rt");
			params.put("rf", r.code());
			params.put("rt", r.subtreeEnd());
		}
		return jdbc.sql(SELECT + where + " ORDER BY region_code, name, id").params(params).query(SiteService::map).list();
	}

	/** Which classrooms visit the site when: its sessions in the current plans of classrooms the caller may see. */
	public List<Visit> visits(long siteId, TrainingAccess.Condition visibleClassroom) {
		find(siteId).orElseThrow(() -> new cn.grassroots.platform.NotFoundException("no site " + siteId));
		return jdbc.sql("""
				SELECT s.id, c.id AS classroom_id, c.name AS classroom_name, s.session_date, s.start_time, s.end_time, s.title, pl.status
				FROM training_session s
				JOIN training_plan pl ON pl.id = s.plan_id
				JOIN training_classroom c ON c.id = pl.classroom_id
				JOIN training_programme p ON p.id = c.programme_id
				WHERE s.site_id = :site
				  AND pl.version_no = (SELECT MAX(p2.version_no) FROM training_plan p2 WHERE p2.classroom_id = c.id)
				  AND """ + visibleClassroom.sql() + " ORDER BY s.session_date, s.start_time, c.name LIMIT 1000")
			.param("site", siteId).params(visibleClassroom.params())
			.query((rs, n) -> new Visit(rs.getLong("id"), rs.getLong("classroom_id"), rs.getString("classroom_name"),
					Sql.date(rs, "session_date"), rs.getObject("start_time", java.time.LocalTime.class),
					rs.getObject("end_time", java.time.LocalTime.class), rs.getString("title"),
					PlanStatus.valueOf(rs.getString("status"))))
			.list();
	}

	/** Changes a site within the caller's TRAINING_MANAGE scope (its old and new region). */
	@Transactional
	public Site update(long id, Draft d) {
		Site before = find(id).orElseThrow(() -> new cn.grassroots.platform.NotFoundException("no site " + id));
		var manage = user.require(Permission.TRAINING_MANAGE);
		if (!manage.reachesRegion(before.regionCode())) {
			throw new ForbiddenException("the site is outside your scope");
		}
		List<FieldError> errors = new ArrayList<>();
		String name = Checks.text(d.name(), "name", true, 200, errors);
		Checks.required(d.kind(), "kind", errors);
		String theme = Checks.text(d.theme(), "theme", false, 100, errors);
		String host = Checks.text(d.hostName(), "hostName", false, 200, errors);
		Region region = Checks.region(org, d.regionCode(), "regionCode", errors);
		int capacity = Checks.range(d.capacity(), "capacity", 1, 100000, errors);
		if (region != null && !manage.reachesRegion(region.code())) {
			throw new ForbiddenException("region " + region.code() + " is outside your scope");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		boolean approved = d.approved() == null ? before.approved() : d.approved();
		jdbc.sql("""
				UPDATE training_site SET name = :name, kind = :kind, theme = :theme, host_name = :host, region_code = :region,
				    capacity = :capacity, approved = :approved, updated_at = :now, version = version + 1,
				    approved_by = CASE WHEN :approved AND NOT approved THEN :by ELSE approved_by END,
				    approved_at = CASE WHEN :approved AND NOT approved THEN :now ELSE approved_at END
				WHERE id = :id""")
			.param("name", name).param("kind", d.kind().name()).param("theme", theme).param("host", host)
			.param("region", region.code()).param("capacity", capacity).param("approved", approved).param("now", Sql.now())
			.param("by", user.username()).param("id", id).update();
		Site after = find(id).orElseThrow();
		audit.action("TRAINING_SITE_UPDATE").target("training_site", id).region(after.regionCode())
			.before(snapshot(before)).after(snapshot(after)).record();
		return after;
	}

	static java.util.Map<String, Object> snapshot(Site s) {
		return mapOf("name", s.name(), "kind", s.kind().name(), "theme", s.theme(), "hostName", s.hostName(), "regionCode",
				s.regionCode(), "capacity", s.capacity(), "approved", s.approved());
	}

	static Site map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Site(rs.getLong("id"), rs.getString("name"), SiteKind.valueOf(rs.getString("kind")),
				rs.getString("theme"), rs.getString("host_name"), rs.getLong("region_code"), rs.getInt("capacity"),
				rs.getBoolean("approved"));
	}
}
