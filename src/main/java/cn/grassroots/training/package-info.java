/**
 * Training: programmes, classrooms and their plans under provincial review, live relay,
 * enrolment with duplicate-training control, attendance, tests, seminars and their
 * achievement-conversion lists, evaluation, supervision, records and certificates.
 * Listens to surveys; publishes {@link cn.grassroots.training.ActionListAdopted} for measures.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Training", allowedDependencies = { "platform", "org", "surveys" })
package cn.grassroots.training;
