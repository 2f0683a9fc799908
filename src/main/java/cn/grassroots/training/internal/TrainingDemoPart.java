package cn.grassroots.training.internal;

/**
 * A part of the training demo that is added once the demo programme exists with its classrooms,
 * trainees, plans and tests: seminars and their lists, evaluations, cases, supervision. The demo
 * loader calls every such bean, in {@link org.springframework.core.annotation.Order} order, inside
 * the demo's own run, so each part can rely on the programme and need not look for it by name.
 */
interface TrainingDemoPart {

	/** Adds this part's demo records to the programme; runs once, on an empty demo database. */
	void addTo(long programmeId);

}
