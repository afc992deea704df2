package org.fibroplan.ehr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.ehr.DeliveryStory;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An instance killed (kill -9) right after the EHR took a plan, before it could record that: its
 * execution is left picked with a heartbeat that stops. Another instance takes it over once the heartbeats
 * are missed and sends the plan again, and the EHR still holds exactly one of each.
 */
class CrashReplayIT extends FhirIntegrationTest {

	@Autowired
	DeliveryTasks tasks;

	@Autowired
	DataSource dataSource;

	@Test
	void aDeliveryCutOffAfterSendingIsTakenOverAndReplayedWithoutDuplicatesInTheEhr() {
		DeliveryStory story = new DeliveryStory(this, DeliveryStory.CLINIC);
		String ehrPatient = story.knownToTheEhr();
		CarePlan plan = story.approvedPlan(7);
		Task delivered = story.awaitStatus(plan, "clinic-ehr", Task.TaskStatus.COMPLETED);
		String provenanceKey = "Provenance?_tag=" + DeliveryKeys.SYSTEM + "|" + plan.getIdElement().getIdPart() + "-v" + plan.getMeta().getVersionId();
		int goals = DeliveryStory.inEhr("Goal?subject=" + ehrPatient).size();

		// What the killed instance left behind: the Task in progress, its execution picked, heartbeats stopped.
		new JdbcTemplate(dataSource).update("INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, picked_by, "
				+ "last_heartbeat, version) VALUES (?, ?, ?, true, 'killed-instance', ?, 1)",
				DeliveryQueue.DELIVERY, delivered.getGroupIdentifier().getValue(), Timestamp.from(Instant.now().minusSeconds(60)),
				Timestamp.from(Instant.now().minusSeconds(60)));
		tasks.started(tasks.read(delivered.getIdElement()), 2);

		Task replayed = story.awaitTask(plan, "clinic-ehr", t -> t.getStatus() == Task.TaskStatus.COMPLETED
				&& "3".equals(DeliveryStory.output(t, "attempts")), "completed by the instance that took over");

		assertThat(replayed.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
		assertThat(DeliveryStory.inEhr("CarePlan?subject=" + ehrPatient)).hasSize(1);
		assertThat(DeliveryStory.inEhr("Goal?subject=" + ehrPatient)).hasSize(goals);
		assertThat(DeliveryStory.inEhr(provenanceKey)).singleElement()
				.satisfies(p -> assertThat(((Provenance) p).getMeta().getVersionId()).isEqualTo("2"));
	}
}
