package org.fibroplan.ehr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.fibroplan.PostgresIntegrationTest;
import org.fibroplan.ehr.DeliveryStory;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * Two FibroPlan instances sharing one PostgreSQL: this context's delivery scheduler and a second one on
 * the same database, polling the same queue. Every approved plan reaches the EHR exactly once: its
 * Provenance there was written once (version 1) and its Task took one attempt.
 */
class TwoInstancesOnPostgresIT extends PostgresIntegrationTest {

	@Autowired
	DeliveryQueue queue;

	@Autowired
	DataSource dataSource;

	@Test
	void twoDeliveryWorkersOnOneDatabaseDeliverEachPlanOnce() {
		Scheduler secondInstance = queue.newScheduler(new TransactionAwareDataSourceProxy(dataSource), "second-instance");
		secondInstance.start();
		try {
			List<DeliveryStory> stories = new ArrayList<>();
			List<CarePlan> plans = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				DeliveryStory story = new DeliveryStory(this, DeliveryStory.CLINIC);
				story.knownToTheEhr();
				stories.add(story);
				plans.add(story.approvedPlan(5 + i % 4));
			}
			for (int i = 0; i < plans.size(); i++) {
				CarePlan plan = plans.get(i);
				Task task = stories.get(i).awaitStatus(plan, "clinic-ehr", Task.TaskStatus.COMPLETED);
				assertThat(DeliveryStory.output(task, "attempts")).isEqualTo("1");
				assertThat(DeliveryStory.inEhr("CarePlan?identifier=http://fibroplan.org/fhir/careplan-id|" + plan.getIdentifierFirstRep().getValue()))
						.hasSize(1);
				assertThat(DeliveryStory.inEhr("Provenance?_tag=" + DeliveryKeys.SYSTEM + "|" + DeliveryKeys.version(plan))).singleElement()
						.satisfies(p -> assertThat(((Provenance) p).getMeta().getVersionId()).as("sent once").isEqualTo("1"));
			}
		} finally {
			secondInstance.stop();
		}
	}
}
