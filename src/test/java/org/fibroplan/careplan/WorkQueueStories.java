package org.fibroplan.careplan;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.FhirServerUnderTest;
import org.fibroplan.Tokens;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

/**
 * The clinician's work queue as FHIR Tasks (design.md, "The clinician's work queue"), read over HTTP right
 * after the request that changed it: run on H2 ({@link WorkQueueOnH2IT}) and PostgreSQL ({@link WorkQueueOnPostgresIT}).
 */
interface WorkQueueStories extends FhirServerUnderTest {

	String QUEUE = "Task?code=http://fibroplan.org/fhir/CodeSystem/plan-event|clinician-review";
	String REASONS = "http://fibroplan.org/fhir/CodeSystem/review-reason";

	private List<Task> open(String patient) {
		return tasks(QUEUE + "&status=requested&patient=Patient/" + patient);
	}

	private List<Task> tasks(String url) {
		return fhir().search().byUrl(url).returnBundle(Bundle.class).execute().getEntry().stream()
				.map(e -> (Task) e.getResource()).toList();
	}

	private static List<String> reasons(Task task) {
		return task.getReasonCode().getCoding().stream().filter(c -> REASONS.equals(c.getSystem())).map(Coding::getCode).toList();
	}

	private static String input(Task task, String type) {
		return task.getInput().stream().filter(i -> i.getType().getCoding().stream().anyMatch(c -> type.equals(c.getCode())))
				.map(i -> i.getValue() instanceof Coding coding ? coding.getCode() : i.getValue().primitiveValue()).findFirst().orElse(null);
	}

	private IGenericClient clinician() {
		return FhirIntegrationTest.client(port(), Tokens.clinicianToken(port()));
	}

	private CarePlan draft(String patient) {
		return fhir().search().byUrl("CarePlan?subject=Patient/" + patient + "&status=draft").returnBundle(Bundle.class).execute()
				.getEntry().stream().map(e -> (CarePlan) e.getResource()).findFirst().orElseThrow();
	}

	private void approve(CarePlan plan) {
		plan.setStatus(CarePlan.CarePlanStatus.ACTIVE);
		clinician().update().resource(plan).withId(plan.getIdElement()).execute();
	}

	@Test
	default void aFirstAnswerPutsThePatientInTheQueueInTheSameTransaction() {
		String patient = newPatient("Queued").getIdPart();
		fhir().create().resource(Answers.peg(patient, 6, 5, 7)).execute();

		List<Task> open = open(patient);
		assertThat(open).as("read right after the 201").hasSize(1);
		Task task = open.get(0);
		assertThat(task.getPriority()).isEqualTo(Task.TaskPriority.ROUTINE);
		assertThat(reasons(task)).containsExactly("draft-awaiting-review");
		assertThat(task.getFocus().getReference()).isEqualTo("CarePlan/" + draft(patient).getIdElement().getIdPart());
		assertThat(task.getFor().getReference()).isEqualTo("Patient/" + patient);
		assertThat(input(task, "latest-peg")).isEqualTo("6");

		fhir().create().resource(Answers.peg(patient, 5, 5, 6)).execute();
		assertThat(open(patient)).as("still one open Task per patient").hasSize(1);
	}

	@Test
	default void approvingCompletesTheReviewAndAnAnswerThatChangesNothingQueuesNothing() {
		String patient = newPatient("Approved").getIdPart();
		fhir().create().resource(Answers.peg(patient, 6, 6, 6)).execute();
		approve(draft(patient));

		assertThat(open(patient)).isEmpty();
		Task done = tasks(QUEUE + "&status=completed&patient=Patient/" + patient).get(0);
		assertThat(done.getOwner().getReference()).isEqualTo("Practitioner/demo-clinician");

		fhir().create().resource(Answers.peg(patient, 6, 6, 6)).execute();
		assertThat(open(patient)).as("same PEG, same activities: nothing for a clinician").isEmpty();
	}

