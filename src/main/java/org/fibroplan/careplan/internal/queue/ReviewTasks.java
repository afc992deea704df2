package org.fibroplan.careplan.internal.queue;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Component;
import org.fibroplan.fhir.TransactionWrites;

/**
 * The clinician-review Tasks in the store: the patient's open one (status requested), when a clinician last
 * closed one, and writing them. Every read is bounded: one patient, one or two Tasks.
 */
@Component
class ReviewTasks {

	static final String CODE = "clinician-review";

	/** Completed Tasks read to know what was acknowledged: enough for every reason, bounded whatever the history. */
	private static final int RECENT_COMPLETED = 20;

	private final IFhirResourceDao<Task> tasks;

	ReviewTasks(DaoRegistry daos) {
		this.tasks = daos.getResourceDao(Task.class);
	}

	/** The patient's open review Tasks, oldest first (one, unless a race made two). */
	List<Task> open(String patient) {
		return search(patient, "requested", SortOrderEnum.ASC, 10);
	}

	/** For each reason, when a clinician last completed one of the patient's review Tasks that held it (the latest few Tasks). */
	Map<String, Instant> acknowledgements(String patient) {
		Map<String, Instant> acknowledged = new HashMap<>();
		for (Task task : search(patient, "completed", SortOrderEnum.DESC, RECENT_COMPLETED)) {
			Instant at = (task.hasLastModified() ? task.getLastModified() : task.getMeta().getLastUpdated()).toInstant();
			task.getReasonCode().getCoding().stream().filter(c -> FhirTerms.REVIEW_REASON.equals(c.getSystem()))
					.forEach(c -> acknowledged.merge(c.getCode(), at, (a, b) -> a.isAfter(b) ? a : b));
		}
		return acknowledged;
	}

	void create(Task task) {
		TransactionWrites.create(tasks, task, new SystemRequestDetails());
	}

	void update(Task task) {
		TransactionWrites.update(tasks, task, new SystemRequestDetails());
	}

	/** A new open review Task for the patient, without reasons yet. */
	static Task newTask(String patient, Instant now) {
		Task task = new Task();
		task.setStatus(Task.TaskStatus.REQUESTED);
		task.setIntent(Task.TaskIntent.ORDER);
		task.setCode(new CodeableConcept(new Coding(FhirTerms.PLAN_EVENT, CODE, "Clinician review")).setText("Clinician review"));
		task.getFor().setReference("Patient/" + patient);
		task.setAuthoredOn(Date.from(now));
		return task;
	}

	private List<Task> search(String patient, String status, SortOrderEnum order, int count) {
		SearchParameterMap search = SearchParameterMap.newSynchronous()
				.add(Task.SP_CODE, new TokenParam(FhirTerms.PLAN_EVENT, CODE))
				.add(Task.SP_PATIENT, new ReferenceParam("Patient/" + patient))
				.add(Task.SP_STATUS, new TokenParam(status));
		search.setSort(new SortSpec("_lastUpdated", order));
		search.setCount(count);
		return tasks.search(search, new SystemRequestDetails()).getResources(0, count).stream().map(Task.class::cast).toList();
	}
}
