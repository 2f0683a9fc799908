/**
 * Measures: coordination mechanisms (协调机制), their measures with staged targets, progress
 * reports under review, computed status and supervision notices, coordination requests,
 * close-out, and the measures that seminar lists become. Listens to training.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Measures", allowedDependencies = { "platform", "org", "training" })
package cn.grassroots.measures;