	@Test
	default void aRedFlagIsStatAtTheTopAndOnlyTheClinicianAcknowledgingTheFlagClearsIt() {
		String patient = newPatient("Flagged").getIdPart();
		fhir().create().resource(Answers.peg(patient, 6, 6, 6)).execute();
		fhir().create().resource(Answers.redFlags(patient, "fever-chills")).execute();

		Task task = open(patient).get(0);
		assertThat(task.getPriority()).isEqualTo(Task.TaskPriority.STAT);
		assertThat(reasons(task)).startsWith("red-flag").contains("draft-awaiting-review");
		assertThat(tasks(QUEUE + "&status=requested&priority=stat")).extracting(t -> t.getFor().getReference()).contains("Patient/" + patient);

		approve(draft(patient));
		List<Task> afterApproval = open(patient);
		assertThat(afterApproval).as("approving the plan does not acknowledge the flag").hasSize(1);
		assertThat(reasons(afterApproval.get(0))).containsExactly("red-flag");
		assertThat(afterApproval.get(0).getPriority()).isEqualTo(Task.TaskPriority.STAT);

		Flag flag = fhir().search().byUrl("Flag?subject=Patient/" + patient).returnBundle(Bundle.class).execute()
				.getEntry().stream().map(e -> (Flag) e.getResource()).filter(f -> f.getStatus() == Flag.FlagStatus.ACTIVE).findFirst().orElseThrow();
		flag.setStatus(Flag.FlagStatus.INACTIVE);
		clinician().update().resource(flag).execute();

		assertThat(open(patient)).isEmpty();
		assertThat(tasks(QUEUE + "&status=completed&patient=Patient/" + patient))
				.anyMatch(t -> reasons(t).equals(List.of("red-flag")) && "Practitioner/demo-clinician".equals(t.getOwner().getReference()));
	}

	@Test
	default void aPlanThirteenWeeksOldIsDueForFollowUp() {
		String patient = newPatient("FollowUp").getIdPart();
		fhir().create().resource(Answers.peg(patient, 6, 6, 6)).execute();
		CarePlan plan = draft(patient);
		plan.getPeriod().setStart(Date.from(Instant.now().minus(13 * 7, ChronoUnit.DAYS)));
		approve(plan);

		fhir().create().resource(Answers.peg(patient, 6, 6, 6)).execute();
		List<Task> open = open(patient);
		assertThat(open).hasSize(1);
		assertThat(reasons(open.get(0))).contains("follow-up-due");
		assertThat(open.get(0).getPriority()).isEqualTo(Task.TaskPriority.ROUTINE);
	}

	@Test
	default void aDeteriorationAgainstTheFixedBaselineIsUrgentWithTheRowsNumbers() {
		String patient = newPatient("Worse").getIdPart();
		fhir().create().resource(Answers.peg(patient, 4, 4, 5)).execute();
		approve(draft(patient));
		fhir().create().resource(Answers.peg(patient, 6, 6, 6)).execute();

		List<Task> open = open(patient);
		assertThat(open).hasSize(1);
		Task task = open.get(0);
		assertThat(task.getPriority()).isEqualTo(Task.TaskPriority.URGENT);
		assertThat(reasons(task)).contains("deterioration");
		assertThat(input(task, "latest-peg")).isEqualTo("6");
		assertThat(input(task, "baseline-peg")).isEqualTo("4.33");
		assertThat(input(task, "peg-change-percent")).isEqualTo("39");
		assertThat(input(task, "peg-change-category")).isEqualTo("deterioration");
	}

	@Test
	default void aSmallRiseIsNoImportantChangeAndRaisesNothingUrgent() {
		String patient = newPatient("Steady").getIdPart();
		fhir().create().resource(Answers.peg(patient, 5, 5, 5)).execute();
		approve(draft(patient));
		fhir().create().resource(Answers.peg(patient, 5, 5, 6)).execute();

		assertThat(open(patient)).as("+7 % is no important change").allSatisfy(task -> {
			assertThat(reasons(task)).doesNotContain("deterioration", "flare");
			assertThat(task.getPriority()).isEqualTo(Task.TaskPriority.ROUTINE);
		});
	}
}
