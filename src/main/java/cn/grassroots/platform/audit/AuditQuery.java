package cn.grassroots.platform.audit;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.platform.SortKeys;
import cn.grassroots.platform.SortOrder;
import cn.grassroots.platform.Sql;
import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;
import cn.grassroots.platform.security.ScopeFilter;

/** Reads the audit within the reader's AUDIT_READ scope. Records without a region are for ALL-scope readers only. */
@Service
public class AuditQuery {

	public record Filter(String actor, String action, Instant from, Instant to) {
	}

	/** The audit list's sort keys; newest first unless asked otherwise. */
	public static final SortKeys SORT = SortKeys.tiebreaker("id")
		.key("time", "occurred_at")
		.nullableKey("actor", "actor")
		.key("action", "action")
		.nullableKey("target", "target_type", "target_id")
		.key("outcome", "outcome")
		.defaultOrder("-time")
		.build();

	private static final ScopeFilter SCOPE = ScopeFilter.onRegion("region_code").prefix("audit");

	private final JdbcClient jdbc;
	private final CurrentUser user;

	AuditQuery(JdbcClient jdbc, CurrentUser user) {
		this.jdbc = jdbc;
		this.user = user;
	}

	public PageResult<AuditEvent> search(Filter filter, SortOrder sort, PageRequest page) {
		AccessScope scope = user.require(Permission.AUDIT_READ);
		ScopeFilter.Condition condition = SCOPE.condition(scope);
		StringBuilder where = new StringBuilder(" WHERE ").append(condition.sql());
		Map<String, Object> params = new HashMap<>(condition.params());
		if (filter.actor() != null && !filter.actor().isBlank()) {
			where.append(" AND actor = :actor");
			params.put("actor", filter.actor().trim());
		}
		if (filter.action() != null && !filter.action().isBlank()) {
			where.append(" AND action = :action");
			params.put("action", filter.action().trim());
		}
		if (filter.from() != null) {
			where.append(" AND occurred_at >= :from");
			params.put("from", Sql.utc(filter.from()));
		}
		if (filter.to() != null) {
			where.append(" AND occurred_at < :to");
			params.put("to", Sql.utc(filter.to()));
		}
		long total = jdbc.sql("SELECT COUNT(*) FROM audit_event" + where).params(params).query(Long.class).single();
		List<AuditEvent> rows = jdbc.sql("""
				SELECT id, occurred_at, actor, action, target_type, target_id, region_code, outcome, detail,
				       before_value, after_value, client_address
				FROM audit_event""" + where + " ORDER BY " + SORT.orderBy(sort) + " LIMIT :limit OFFSET :offset")
			.params(params)
			.param("limit", page.size())
			.param("offset", page.offset())
			.query((rs, n) -> {
				Long region = Sql.nullableLong(rs, "region_code");
				return new AuditEvent(rs.getLong("id"), Sql.instant(rs, "occurred_at"), rs.getString("actor"),
						rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
						region == null ? null : region.toString(), rs.getString("outcome"), rs.getString("detail"),
						rs.getString("before_value"), rs.getString("after_value"), rs.getString("client_address"));
			})
			.list();
		return PageResult.of(rows, page, total);
	}

	/** The history of one record, for its 操作记录 tab; the caller has already checked it may see the record. */
	public List<AuditEvent> historyOf(String targetType, String targetId) {
		return jdbc.sql("""
				SELECT id, occurred_at, actor, action, target_type, target_id, region_code, outcome, detail,
				       before_value, after_value, client_address
				FROM audit_event WHERE target_type = :t AND target_id = :id ORDER BY occurred_at DESC, id DESC LIMIT 200""")
			.param("t", targetType)
			.param("id", targetId)
			.query((rs, n) -> new AuditEvent(rs.getLong("id"), Sql.instant(rs, "occurred_at"), rs.getString("actor"),
					rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"), null,
					rs.getString("outcome"), rs.getString("detail"), rs.getString("before_value"),
					rs.getString("after_value"), rs.getString("client_address")))
			.list();
	}
}
