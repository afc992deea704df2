package org.fibroplan.web.internal;

import org.fibroplan.careplan.CarePlans;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.springframework.stereotype.Component;

/**
 * Which activities are tasks for the clinician rather than the patient, as the care-plan module decides
 * (ValueSet clinician-only-activities): the workspace marks them, the patient's page never shows them.
 */
@Component
class ClinicianOnlyActivities {

	private final CarePlans carePlans;

	ClinicianOnlyActivities(CarePlans carePlans) {
		this.carePlans = carePlans;
	}

	/** By the activity's own code, or by the code of the catalogue definition it instantiates. */
	boolean contains(CodeableConcept code, String definitionUrl) {
		return carePlans.isForClinicianOnly(code, definitionUrl);
	}
}
