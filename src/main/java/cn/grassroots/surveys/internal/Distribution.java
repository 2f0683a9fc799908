package cn.grassroots.surveys.internal;

import java.time.Instant;

/**
 * How one version of a questionnaire reaches its respondents: per-person links with single-use
 * tokens ({@link Kind#TOKENS}) or one open link with a quota per role and region ({@link Kind#OPEN}).
 * {@code regionCode} is the distribution's region, the anchor of scope.
 */
public record Distribution(long id, long questionnaireId, long versionId, String name, Kind kind, boolean anonymous,
		long regionCode, Instant opensAt, Instant closesAt, String openKey, String createdBy, Instant createdAt) {

	public enum Kind {
		TOKENS, OPEN;

		public String messageKey() {
			return "distribution.kind." + name();
		}
	}

	/** Whether answers are taken at this instant. */
	public boolean openAt(Instant now) {
		return !now.isBefore(opensAt) && now.isBefore(closesAt);
	}

	/** Target respondents of one role in one region: how many are expected (an open link's quota) and how many answered. */
	public record Target(long id, RespondentRole role, long regionCode, int quota, int taken) {
	}
}
