package org.fibroplan.web.internal.panel;

import ca.uhn.fhir.rest.api.SearchTotalModeEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.IQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Component;

/**
 * The work queue, a page at a time: the open clinician-review Tasks of each priority in turn (stat, then
 * urgent, then routine), most recently changed first within a priority, each with its Patient included.
 * One search per priority whatever the page: a page reads at most {@code size} Tasks.
 */
@Component
class WorkQueue {

	static final String REVIEW_CODE = "clinician-review";
	/** FHIR cannot sort by a token reliably, so the order of priorities is this list's. */
	static final List<String> PRIORITIES = List.of("stat", "urgent", "routine");

	private final DeliveryProblems deliveries;

	WorkQueue(DeliveryProblems deliveries) {
		this.deliveries = deliveries;
	}

	QueuePage page(IGenericClient fhir, int page, int size) {
		int skip = (page - 1) * size;
		List<Task> tasks = new ArrayList<>();
		Map<String, Patient> patients = new HashMap<>();
		Map<String, Integer> totals = new LinkedHashMap<>();
		for (String priority : PRIORITIES) {
			int wanted = size - tasks.size();
			// A full page still needs this priority's count, for the paging and the summary.
			Bundle found = wanted > 0 ? rows(fhir, priority, skip, wanted) : count(fhir, priority);
			totals.put(priority, found.getTotal());
			found.getEntry().forEach(entry -> {
				if (entry.getResource() instanceof Task task && wanted > 0) {
					tasks.add(task);
				} else if (entry.getResource() instanceof Patient patient) {
					patients.put(patient.getIdElement().getIdPart(), patient);
				}
			});
			skip = Math.max(0, skip - found.getTotal());
		}
		List<String> patientIds = tasks.stream().map(t -> t.getFor().getReferenceElement().getIdPart()).toList();
		Map<String, List<String>> problems = deliveries.of(fhir, patientIds);
		List<QueueRow> rows = tasks.stream().map(task -> {
			String patient = task.getFor().getReferenceElement().getIdPart();
			return QueueRow.of(task, patients.get(patient), problems.getOrDefault(patient, List.of()));
		}).toList();
		return new QueuePage(rows, page, size, totals);
	}

	private static Bundle rows(IGenericClient fhir, String priority, int offset, int count) {
		return open(fhir, priority)
				.include(Task.INCLUDE_PATIENT)
				.sort().descending("_lastUpdated")
				.offset(offset)
				.count(count)
				.totalMode(SearchTotalModeEnum.ACCURATE)
				.execute();
	}

	/** The priority's total from the smallest page, the way the rows' own total comes (not every setup answers _summary=count). */
	private static Bundle count(IGenericClient fhir, String priority) {
		return open(fhir, priority).count(1).totalMode(SearchTotalModeEnum.ACCURATE).execute();
	}

	private static IQuery<Bundle> open(IGenericClient fhir, String priority) {
		return fhir.search().forResource(Task.class)
				.where(Task.CODE.exactly().systemAndCode(FhirTerms.PLAN_EVENT, REVIEW_CODE))
				.and(Task.STATUS.exactly().code("requested"))
				.and(Task.PRIORITY.exactly().code(priority))
				.returnBundle(Bundle.class);
	}
}
