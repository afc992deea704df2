package org.fibroplan.ehr.internal;

import org.fibroplan.careplan.CarePlanActivated;
import org.fibroplan.ehr.DeliveryTargets;
import org.springframework.context.event.EventListener;

/**
 * An approved plan owes each configured EHR a delivery: a Task (requested) per target and a run of the
 * queue, both in the approving transaction, so neither exists without the other or without the approval.
 */
class DeliveryRequests {

	private final DeliveryTargets targets;
	private final DeliveryTasks tasks;
	private final DeliveryQueue queue;

	DeliveryRequests(DeliveryTargets targets, DeliveryTasks tasks, DeliveryQueue queue) {
		this.targets = targets;
		this.tasks = tasks;
		this.queue = queue;
	}

	@EventListener
	void approved(CarePlanActivated approved) {
		for (DeliveryTargets.Target target : targets.targets()) {
			tasks.request(approved, target);
			queue.wake(DeliveryKeys.group(approved.planIdentifier(), target.name()));
		}
	}
}
