package org.fibroplan.careplan.internal;

/** URLs and systems of FibroPlan's own care-plan vocabulary (defined in fhir-profiles/). */
final class CarePlanTerms {

	static final String BASE = "http://fibroplan.org/fhir";
	static final String EXT = BASE + "/StructureDefinition/";
	static final String RATIONALE = EXT + "activity-rationale";
	static final String EVIDENCE_GRADE = EXT + "evidence-grade";
	static final String ACTIVITY_DEFINITION = EXT + "activity-definition";
	static final String PROPOSED_BY_RULE = EXT + "proposed-by-rule";
	static final String CLINICIAN_EDIT = EXT + "clinician-edit";
	static final String DECLINED_ACTIVITY = EXT + "declined-activity";
	static final String FM_CARE_PLAN_PROFILE = EXT + "fm-care-plan";
	static final String LATERALITY = EXT + "laterality";
	static final String FLAG_DETAIL = "http://hl7.org/fhir/StructureDefinition/flag-detail";

	static final String PLAN_IDENTIFIER = BASE + "/careplan-id";
	static final String GOAL_IDENTIFIER = BASE + "/goal-id";
	static final String REFERRAL_IDENTIFIER = BASE + "/referral-id";
	static final String RULES = BASE + "/PlanDefinition/fm-care-plan";
	static final String URGENT_REVIEW = BASE + "/ActivityDefinition/urgent-review";

	static final String PRO = BASE + "/CodeSystem/pro";
	static final String RED_FLAG = BASE + "/CodeSystem/red-flag";
	static final String PAIN_CHANGE = BASE + "/CodeSystem/pain-change";
	static final String PLAN_EVENT = BASE + "/CodeSystem/plan-event";
	static final String CLINICIAN_EDIT_SYSTEM = BASE + "/CodeSystem/clinician-edit";
	static final String PAIN_SITE_MAP = BASE + "/ConceptMap/pain-site";
	static final String PAUSED_BY_RED_FLAG = BASE + "/ValueSet/red-flag-paused-activities";
	static final String SOFTWARE = BASE + "/software";

	static final String LOINC = "http://loinc.org";
	static final String SNOMED = "http://snomed.info/sct";
	static final String CAREPLAN_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/careplan-category";
	static final String INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

	private CarePlanTerms() {}

	/** The plan's FibroPlan identifier, which marks it as one of FibroPlan's plans. */
	static java.util.Optional<org.hl7.fhir.r4.model.Identifier> planIdentifier(org.hl7.fhir.r4.model.CarePlan plan) {
		return plan.getIdentifier().stream().filter(i -> PLAN_IDENTIFIER.equals(i.getSystem())).findFirst();
	}
}
