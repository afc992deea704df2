package org.fibroplan.web.internal.panel;

import java.util.Date;
import java.util.List;
import org.fibroplan.web.internal.PatientNames;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;

/** One patient in the panel's patient list: enough to tell them apart (name, MRNs, birth date) and open them. */
record PatientRow(String patientId, String name, List<String> identifiers, Date birthDate) {

	static PatientRow of(Patient patient) {
		String id = patient.getIdElement().getIdPart();
		return new PatientRow(id, PatientNames.of(patient, id),
				patient.getIdentifier().stream().filter(Identifier::hasValue).map(Identifier::getValue).toList(),
				patient.getBirthDate());
	}
}
