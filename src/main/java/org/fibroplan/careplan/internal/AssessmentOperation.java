package org.fibroplan.careplan.internal;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import org.fibroplan.careplan.CarePlans;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * {@code GET /fhir/Patient/{id}/$assessment}: the patient's situation as the care-plan rules see it now
 * (latest scores, baselines, change with its IMMPACT category, flares, red flags), one parameter per
 * variable, for clinicians' tools and EHRs to read exactly what the rules used.
 */
@Component
class AssessmentOperation {

	private final DaoRegistry daos;
	private final CarePlans carePlans;

	AssessmentOperation(DaoRegistry daos, CarePlans carePlans) {
		this.daos = daos;
		this.carePlans = carePlans;
	}

	@Operation(name = "$assessment", idempotent = true, type = Patient.class)
	public Parameters assessment(@IdParam IdType patientId) {
		Patients.requireExists(daos, patientId.getIdPart());
		return carePlans.assess(patientId.getIdPart()).parameters();
	}
}
