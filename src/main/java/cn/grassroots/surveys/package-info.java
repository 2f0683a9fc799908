/**
 * Surveys: questionnaires (XLSForm interchange), distribution by role and region, answering on a
 * phone, bulk import of paper responses, and the analysis that turns findings into seminar topics.
 * Depends on org only; publishes {@link cn.grassroots.surveys.FindingMarkedAsTopic}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Surveys", allowedDependencies = { "platform", "org" })
package cn.grassroots.surveys;
