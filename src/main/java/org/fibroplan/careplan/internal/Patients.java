package org.fibroplan.careplan.internal;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;

/** The operations answer 404 in their own words for a patient this server does not hold. */
final class Patients {

	private Patients() {}

	static void requireExists(DaoRegistry daos, String patient) {
		try {
			daos.getResourceDao(Patient.class).read(new IdType("Patient", patient), new SystemRequestDetails());
		} catch (ResourceNotFoundException e) {
			throw new ResourceNotFoundException("No Patient/" + patient + " on this server");
		}
	}
}
