package org.fibroplan.careplan.internal;

/** URLs and systems of FibroPlan's own care-plan vocabulary (defined in fhir-profiles/). */
public final class CarePlanTerms {

	public static final String BASE = "http://fibroplan.org/fhir";
	public static final String EXT = BASE + "/StructureDefinition/";
	public static final String RATIONALE = EXT + "activity-rationale";
	public static final String EVIDENCE_GRADE = EXT + "evidence-grade";
	public static final String ACTIVITY_DEFINITION = EXT + "activity-definition";
	public static final String PROPOSED_BY_RULE = EXT + "proposed-by-rule";
	public static final String CLINICIAN_EDIT = EXT + "clinician-edit";
	public static final String DECLINED_ACTIVITY = EXT + "declined-activity";
	public static final String FM_CARE_PLAN_PROFILE = EXT + "fm-care-plan";
	public static final String LATERALITY = EXT + "laterality";
	public static final String FLAG_DETAIL = "http://hl7.org/fhir/StructureDefinition/flag-detail";

	public static final String PLAN_IDENTIFIER = BASE + "/careplan-id";
	public static final String GOAL_IDENTIFIER = BASE + "/goal-id";
	public static final String REFERRAL_IDENTIFIER = BASE + "/referral-id";
	public static final String RULES = BASE + "/PlanDefinition/fm-care-plan";
	public static final String URGENT_REVIEW = BASE + "/ActivityDefinition/urgent-review";

	public static final String PRO = BASE + "/CodeSystem/pro";
	public static final String RED_FLAG = BASE + "/CodeSystem/red-flag";
	public static final String PAIN_CHANGE = BASE + "/CodeSystem/pain-change";
	public static final String PLAN_EVENT = BASE + "/CodeSystem/plan-event";
	public static final String CLINICIAN_EDIT_SYSTEM = BASE + "/CodeSystem/clinician-edit";
	public static final String PAIN_SITE_MAP = BASE + "/ConceptMap/pain-site";
	public static final String ASSESSMENT_VARIABLE = BASE + "/CodeSystem/assessment-variable";
	public static final String OBSERVATION_VARIABLE_MAP = BASE + "/ConceptMap/observation-assessment-variable";
	public static final String PAUSED_BY_RED_FLAG = BASE + "/ValueSet/red-flag-paused-activities";
	public static final String SOFTWARE = BASE + "/software";

	public static final String LOINC = "http://loinc.org";
	public static final String SNOMED = "http://snomed.info/sct";
	public static final String CAREPLAN_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/careplan-category";
	public static final String INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

	private CarePlanTerms() {}

	/** The plan's FibroPlan identifier, which marks it as one of FibroPlan's plans. */
	public static java.util.Optional<org.hl7.fhir.r4.model.Identifier> planIdentifier(org.hl7.fhir.r4.model.CarePlan plan) {
		return plan.getIdentifier().stream().filter(i -> PLAN_IDENTIFIER.equals(i.getSystem())).findFirst();
	}
}
