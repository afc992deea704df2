package org.fibroplan.ehr.internal;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.fibroplan.ehr.DeliveryTargets;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Delivers what one plan lineage still owes one EHR target. The queue runs it for one lineage and target
 * at a time, on one FibroPlan instance at a time, so an older version can never overwrite a newer one in
 * the EHR. Only the newest approved version of the active plan is sent; older undelivered ones are
 * cancelled as superseded. A refused delivery fails its Task; an EHR that cannot take it now gets it again
 * later (exponential backoff with jitter, no sooner than its Retry-After) until the attempts run out.
 */
@Component
class DeliveryWorker {

	private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

	private final DeliveryTargets targets;
	private final DeliveryTasks tasks;
	private final PlanSender sender;
	private final DeliverySettings settings;
	private final IntervalFunction backoff;

	DeliveryWorker(DeliveryTargets targets, DeliveryTasks tasks, PlanSender sender, DeliverySettings settings) {
		this.targets = targets;
		this.tasks = tasks;
		this.sender = sender;
		this.settings = settings;
		this.backoff = IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(), 2.0, 0.5, settings.maxBackoff());
	}

	/** @return when to run again for this group, or empty when nothing is left to deliver */
	Optional<Instant> drain(String group) {
		String targetName = group.substring(group.indexOf('@') + 1);
		Optional<DeliveryTargets.Target> target = targets.targets().stream().filter(t -> t.name().equals(targetName)).findFirst();
		while (true) {
			List<Task> pending = tasks.pending(group);
			if (pending.isEmpty()) {
				return Optional.empty();
			}
			if (target.isEmpty()) {
				pending.forEach(t -> tasks.failed(t, "The EHR target " + targetName + " is no longer configured", null));
				return Optional.empty();
			}
			Optional<Task> next = newestOfActivePlan(pending);
			Optional<Instant> retry = next.flatMap(task -> attempt(task, target.get()));
			if (retry.isPresent()) {
				return retry;
			}
		}
	}

	/** The Task to deliver; every other pending one is superseded (by it, or because its plan is no longer active). */
	private Optional<Task> newestOfActivePlan(List<Task> pending) {
		Optional<Task> newest = pending.stream()
				.filter(t -> tasks.planStatus(t) == CarePlan.CarePlanStatus.ACTIVE)
				.max(Comparator.comparing(Task::getAuthoredOn).thenComparing(t -> Long.parseLong(t.getFocus().getReferenceElement().getVersionIdPart())));
		for (Task task : pending) {
			if (newest.isEmpty() || task != newest.get()) {
				tasks.superseded(task, newest.map(n -> "Superseded by the newer approved version " + n.getFocus().getReference())
						.orElse("The plan " + task.getFocus().getReference() + " is no longer active"));
			}
		}
		return newest;
	}

	private Optional<Instant> attempt(Task task, DeliveryTargets.Target target) {
		int attempt = DeliveryTaskFields.attempts(task) + 1;
		tasks.started(task, attempt);
		try {
			PlanSender.Delivered delivered = sender.send(task, target);
			tasks.delivered(task, delivered.mode(), delivered.ehrReference());
			log.info("Delivered {} to {} as {}: {}", task.getFocus().getReference(), target.name(), delivered.mode(), delivered.ehrReference());
			return Optional.empty();
		} catch (DeliveryFailure.Refused refused) {
			tasks.failed(task, refused.getMessage(), refused.ehrAnswer());
			log.warn("{} refused {}: {}", target.name(), task.getFocus().getReference(), refused.getMessage());
			return Optional.empty();
		} catch (DeliveryFailure.Unavailable unavailable) {
			if (attempt >= settings.maxAttempts()) {
				tasks.failed(task, "Gave up after " + attempt + " attempts; the last: " + unavailable.getMessage(), null);
				log.warn("Gave up delivering {} to {} after {} attempts", task.getFocus().getReference(), target.name(), attempt);
				return Optional.empty();
			}
			Duration wait = Duration.ofMillis(backoff.apply(attempt));
			Duration asked = unavailable.retryAfter().orElse(Duration.ZERO);
			Instant next = Instant.now().plus(asked.compareTo(wait) > 0 ? asked : wait);
			tasks.waitingToRetry(task, unavailable.getMessage(), Date.from(next));
			log.info("Delivery of {} to {} will be retried at {}: {}", task.getFocus().getReference(), target.name(), next, unavailable.getMessage());
			return Optional.of(next);
		}
	}
}
