package org.fibroplan.web.internal;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.fibroplan.careplan.CarePlans;
import org.fibroplan.careplan.PatientAssessment;
import org.fibroplan.ehr.Delivery;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Component;

/**
 * The clinician's worklist: every patient with a FibroPlan draft awaiting review — red flags first, then
 * deterioration against the baseline or a flare, most worsening first, then the rest — with the last response date,
 * PEG now against baseline with its IMMPACT category, and deliveries to EHRs that need attention.
 */
@Component
class Worklist {

	private final CarePlans carePlans;

	Worklist(CarePlans carePlans) {
		this.carePlans = carePlans;
	}

	/** A few requests at a time to the FHIR API, shared by all worklist loads. */
	private final ExecutorService rowFetches = Executors.newFixedThreadPool(4, runnable -> {
		Thread thread = new Thread(runnable, "worklist-rows");
		thread.setDaemon(true);
		return thread;
	});

	static final Comparator<WorklistRow> URGENCY = Comparator
			.comparing((WorklistRow r) -> !r.hasRedFlag())
			.thenComparing(r -> !r.isWorsening())
			.thenComparing(r -> r.pegChangePercent() == null ? Integer.MIN_VALUE : r.pegChangePercent(), Comparator.reverseOrder())
			.thenComparing(r -> r.lastResponse() == null ? 0L : -r.lastResponse().getTime());

	@jakarta.annotation.PreDestroy
	void stop() {
		rowFetches.shutdownNow();
	}

	List<WorklistRow> rows(IGenericClient fhir) {
		Bundle drafts = fhir.search().forResource(CarePlan.class)
				.where(CarePlan.STATUS.exactly().code("draft"))
				.include(CarePlan.INCLUDE_SUBJECT)
				.count(500)
				.returnBundle(Bundle.class).execute();
		Map<String, Patient> patients = new HashMap<>();
		List<CarePlan> plans = new ArrayList<>();
		FhirPages.all(fhir, drafts).forEach(resource -> {
			if (resource instanceof CarePlan plan && plan.getIdentifier().stream().anyMatch(i -> FhirTerms.PLAN_IDENTIFIER.equals(i.getSystem()))) {
				plans.add(plan);
			} else if (resource instanceof Patient patient) {
				patients.put(patient.getIdElement().getIdPart(), patient);
			}
		});
		Map<String, List<String>> problems = deliveryProblems(fhir);
		// Each row needs its own assessment and last response: fetched side by side, not one after another.
		List<CompletableFuture<WorklistRow>> pending = plans.stream()
				.map(plan -> CompletableFuture.supplyAsync(() -> row(fhir, plan, patients, problems), rowFetches))
				.toList();
		List<WorklistRow> rows = new ArrayList<>(pending.stream().map(CompletableFuture::join).toList());
		rows.sort(URGENCY);
		return rows;
	}

	private WorklistRow row(IGenericClient fhir, CarePlan plan, Map<String, Patient> patients, Map<String, List<String>> problems) {
		String patientId = plan.getSubject().getReferenceElement().getIdPart();
		PatientAssessment assessment = carePlans.assess(patientId);
		Optional<PatientAssessment.Change> peg = assessment.peg();
		return new WorklistRow(
				patientId,
				PatientNames.of(patients.get(patientId), patientId),
				plan.getIdElement().getIdPart(),
				assessment.redFlagText().map(List::of).orElse(List.of()),
				peg.map(PatientAssessment.Change::latest).orElse(null),
				peg.map(PatientAssessment.Change::baseline).orElse(null),
				peg.map(PatientAssessment.Change::changePercent).orElse(null),
				peg.map(PatientAssessment.Change::category).orElse(null),
				peg.map(PatientAssessment.Change::categoryDisplay).orElse(null),
				assessment.flare(),
				lastResponse(fhir, patientId),
				problems.getOrDefault(patientId, List.of()));
	}

	private static java.util.Date lastResponse(IGenericClient fhir, String patientId) {
		Bundle latest = fhir.search().forResource(QuestionnaireResponse.class)
				.where(QuestionnaireResponse.SUBJECT.hasId("Patient/" + patientId))
				.sort().descending(QuestionnaireResponse.AUTHORED)
				.count(1)
				.returnBundle(Bundle.class).execute();
		return latest.getEntry().stream().map(e -> ((QuestionnaireResponse) e.getResource()).getAuthored()).findFirst().orElse(null);
	}

	/**
	 * Deliveries that need a person: failed ones of a plan that is still active, and ones the EHR keeps
	 * refusing for now (retrying after more than one attempt).
	 */
	private static Map<String, List<String>> deliveryProblems(IGenericClient fhir) {
		Bundle active = fhir.search().forResource(CarePlan.class).where(CarePlan.STATUS.exactly().code("active"))
				.elementsSubset("id").count(1000).returnBundle(Bundle.class).execute();
		Set<String> activePlans = new LinkedHashSet<>();
		FhirPages.all(fhir, active).forEach(r -> activePlans.add(r.getIdElement().getIdPart()));
		Bundle tasks = fhir.search().forResource(Task.class)
				.where(Task.CODE.exactly().systemAndCode(FhirTerms.PLAN_EVENT, Delivery.TASK_CODE))
				.and(Task.STATUS.exactly().codes("failed", "in-progress"))
				.count(1000).returnBundle(Bundle.class).execute();
		Map<String, List<String>> problems = new HashMap<>();
		FhirPages.all(fhir, tasks).forEach(resource -> {
			Task task = (Task) resource;
			Delivery delivery = Delivery.of(task);
			if (activePlans.contains(task.getFocus().getReferenceElement().getIdPart()) && delivery.needsAttention()) {
				problems.computeIfAbsent(task.getFor().getReferenceElement().getIdPart(), k -> new ArrayList<>())
						.add(delivery.target() + ": " + delivery.summary());
			}
		});
		return problems;
	}
}
