package org.fibroplan.ehr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fibroplan.ehr.DeliveryStory.CLINIC;
import static org.fibroplan.ehr.DeliveryStory.DOCUMENT;
import static org.fibroplan.ehr.DeliveryStory.FLAKY;
import static org.fibroplan.ehr.DeliveryStory.GUARDED;
import static org.fibroplan.ehr.DeliveryStory.assertOne;
import static org.fibroplan.ehr.DeliveryStory.inEhr;
import static org.fibroplan.ehr.DeliveryStory.output;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.fibroplan.FhirIntegrationTest;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import testsupport.ehr.EhrSandbox;

/**
 * Approved plans reach the clinic's EHR: the second HAPI server of {@link EhrSandbox} plays four EHRs
 * (one that takes FHIR writes, one read-only that takes documents, one that fails and goes down on cue,
 * one behind SMART Backend Services). Each story approves a real plan over HTTP and reads the result in
 * FibroPlan's Tasks and in the EHR's own store.
 */
class EhrDeliveryIT extends FhirIntegrationTest {

	private static final String PLAN_ID = "http://fibroplan.org/fhir/careplan-id|";
	private static final String DELIVERY_ID = "http://fibroplan.org/fhir/delivery-id|";

	@Test
	void anApprovedPlanLandsInTheEhrWithItsGoalsReferralsAndProvenanceForThePatientTheEhrKnowsByMrn() {
		DeliveryStory story = new DeliveryStory(this, CLINIC);
		String ehrPatient = story.knownToTheEhr();
		CarePlan plan = story.approvedPlan(8);

		List<Task> tasks = story.tasks(plan);
		assertThat(tasks).extracting(t -> DeliveryStory.input(t, "target"))
				.containsExactlyInAnyOrder("clinic-ehr", "document-ehr", "flaky-ehr", "guarded-ehr");
		assertThat(tasks).allSatisfy(t -> {
			assertThat(t.getCode().getCodingFirstRep().getCode()).isEqualTo("ehr-push");
			assertThat(t.getFocus().getReference()).isEqualTo(plan.getIdElement().toUnqualifiedVersionless().getValue()
					+ "/_history/" + plan.getMeta().getVersionId());
			assertThat(t.getFor().getReference()).isEqualTo("Patient/" + story.patient);
			assertThat(t.getRequester().getReference()).isEqualTo("Practitioner/demo-clinician");
		});
		Task delivered = story.awaitStatus(plan, "clinic-ehr", Task.TaskStatus.COMPLETED);

		String lineage = plan.getIdentifierFirstRep().getValue();
		CarePlan inEhr = (CarePlan) inEhr("CarePlan?identifier=" + PLAN_ID + lineage).get(0);
		assertOne("CarePlan?identifier=" + PLAN_ID + lineage);
		assertThat(inEhr.getSubject().getReference()).isEqualTo(ehrPatient);
		assertThat(inEhr.getStatus()).isEqualTo(CarePlan.CarePlanStatus.ACTIVE);
		assertThat(inEhr.getActivity()).hasSameSizeAs(plan.getActivity());
		assertThat(output(delivered, "ehr-resource")).startsWith(EhrSandbox.start() + "/CarePlan/" + inEhr.getIdElement().getIdPart());
		assertThat(output(delivered, "mode")).isEqualTo("fhir");
		List<String> goalsInEhr = inEhr("Goal?subject=" + ehrPatient).stream().map(g -> ((Goal) g).getIdentifierFirstRep().getValue()).toList();
		assertThat(goalsInEhr).hasSize(plan.getGoal().size());
		assertThat(inEhr.getGoal()).allSatisfy(g -> assertThat(g.getReference()).startsWith("Goal/"));
		assertThat(inEhr("ServiceRequest?subject=" + ehrPatient)).hasSize(
				(int) plan.getActivity().stream().filter(CarePlan.CarePlanActivityComponent::hasReference).count());
		assertOne("Provenance?_tag=" + DELIVERY_ID + plan.getIdElement().getIdPart() + "-v" + plan.getMeta().getVersionId());

		// The other EHRs know patients by other MRN systems: this patient has none of them, so no guess.
		for (String target : List.of("document-ehr", "flaky-ehr", "guarded-ehr")) {
			Task refused = story.awaitStatus(plan, target, Task.TaskStatus.FAILED);
			assertThat(refused.getStatusReason().getText()).contains("has no identifier in urn:fibroplan-test:mrn:");
		}
	}

