package org.fibroplan.careplan.internal.queue;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.fibroplan.fhir.ScheduledTasksTable;
import org.hl7.fhir.r4.model.CarePlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Once a day (db-scheduler, so one instance runs it when several share the database) every patient with an
 * active plan is looked at again: a follow-up falls due and answers become overdue with time alone. Each
 * patient is judged in a transaction of its own; plans are read a page at a time.
 */
@Component
class DailyReview implements SmartLifecycle {

	static final String TASK = "careplan-daily-review";
	private static final int PAGE = 200;
	private static final Logger log = LoggerFactory.getLogger(DailyReview.class);

	private final ReviewQueue queue;
	private final DaoRegistry daos;
	private final TransactionTemplate transactions;
	private final Scheduler scheduler;
	private volatile boolean running;

	DailyReview(ReviewQueue queue, DaoRegistry daos, PlatformTransactionManager transactionManager, DataSource dataSource) {
		this.queue = queue;
		this.daos = daos;
		this.transactions = new TransactionTemplate(transactionManager);
		ScheduledTasksTable.createIfMissing(dataSource);
		RecurringTask<Void> daily = Tasks.recurring(TASK, Schedules.daily(LocalTime.of(3, 0))).execute((instance, context) -> reviewAll(Instant.now()));
		this.scheduler = Scheduler.create(dataSource).startTasks(daily)
				.schedulerName(new com.github.kagkarlsson.scheduler.SchedulerName.Fixed("fibroplan-review-" + ManagementFactory.getRuntimeMXBean().getName()
						+ "-" + UUID.randomUUID().toString().substring(0, 8)))
				.threads(1)
				.pollingInterval(Duration.ofMinutes(1))
				.shutdownMaxWait(Duration.ofSeconds(10))
				.build();
	}

	/** Looks at every patient with an active plan as of {@code now}; returns how many. */
	int reviewAll(Instant now) {
		Set<String> patients = new LinkedHashSet<>();
		SearchParameterMap active = SearchParameterMap.newSynchronous().add(CarePlan.SP_STATUS, new TokenParam("active"));
		var found = daos.getResourceDao(CarePlan.class).search(active, new SystemRequestDetails());
		int size = found.size() == null ? found.getAllResources().size() : found.size();
		for (int from = 0; from < size; from += PAGE) {
			found.getResources(from, Math.min(size, from + PAGE)).forEach(plan ->
					patients.add(((CarePlan) plan).getSubject().getReferenceElement().getIdPart()));
		}
		for (String patient : patients) {
			try {
				transactions.executeWithoutResult(status -> queue.review(patient, now));
			} catch (RuntimeException e) {
				log.warn("Daily review of Patient/{} failed; the next answer or the next day tries again", patient, e);
			}
		}
		return patients.size();
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
