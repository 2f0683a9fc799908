package cn.grassroots.surveys;

/**
 * An officer marked a survey finding as a seminar topic. The training module keeps its own copy
 * so that a seminar can pick it as its topic.
 *
 * @param regionCode the 12-digit code of the region the finding speaks for
 */
public record FindingMarkedAsTopic(long findingId, long questionnaireId, String title, long regionCode) {
}
