package cn.grassroots.measures.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import cn.grassroots.measures.internal.MeasureRepository.Measure;
import cn.grassroots.measures.internal.MeasureRepository.Target;

/**
 * Applies {@link ProgressPolicy} and {@link StatusPolicy} to stored measures: loads the measures
 * asked for with everything their progress rolls up from (sub-measures and the lower measures
 * citing them, recursively), their staged targets and the latest cycle each responsible unit
 * reported on.
 */
@Component
public class MeasureEvaluator {

	/** A measure's computed state; {@code computed} ignores a manual override. */
	public record Evaluation(double progress, MeasureStatus status, MeasureStatus computed, LocalDate missingCycleEnd) {
	}

	private final MeasureRepository repository;
	private final StatusPolicy status;

	MeasureEvaluator(MeasureRepository repository, MeasuresSettings settings) {
		this.repository = repository;
		this.status = new StatusPolicy(settings);
	}

	public StatusPolicy statusPolicy() {
		return status;
	}

	public Map<Long, Evaluation> evaluate(Collection<Measure> measures, LocalDate today) {
		Map<Long, Measure> all = new HashMap<>();
		measures.forEach(m -> all.put(m.id(), m));
		Set<Long> frontier = new HashSet<>(all.keySet());
		while (!frontier.isEmpty()) {
			Set<Long> next = new HashSet<>();
			for (Measure c : repository.contributorsOf(frontier)) {
				if (all.putIfAbsent(c.id(), c) == null) {
					next.add(c.id());
				}
			}
			frontier = next;
		}
		Map<Long, List<Target>> targets = repository.targets(all.keySet());
		Map<Long, ProgressPolicy.Node> nodes = new HashMap<>();
		for (Measure m : all.values()) {
			Target indicator = finalTarget(targets.get(m.id()));
			nodes.put(m.id(), new ProgressPolicy.Node(m.id(), m.parentId(), m.citedId(), m.weight(), m.closed(),
					m.acceptedProgress(), m.acceptedIndicator(), indicator == null ? null : indicator.baseline(),
					indicator == null ? null : indicator.targetValue()));
		}
		Map<Long, Double> progress = ProgressPolicy.progress(nodes);
		List<Long> asked = measures.stream().map(Measure::id).toList();
		Map<Long, LocalDate> reported = repository.lastReportedCycleEnds(asked);
		Map<Long, Evaluation> result = new HashMap<>();
		for (Measure m : measures) {
			double p = progress.getOrDefault(m.id(), 0.0);
			List<StatusPolicy.Stage> stages = new ArrayList<>();
			for (Target t : targets.getOrDefault(m.id(), List.of())) {
				stages.add(new StatusPolicy.Stage(t.periodEnd(), t.baseline(), t.targetValue(), t.actual()));
			}
			StatusPolicy.Facts facts = new StatusPolicy.Facts(m.closed(), m.startDate(), m.dueDate(), p, m.cycle(),
					reported.get(m.id()), stages, m.override());
			LocalDate missing = !m.closed() && status.reportMissing(facts, today) ? status.lastCycleDue(facts, today) : null;
			result.put(m.id(), new Evaluation(p, status.status(facts, today), status.computed(facts, today), missing));
		}
		return result;
	}

	public Evaluation evaluate(Measure measure, LocalDate today) {
		return evaluate(List.of(measure), today).get(measure.id());
	}

	/** The indicator of a measure is its last staged target's. */
	static Target finalTarget(List<Target> targets) {
		return targets == null || targets.isEmpty() ? null
				: targets.stream().max(Comparator.comparing(Target::periodEnd).thenComparing(Target::id)).orElseThrow();
	}
}
