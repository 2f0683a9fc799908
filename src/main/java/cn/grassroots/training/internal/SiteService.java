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

	static Site map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Site(rs.getLong("id"), rs.getString("name"), SiteKind.valueOf(rs.getString("kind")),
				rs.getString("theme"), rs.getString("host_name"), rs.getLong("region_code"), rs.getInt("capacity"),
				rs.getBoolean("approved"));
	}
}
