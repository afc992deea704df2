package org.fibroplan;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.UUID;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;

/** A running FibroPlan server that test stories talk to over HTTP, whatever database it stores in. */
public interface FhirServerUnderTest {

	int port();

	IGenericClient fhir();

	/** A new patient with a unique MRN, so stories never see each other's data. */
	default IdType newPatient(String family) {
		Patient patient = new Patient();
		patient.addIdentifier().setSystem("urn:oid:2.16.840.1.113883.19.5").setValue("MRN-" + UUID.randomUUID());
		patient.addName().setFamily(family).addGiven("Test");
		return (IdType) fhir().create().resource(patient).execute().getId().toUnqualifiedVersionless();
	}
}