	@Test
	void aResendLeavesExactlyOneOfEachInTheEhr() {
		DeliveryStory story = new DeliveryStory(this, CLINIC);
		String ehrPatient = story.knownToTheEhr();
		CarePlan plan = story.approvedPlan(6);
		Task delivered = story.awaitStatus(plan, "clinic-ehr", Task.TaskStatus.COMPLETED);
		String provenanceKey = "Provenance?_tag=" + DELIVERY_ID + plan.getIdElement().getIdPart() + "-v" + plan.getMeta().getVersionId();
		int goals = inEhr("Goal?subject=" + ehrPatient).size();

		// A clinician asks for a resend: the finished Task goes back to requested.
		delivered.setStatus(Task.TaskStatus.REQUESTED);
		story.clinician().update().resource(delivered).execute();
		Task resent = story.awaitTask(plan, "clinic-ehr",
				t -> t.getStatus() == Task.TaskStatus.COMPLETED && t.getMeta().getLastUpdated().after(delivered.getMeta().getLastUpdated()),
				"completed again");

		assertOne("CarePlan?identifier=" + PLAN_ID + plan.getIdentifierFirstRep().getValue());
		assertThat(inEhr("Goal?subject=" + ehrPatient)).hasSize(goals);
		assertOne(provenanceKey);
		Provenance provenance = (Provenance) inEhr(provenanceKey).get(0);
		assertThat(provenance.getMeta().getVersionId()).as("the resend updated the one Provenance").isEqualTo("2");
		assertThat(new IdType(output(resent, "ehr-resource")).getIdPart()).isEqualTo(new IdType(output(delivered, "ehr-resource")).getIdPart());
	}

	@Test
	void anEhrThatIsDownAtApprovalGetsThePlanOnceItIsBackUp() {
		DeliveryStory story = new DeliveryStory(this, FLAKY);
		story.knownToTheEhr(); // registered through the main port, which stays up
		EhrSandbox.outage();
		CarePlan plan;
		try {
			plan = story.approvedPlan(7);
			// attempts counts an attempt as it starts: wait for the second one to have failed, not to be under way
			Task waiting = story.awaitTask(plan, "flaky-ehr", t -> Integer.parseInt(output(t, "attempts")) >= 2
					&& t.getBusinessStatus().getText() != null && t.getBusinessStatus().getText().contains("next attempt at"), "retried");
			assertThat(waiting.getStatus()).isEqualTo(Task.TaskStatus.INPROGRESS);
			assertThat(waiting.getBusinessStatus().getText()).contains("could not be reached").contains("next attempt at");
		} finally {
			EhrSandbox.restore();
		}
		story.awaitStatus(plan, "flaky-ehr", Task.TaskStatus.COMPLETED);
		assertOne("CarePlan?identifier=" + PLAN_ID + plan.getIdentifierFirstRep().getValue());
	}

	@Test
	void serverErrorsAndA429AreRetriedHonouringRetryAfterUntilThePlanLands() {
		DeliveryStory story = new DeliveryStory(this, FLAKY);
		story.knownToTheEhr();
		EhrSandbox.faults().clear();
		EhrSandbox.faults().next(2, 500, null).next(1, 429, "3");
		Instant approved = Instant.now();
		CarePlan plan = story.approvedPlan(7);

		Task delivered = story.awaitStatus(plan, "flaky-ehr", Task.TaskStatus.COMPLETED);

		assertThat(output(delivered, "attempts")).isEqualTo("4");
		// Backoff alone (0.2, 0.4, 0.8 s, each ±50 %) is over within 2.1 s; the EHR asked for 3 s after the 429.
		assertThat(Duration.between(approved, delivered.getLastModifiedElement().getValue().toInstant())).isGreaterThan(Duration.ofSeconds(3));
		assertOne("CarePlan?identifier=" + PLAN_ID + plan.getIdentifierFirstRep().getValue());
	}

