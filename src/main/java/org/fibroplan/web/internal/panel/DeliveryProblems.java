package org.fibroplan.web.internal.panel;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fibroplan.ehr.Delivery;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Component;

/**
 * Deliveries to EHRs that need a person, for the patients of one queue page: failed ones of a plan that
 * is still active, and ones the EHR keeps refusing. One search, bounded by the page's patients.
 */
@Component
class DeliveryProblems {

	/** Enough for a page of patients with a few EHR targets each; the newest first when there are more. */
	static final int MAX_DELIVERIES = 200;

	Map<String, List<String>> of(IGenericClient fhir, Collection<String> patients) {
		if (patients.isEmpty()) {
			return Map.of();
		}
		Bundle found = fhir.search().forResource(Task.class)
				.where(Task.CODE.exactly().systemAndCode(FhirTerms.PLAN_EVENT, Delivery.TASK_CODE))
				.and(Task.STATUS.exactly().codes("failed", "in-progress"))
				.and(Task.PATIENT.hasAnyOfIds(patients.stream().map(p -> "Patient/" + p).toList()))
				.include(Task.INCLUDE_FOCUS)
				.sort().descending("_lastUpdated")
				.count(MAX_DELIVERIES)
				.returnBundle(Bundle.class).execute();
		Set<String> activePlans = new HashSet<>();
		found.getEntry().forEach(e -> {
			if (e.getResource() instanceof CarePlan plan && plan.getStatus() == CarePlan.CarePlanStatus.ACTIVE) {
				activePlans.add(plan.getIdElement().getIdPart());
			}
		});
		Map<String, List<String>> problems = new HashMap<>();
		found.getEntry().forEach(e -> {
			if (e.getResource() instanceof Task task && activePlans.contains(task.getFocus().getReferenceElement().getIdPart())) {
				Delivery delivery = Delivery.of(task);
				if (delivery.needsAttention()) {
					problems.computeIfAbsent(task.getFor().getReferenceElement().getIdPart(), k -> new ArrayList<>())
							.add(delivery.target() + ": " + delivery.summary());
				}
			}
		});
		return problems;
	}
}
