package cn.grassroots.platform.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import cn.grassroots.platform.Sql;
import cn.grassroots.platform.crypto.Masking;
import cn.grassroots.platform.security.AccountPrincipal;
import tools.jackson.databind.json.JsonMapper;

/**
 * 操作日志: who did what, when, from where, with the values before and after. Writes join the
 * caller's transaction, so a rolled-back change leaves no audit record claiming it happened.
 * Rows are never updated or deleted by the application.
 */
@Service
public class AuditLog {

	/** Keys whose values are masked before they are stored, whatever the caller passed. */
	private static final Set<String> PHONE_KEYS = Set.of("phone", "mobile");
	private static final Set<String> ID_KEYS = Set.of("idNumber", "idCard");
	private static final Set<String> SECRET_KEYS = Set.of("password", "token", "secret");

	private final JdbcClient jdbc;
	private final JsonMapper json;

	public AuditLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.json = JsonMapper.builder().build();
	}

	/** Starts a record for the current user. */
	public Entry action(String action) {
		return new Entry(action);
	}

	public final class Entry {

		private final String action;
		private String targetType;
		private String targetId;
		private Long regionCode;
		private Map<String, ?> before;
		private Map<String, ?> after;
		private String detail;
		private String outcome = "SUCCESS";
		private String actor;
		private Long actorId;

		private Entry(String action) {
			this.action = action;
		}

		public Entry target(String type, Object id) {
			this.targetType = type;
			this.targetId = id == null ? null : id.toString();
			return this;
		}

		/** The region the target hangs on: auditors see the records inside their scope. */
		public Entry region(Long regionCode) {
			this.regionCode = regionCode;
			return this;
		}

		public Entry before(Map<String, ?> before) {
			this.before = before;
			return this;
		}

		public Entry after(Map<String, ?> after) {
			this.after = after;
			return this;
		}

		public Entry detail(String detail) {
			this.detail = detail;
			return this;
		}

		public Entry failed() {
			this.outcome = "FAILURE";
			return this;
		}

		/** For events without a logged-in user yet (logins, lockouts). */
		public Entry actor(String username, Long accountId) {
			this.actor = username;
			this.actorId = accountId;
			return this;
		}

		public void record() {
			String who = actor;
			Long whoId = actorId;
			if (who == null) {
				Authentication auth = SecurityContextHolder.getContext().getAuthentication();
				if (auth != null && auth.getPrincipal() instanceof AccountPrincipal p) {
					who = p.getUsername();
					whoId = p.accountId();
				}
				else if (auth != null) {
					who = auth.getName();
				}
				else {
					who = "system";
				}
			}
			jdbc.sql("""
					INSERT INTO audit_event (occurred_at, actor, actor_id, action, target_type, target_id, region_code,
					    outcome, detail, before_value, after_value, client_address)
					VALUES (:at, :actor, :actorId, :action, :type, :target, :region, :outcome, :detail, :before, :after, :addr)""")
				.param("at", Sql.now())
				.param("actor", who)
				.param("actorId", whoId)
				.param("action", action)
				.param("type", targetType)
				.param("target", targetId)
				.param("region", regionCode)
				.param("outcome", outcome)
				.param("detail", detail == null ? null : detail.length() > 1000 ? detail.substring(0, 1000) : detail)
				.param("before", toJson(before))
				.param("after", toJson(after))
				.param("addr", clientAddress())
				.update();
		}
	}

	private String toJson(Map<String, ?> values) {
		if (values == null) {
			return null;
		}
		Map<String, Object> safe = new LinkedHashMap<>();
		values.forEach((k, v) -> safe.put(k, maskValue(k, v)));
		return json.writeValueAsString(safe);
	}

	static Object maskValue(String key, Object value) {
		if (!(value instanceof String s) || Masking.isMasked(s)) {
			return value;
		}
		if (PHONE_KEYS.contains(key)) {
			return Masking.phone(s);
		}
		if (ID_KEYS.contains(key)) {
			return Masking.idNumber(s);
		}
		if (SECRET_KEYS.contains(key)) {
			return "******";
		}
		return value;
	}

	public static String clientAddress() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
			return attrs.getRequest().getRemoteAddr();
		}
		return null;
	}
}
