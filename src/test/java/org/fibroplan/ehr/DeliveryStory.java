package org.fibroplan.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.FhirServerUnderTest;
import org.fibroplan.Tokens;
import org.fibroplan.careplan.Answers;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Task;
import testsupport.ehr.EhrSandbox;

/**
 * A patient known to FibroPlan and (usually) to one EHR of the sandbox by the same MRN, whose plans a
 * clinician approves; and what the delivery Tasks and the EHR then say.
 */
public final class DeliveryStory {

	public static final String CLINIC = "urn:fibroplan-test:mrn:clinic";
	public static final String DOCUMENT = "urn:fibroplan-test:mrn:document";
	public static final String FLAKY = "urn:fibroplan-test:mrn:flaky";
	public static final String GUARDED = "urn:fibroplan-test:mrn:guarded";
	/** A clinician token per server, renewed before its 5 minutes run out (a run's stories span longer). */
	private record Issued(String token, Instant renewAfter) {}

	private static final java.util.Map<Integer, Issued> CLINICIAN_TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

	private final FhirServerUnderTest fibroplan;
	public final String mrnSystem;
	public final String mrn = "mrn-" + UUID.randomUUID();
	public final String patient;

	/** A FibroPlan patient carrying an MRN in {@code mrnSystem} (the EHR target that knows patients by it). */
	public DeliveryStory(FhirServerUnderTest fibroplan, String mrnSystem) {
		this.fibroplan = fibroplan;
		this.mrnSystem = mrnSystem;
		this.patient = fibroplan.fhir().create().resource(new Patient().addName(new HumanName().setFamily("Delivery"))
				.addIdentifier(new Identifier().setSystem(mrnSystem).setValue(mrn))).execute().getId().getIdPart();
	}

	/** The EHR (sandbox store) registers the patient under the same MRN; returns the EHR's Patient id. */
	public String knownToTheEhr() {
		return ehr().create().resource(new Patient().addName(new HumanName().setFamily("Delivery"))
				.addIdentifier(new Identifier().setSystem(mrnSystem).setValue(mrn))).execute().getId().toUnqualifiedVersionless().getValue();
	}

	/** The patient answers the pain scale (right hip at {@code pain}) and a clinician approves the draft. */
	public CarePlan approvedPlan(int pain) {
		fibroplan.fhir().create().resource(Answers.painNrs(patient, 0, pain, 0, pain)).execute();
		CarePlan draft = plans("draft").get(0);
		draft.setStatus(CarePlan.CarePlanStatus.ACTIVE);
		clinician().update().resource(draft).withId(draft.getIdElement()).execute();
		return fibroplan.fhir().read().resource(CarePlan.class).withId(draft.getIdElement().toUnqualifiedVersionless()).execute();
	}

	public List<CarePlan> plans(String status) {
		return fibroplan.fhir().search().byUrl("CarePlan?subject=Patient/" + patient + "&status=" + status).returnBundle(Bundle.class)
				.execute().getEntry().stream().map(e -> (CarePlan) e.getResource()).toList();
	}

	/**
	 * The delivery Tasks of a plan, through the contract's search; the code keeps out the clinician-review
	 * Task, whose focus is the same plan (design.md, the clinician's work queue).
	 */
	public List<Task> tasks(CarePlan plan) {
		return fibroplan.fhir().search().byUrl("Task?focus=" + plan.getIdElement().toUnqualifiedVersionless().getValue()
						+ "&code=http://fibroplan.org/fhir/CodeSystem/plan-event|ehr-push")
				.returnBundle(Bundle.class).execute().getEntry().stream().map(e -> (Task) e.getResource()).toList();
	}

	public Optional<Task> task(CarePlan plan, String target) {
		return tasks(plan).stream().filter(t -> target.equals(input(t, "target"))).findFirst();
	}

	/** Waits (up to 30 s) until the plan's Task for the target satisfies the condition. */
	public Task awaitTask(CarePlan plan, String target, Predicate<Task> condition, String what) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		Optional<Task> task = Optional.empty();
		while (Instant.now().isBefore(deadline)) {
			task = task(plan, target);
			if (task.isPresent() && condition.test(task.get())) {
				return task.get();
			}
			sleep(100);
		}
		throw new AssertionError("Task of " + plan.getIdElement().toUnqualifiedVersionless().getValue() + " for " + target
				+ " never became " + what + "; last seen: " + task.map(t -> t.getStatus() + " / " + t.getBusinessStatus().getText()
						+ " / " + t.getStatusReason().getText()).orElse("no Task"));
	}

	public Task awaitStatus(CarePlan plan, String target, Task.TaskStatus status) {
		return awaitTask(plan, target, t -> t.getStatus() == status, status.toCode());
	}

	public static String input(Task task, String code) {
		return task.getInput().stream().filter(i -> code.equals(i.getType().getCodingFirstRep().getCode())).findFirst()
				.map(i -> i.getValue().primitiveValue()).orElse(null);
	}

	public static String output(Task task, String code) {
		return task.getOutput().stream().filter(o -> code.equals(o.getType().getCodingFirstRep().getCode())).findFirst()
				.map(o -> o.getValue() instanceof org.hl7.fhir.r4.model.Reference r ? r.getReference() : o.getValue().primitiveValue())
				.orElse(null);
	}

	/** The EHR sandbox's store (all four faces share it). */
	public static IGenericClient ehr() {
		FhirContext context = FhirContext.forR4Cached();
		context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		return context.newRestfulGenericClient(EhrSandbox.start());
	}

	/** Resources the EHR holds for a search, e.g. {@code CarePlan?identifier=...}. */
	public static List<org.hl7.fhir.r4.model.Resource> inEhr(String search) {
		return ehr().search().byUrl(search).returnBundle(Bundle.class).execute().getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList();
	}

	public IGenericClient clinician() {
		String token = CLINICIAN_TOKENS.compute(fibroplan.port(), (port, issued) -> issued != null && Instant.now().isBefore(issued.renewAfter())
				? issued
				: new Issued(Tokens.clinicianToken(port), Instant.now().plus(Duration.ofMinutes(4)))).token();
		return FhirIntegrationTest.client(fibroplan.port(), token);
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	static void assertOne(String search) {
		assertThat(inEhr(search)).as(search).hasSize(1);
	}
}
