package cn.grassroots.platform.audit;

import java.time.Instant;

/** One audit record; before and after are JSON with sensitive values already masked. */
public record AuditEvent(long id, Instant occurredAt, String actor, String action, String targetType, String targetId,
		String regionCode, String outcome, String detail, String before, String after, String clientAddress) {
}