	@Test
	void aBadRequestFromTheEhrFailsTheTaskAtOnceWithTheEhrsOwnAnswer() {
		DeliveryStory story = new DeliveryStory(this, FLAKY);
		story.knownToTheEhr();
		EhrSandbox.faults().clear();
		EhrSandbox.faults().next(1, 400, null);
		CarePlan plan = story.approvedPlan(5);

		Task failed = story.awaitStatus(plan, "flaky-ehr", Task.TaskStatus.FAILED);

		assertThat(output(failed, "attempts")).isEqualTo("1");
		assertThat(failed.getStatusReason().getText()).contains("flaky-ehr answered HTTP 400");
		assertThat(output(failed, "ehr-outcome")).isEqualTo("#ehr-outcome");
		OperationOutcome answer = (OperationOutcome) failed.getContained().get(0);
		assertThat(answer.getIssueFirstRep().getDiagnostics()).isEqualTo("Sandbox fault: HTTP 400");
		assertThat(inEhr("CarePlan?identifier=" + PLAN_ID + plan.getIdentifierFirstRep().getValue())).isEmpty();
	}

	@Test
	void aReadOnlyEhrGetsThePlanAsADocumentAndTheNextVersionReplacesIt() {
		DeliveryStory story = new DeliveryStory(this, DOCUMENT);
		String ehrPatient = story.knownToTheEhr();
		CarePlan first = story.approvedPlan(6);
		Task firstTask = story.awaitStatus(first, "document-ehr", Task.TaskStatus.COMPLETED);
		assertThat(output(firstTask, "mode")).isEqualTo("document");

		CarePlan second = story.approvedPlan(8);
		Task secondTask = story.awaitStatus(second, "document-ehr", Task.TaskStatus.COMPLETED);

		List<DocumentReference> documents = inEhr("DocumentReference?subject=" + ehrPatient).stream().map(DocumentReference.class::cast).toList();
		assertThat(documents).hasSize(2);
		DocumentReference latest = documents.stream().filter(d -> d.hasRelatesTo()).findFirst().orElseThrow();
		assertThat(output(secondTask, "ehr-resource")).contains("DocumentReference/" + latest.getIdElement().getIdPart());
		assertThat(latest.getType().getCodingFirstRep().getCode()).isEqualTo("18776-5");
		assertThat(latest.getContentFirstRep().getAttachment().getContentType()).isEqualTo("text/html");
		assertThat(latest.getRelatesToFirstRep().getTarget().getReference())
				.isEqualTo("DocumentReference/" + new IdType(output(firstTask, "ehr-resource")).getIdPart());
		assertThat(inEhr("CarePlan?subject=" + ehrPatient)).as("nothing written where CarePlan is read-only").isEmpty();
	}

	@Test
	void anEhrBehindBackendServicesGetsThePlanWithATokenFromASignedAssertionKeptForTheNextDelivery() {
		DeliveryStory story = new DeliveryStory(this, GUARDED);
		String ehrPatient = story.knownToTheEhr();
		CarePlan first = story.approvedPlan(6);
		story.awaitStatus(first, "guarded-ehr", Task.TaskStatus.COMPLETED);
		int tokens = EhrSandbox.gate().tokensIssued();

		CarePlan second = story.approvedPlan(8);
		story.awaitStatus(second, "guarded-ehr", Task.TaskStatus.COMPLETED);

		assertThat(tokens).isPositive();
		assertThat(EhrSandbox.gate().tokensIssued()).as("the token is kept until shortly before it expires").isEqualTo(tokens);
		assertThat(EhrSandbox.gate().assertionsRefused()).isZero();
		assertOne("CarePlan?subject=" + ehrPatient);
	}

