package org.fibroplan.cdshooks.internal;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.List;
import java.util.Optional;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Component;

/**
 * What FibroPlan's own store says about one patient, when the EHR did not prefetch it: the open
 * clinician-review Task (one indexed search, whatever the clinic's size) and, for a red flag, the
 * patient's active Flags.
 */
@Component
class ReviewTaskStore {

	static final String REVIEW_CODE = "clinician-review";

	private final DaoRegistry daos;

	ReviewTaskStore(DaoRegistry daos) {
		this.daos = daos;
	}

	Optional<Task> openReview(String patientId) {
		SearchParameterMap search = SearchParameterMap.newSynchronous();
		search.add(Task.SP_CODE, new TokenParam(FhirTerms.PLAN_EVENT, REVIEW_CODE));
		search.add(Task.SP_STATUS, new TokenParam("requested"));
		search.add(Task.SP_PATIENT, new ReferenceParam("Patient/" + patientId));
		search.setCount(1);
		return daos.getResourceDao(Task.class).search(search, new SystemRequestDetails()).getResources(0, 1).stream()
				.map(Task.class::cast).findFirst();
	}

	List<Flag> activeFlags(String patientId) {
		SearchParameterMap search = SearchParameterMap.newSynchronous();
		search.add(Flag.SP_PATIENT, new ReferenceParam("Patient/" + patientId));
		return daos.getResourceDao(Flag.class).search(search, new SystemRequestDetails()).getAllResources().stream()
				.map(Flag.class::cast).filter(f -> f.getStatus() == Flag.FlagStatus.ACTIVE).toList();
	}
}
