package cn.grassroots.surveys.internal;

import java.time.Instant;

/**
 * A questionnaire as listed: its current version and owning region (null: the whole country).
 */
public record Questionnaire(long id, String formId, Label title, Long regionCode, boolean anonymous, String status,
		int currentVersion, long currentVersionId, String createdBy, Instant createdAt, Instant updatedAt) {
}