	@Test
	void aPatientTheEhrDoesNotKnowFailsWithTheReasonAndARetryDeliversOnceTheEhrRegistersThem() {
		DeliveryStory story = new DeliveryStory(this, CLINIC);
		CarePlan plan = story.approvedPlan(6);
		Task failed = story.awaitStatus(plan, "clinic-ehr", Task.TaskStatus.FAILED);
		assertThat(failed.getStatusReason().getText()).contains("clinic-ehr has no patient with identifier " + CLINIC + "|" + story.mrn);

		String ehrPatient = story.knownToTheEhr();
		failed.setStatus(Task.TaskStatus.REQUESTED);
		story.clinician().update().resource(failed).execute();

		story.awaitStatus(plan, "clinic-ehr", Task.TaskStatus.COMPLETED);
		assertOne("CarePlan?subject=" + ehrPatient);
	}

	@Test
	void aNewerApprovedVersionSupersedesAnUndeliveredOlderOne() {
		DeliveryStory story = new DeliveryStory(this, FLAKY);
		String ehrPatient = story.knownToTheEhr();
		EhrSandbox.outage();
		CarePlan first;
		CarePlan second;
		try {
			first = story.approvedPlan(6);
			story.awaitTask(first, "flaky-ehr", t -> output(t, "attempts") != null, "attempted");
			second = story.approvedPlan(8);
		} finally {
			EhrSandbox.restore();
		}
		story.awaitStatus(second, "flaky-ehr", Task.TaskStatus.COMPLETED);

		Task older = story.awaitStatus(first, "flaky-ehr", Task.TaskStatus.CANCELLED);
		// Which words depends on whether the worker saw the newer Task before the older plan's revocation.
		assertThat(older.getStatusReason().getText()).isIn(
				"Superseded by the newer approved version " + story.task(second, "flaky-ehr").orElseThrow().getFocus().getReference(),
				"The plan " + older.getFocus().getReference() + " is no longer active");
		assertOne("CarePlan?subject=" + ehrPatient);
		assertOne("Provenance?_tag=" + DELIVERY_ID + second.getIdElement().getIdPart() + "-v" + second.getMeta().getVersionId());
		assertThat(inEhr("Provenance?_tag=" + DELIVERY_ID + first.getIdElement().getIdPart() + "-v" + first.getMeta().getVersionId())).isEmpty();
	}

	@Test
	void clientsMayOnlyAskForARetryOfTheActivePlanNeverCreateOrRewriteADeliveryTask() {
		DeliveryStory story = new DeliveryStory(this, CLINIC);
		CarePlan first = story.approvedPlan(6);
		Task failed = story.awaitStatus(first, "clinic-ehr", Task.TaskStatus.FAILED);

		Task forged = failed.copy();
		forged.setId((String) null);
		assertThatThrownBy(() -> story.clinician().create().resource(forged).execute())
				.isInstanceOfSatisfying(BaseServerResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(422));
		Task rewritten = failed.copy();
		rewritten.setStatus(Task.TaskStatus.COMPLETED);
		rewritten.addOutput().setType(new CodeableConcept(new Coding("http://fibroplan.org/fhir/CodeSystem/ehr-delivery", "ehr-resource", null)))
				.setValue(new Reference("http://elsewhere/CarePlan/1"));
		assertThatThrownBy(() -> story.clinician().update().resource(rewritten).execute())
				.isInstanceOfSatisfying(BaseServerResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(422));

		story.approvedPlan(8); // the first plan is revoked: retrying it would overwrite the newer one in the EHR
		Task stale = story.task(first, "clinic-ehr").orElseThrow();
		stale.setStatus(Task.TaskStatus.REQUESTED);
		assertThatThrownBy(() -> story.clinician().update().resource(stale).execute())
				.isInstanceOfSatisfying(BaseServerResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(409));
	}
}
