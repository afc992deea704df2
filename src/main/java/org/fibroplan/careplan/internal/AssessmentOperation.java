package org.fibroplan.careplan.internal;

import org.fibroplan.careplan.internal.assessment.AssessmentBuilder;
import org.fibroplan.careplan.internal.rules.CarePlanKnowledge;
import org.fibroplan.careplan.internal.assessment.PatientRecordLoader;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;

/**
 * {@code GET /fhir/Patient/{id}/$assessment}: the patient's situation as the care-plan rules see it now
 * (latest scores, baselines, change with its IMMPACT category, flares, red flags), one parameter per
 * variable. The clinician's worklist reads it so that what it shows is exactly what the rules used.
 */
class AssessmentOperation {

	private final DaoRegistry daos;
	private final CarePlanKnowledge knowledge;
	private final PatientRecordLoader records;

	AssessmentOperation(DaoRegistry daos, CarePlanKnowledge knowledge, PatientRecordLoader records) {
		this.daos = daos;
		this.knowledge = knowledge;
		this.records = records;
	}

	@Operation(name = "$assessment", idempotent = true, type = Patient.class)
	public Parameters assessment(@IdParam IdType patientId) {
		String patient = patientId.getIdPart();
		try {
			daos.getResourceDao(Patient.class).read(new IdType("Patient", patient), new SystemRequestDetails());
		} catch (ResourceNotFoundException e) {
			throw new ResourceNotFoundException("No Patient/" + patient + " on this server");
		}
		return new AssessmentBuilder(knowledge.current().vocabulary()).build(records.load(patient, List.of()), Instant.now()).toParameters();
	}
}
