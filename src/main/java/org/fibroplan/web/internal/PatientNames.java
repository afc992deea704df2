package org.fibroplan.web.internal;

import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;

/** How a patient is named on the pages: their name as recorded, or their id when there is none. */
public final class PatientNames {

	private PatientNames() {}

	public static String of(Patient patient, String fallbackId) {
		if (patient == null || !patient.hasName()) {
			return "Patient " + fallbackId;
		}
		HumanName name = patient.getNameFirstRep();
		String text = name.hasText() ? name.getText() : (name.getGivenAsSingleString() + " " + name.getFamily()).trim();
		return text.isBlank() ? "Patient " + fallbackId : text;
	}
}
