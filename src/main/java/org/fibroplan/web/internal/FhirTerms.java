package org.fibroplan.web.internal;

/** The FHIR identifiers (systems, extension urls, codes) the pages read; clinical facts stay in fhir-profiles/. */
final class FhirTerms {

	static final String BASE = "http://fibroplan.org/fhir";
	static final String EXT = BASE + "/StructureDefinition/";
	static final String RATIONALE = EXT + "activity-rationale";
	static final String EVIDENCE_GRADE = EXT + "evidence-grade";
	static final String ACTIVITY_DEFINITION = EXT + "activity-definition";
	static final String CLINICIAN_EDIT = EXT + "clinician-edit";
	static final String DECLINED_ACTIVITY = EXT + "declined-activity";
	static final String FLAG_DETAIL = "http://hl7.org/fhir/StructureDefinition/flag-detail";
	static final String PLAN_IDENTIFIER = BASE + "/careplan-id";
	static final String PAIN_CHANGE = BASE + "/CodeSystem/pain-change";
	static final String EVIDENCE_GRADES = BASE + "/CodeSystem/evidence-grade";
	static final String PLAN_EVENT = BASE + "/CodeSystem/plan-event";
	static final String EHR_DELIVERY = BASE + "/CodeSystem/ehr-delivery";
	static final String LOINC = "http://loinc.org";
	static final String PAIN_SCORE = "72514-3";
	static final String PEG = "91147-9";

	private FhirTerms() {}
}
