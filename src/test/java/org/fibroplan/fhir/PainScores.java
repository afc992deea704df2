package org.fibroplan.fhir;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;

/** Builds pain scores the way a patient app sends them. */
final class PainScores {

	static final String LOINC = "http://loinc.org";
	static final String PAIN_SEVERITY = "72514-3";
	static final String SNOMED = "http://snomed.info/sct";
	static final String LEFT_HIP = "287679003";
	static final String LOWER_BACK = "37822005";
	static final String BUTTOCK = "46862004";
	static final String RIGHT = "24028007";
	static final String LATERALITY = "http://fibroplan.org/fhir/StructureDefinition/laterality";

	private PainScores() {}

	static Observation painScore(IdType patient, String site, int value, String when) {
		Observation score = new Observation();
		score.setStatus(Observation.ObservationStatus.FINAL);
		score.getCode().addCoding(new Coding(LOINC, PAIN_SEVERITY, "Pain severity 0-10"));
		score.setSubject(new Reference(patient));
		score.setEffective(new DateTimeType(when));
		score.setValue(new IntegerType(value));
		score.setBodySite(new CodeableConcept(new Coding(SNOMED, site, null)));
		return score;
	}

	static Observation rightButtock(IdType patient, int value, String when) {
		Observation score = painScore(patient, BUTTOCK, value, when);
		score.getBodySite()
				.addExtension(LATERALITY, new CodeableConcept(new Coding(SNOMED, RIGHT, "Right")));
		return score;
	}
}
