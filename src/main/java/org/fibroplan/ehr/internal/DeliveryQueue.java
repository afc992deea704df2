package org.fibroplan.ehr.internal;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.fibroplan.fhir.ScheduledTasksTable;
import org.hl7.fhir.r4.model.Task;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The durable part of delivery, on db-scheduler: one execution per plan lineage and EHR target, in a table
 * of FibroPlan's own database. It is scheduled in the transaction that approves the plan (the scheduler's
 * connection joins that transaction), so a delivery exists exactly when the approval does; it survives
 * restarts, a killed instance's run is taken over after its heartbeats stop, and when instances share one
 * PostgreSQL each execution runs on one of them at a time. A sweep re-schedules any Task still waiting
 * without an execution (a wake-up lost in a race with a finishing run).
 */
class DeliveryQueue implements SmartLifecycle {

	static final String DELIVERY = "ehr-delivery";
	static final String SWEEP = "ehr-delivery-sweep";

	private final DeliveryTasks tasks;
	private final DeliverySettings settings;
	private final CustomTask<Void> delivery;
	private final RecurringTask<Void> sweep;
	private final Scheduler scheduler;
	private volatile boolean running;

	DeliveryQueue(DataSource dataSource, DeliveryWorker worker, DeliveryTasks tasks, DeliverySettings settings) {
		this.tasks = tasks;
		this.settings = settings;
		ScheduledTasksTable.createIfMissing(dataSource);
		this.delivery = Tasks.custom(DELIVERY, Void.class)
				// The worker handles the EHR's failures itself; this is for FibroPlan's own (its database, say).
				.onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(settings.initialBackoff()))
				.execute((instance, context) -> {
					Optional<Instant> again = worker.drain(instance.getId());
					return again.<CompletionHandler<Void>>map(at -> (complete, operations) -> operations.reschedule(complete, at))
							.orElseGet(CompletionHandler.OnCompleteRemove::new);
				});
		this.sweep = Tasks.recurring(SWEEP, FixedDelay.of(settings.sweepInterval())).execute((instance, context) -> sweep());
		this.scheduler = newScheduler(new TransactionAwareDataSourceProxy(dataSource), "fibroplan-" + ManagementFactory.getRuntimeMXBean().getName() + "-"
				+ UUID.randomUUID().toString().substring(0, 8));
	}

	/** A scheduler running this queue's tasks under the given name (a second one stands for a second instance in tests). */
	Scheduler newScheduler(DataSource source, String name) {
		return Scheduler.create(source, List.of(delivery))
				.startTasks(sweep)
				.schedulerName(new SchedulerName.Fixed(name))
				.threads(settings.threads())
				.pollingInterval(settings.pollingInterval())
				.heartbeatInterval(settings.heartbeatInterval())
				.missedHeartbeatsLimit(6)
				.enableImmediateExecution()
				.shutdownMaxWait(Duration.ofSeconds(10))
				.build();
	}

	/** Makes sure the group's deliveries run now; joins the caller's transaction when there is one. */
	void wake(String group) {
		TaskInstanceId id = TaskInstanceId.of(DELIVERY, group);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			// The run cannot see the execution before the approval commits: look for it right after.
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					scheduler.triggerCheckForDueExecutions();
				}
			});
		}
		if (!scheduler.scheduleIfNotExists(delivery.instance(group), Instant.now())) {
			Optional<ScheduledExecution<Object>> existing = scheduler.getScheduledExecution(id);
			// Waiting for a retry: try the new version now. A running one looks for new Tasks before it ends.
			if (existing.isPresent() && !existing.get().isPicked() && existing.get().getExecutionTime().isAfter(Instant.now())) {
				scheduler.reschedule(id, Instant.now());
			}
		}
	}

	/** Schedules every group that has Tasks waiting but no execution. */
	void sweep() {
		Set<String> scheduled = scheduler.getScheduledExecutionsForTask(DELIVERY).stream()
				.map(e -> e.getTaskInstance().getId()).collect(Collectors.toSet());
		tasks.allPending().stream().map(Task::getGroupIdentifier).map(i -> i.getValue()).distinct()
				.filter(group -> !scheduled.contains(group))
				.forEach(group -> scheduler.scheduleIfNotExists(delivery.instance(group), Instant.now()));
	}

	/** Stops taking deliveries while other instances go on (running ones finish); {@link #resume()} undoes it. */
	void pause() {
		scheduler.pause();
	}

	void resume() {
		scheduler.resume();
	}

	@Override
	public void start() {
		scheduler.start();
		running = true;
	}

	@Override
	public void stop() {
		scheduler.stop();
		running = false;
	}

	@Override
	public boolean isRunning() {
		return running;
	}
}
