package org.fibroplan.fhir;

/**
 * The FHIR vocabulary modules share: FibroPlan's canonical URLs (defined in fhir-profiles/, which
 * FhirTermsMatchProfilesTest checks), its identifier systems, and the external systems and codes
 * several modules match on. Clinical facts stay in the package; this holds only the names.
 */
public final class FhirTerms {

	public static final String BASE = "http://fibroplan.org/fhir";
	private static final String SD = BASE + "/StructureDefinition/";

	// Extensions and profiles (StructureDefinition)
	public static final String RATIONALE = SD + "activity-rationale";
	public static final String EVIDENCE_GRADE = SD + "evidence-grade";
	public static final String EVIDENCE_STATEMENT = SD + "evidence-statement";
	public static final String ACTIVITY_DEFINITION = SD + "activity-definition";
	public static final String PROPOSED_BY_RULE = SD + "proposed-by-rule";
	public static final String CLINICIAN_EDIT = SD + "clinician-edit";
	public static final String DECLINED_ACTIVITY = SD + "declined-activity";
	public static final String LATERALITY = SD + "laterality";
	public static final String SCORE_BAND = SD + "score-band";
	public static final String ITEM_BODY_SITE = SD + "questionnaire-item-body-site";
	public static final String FM_CARE_PLAN_PROFILE = SD + "fm-care-plan";
	public static final String FM_PAIN_SCORE_PROFILE = SD + "fm-pain-score";
	public static final String RED_FLAG_REVIEW = SD + "red-flag-review";
	public static final String REMOVED_ACTIVITY = SD + "removed-activity";

	// Code systems, value sets, concept maps
	public static final String PRO = BASE + "/CodeSystem/pro";
	public static final String RED_FLAG = BASE + "/CodeSystem/red-flag";
	public static final String PAIN_CHANGE = BASE + "/CodeSystem/pain-change";
	public static final String ASSESSMENT_VARIABLE = BASE + "/CodeSystem/assessment-variable";
	public static final String OBSERVATION_VARIABLE_MAP = BASE + "/ConceptMap/observation-assessment-variable";
	public static final String PLAN_EVENT = BASE + "/CodeSystem/plan-event";
	public static final String EHR_DELIVERY = BASE + "/CodeSystem/ehr-delivery";
	public static final String REVIEW_REASON = BASE + "/CodeSystem/review-reason";
	public static final String CLINICIAN_EDIT_SYSTEM = BASE + "/CodeSystem/clinician-edit";
	public static final String EVIDENCE_GRADE_SYSTEM = BASE + "/CodeSystem/evidence-grade";
	public static final String EVIDENCE_SCOPE_SYSTEM = BASE + "/CodeSystem/evidence-scope";
	public static final String PAIN_SITE_MAP = BASE + "/ConceptMap/pain-site";
	public static final String PAUSED_BY_RED_FLAG = BASE + "/ValueSet/red-flag-paused-activities";
	public static final String CLINICIAN_ONLY_ACTIVITIES = BASE + "/ValueSet/clinician-only-activities";
	public static final String RED_FLAG_REVIEW_OUTCOME = BASE + "/CodeSystem/red-flag-review-outcome";
	public static final String ADVISED_AGAINST_GRADES = BASE + "/ValueSet/advised-against-grades";
	public static final String CARE_ACTIVITY = BASE + "/CodeSystem/care-activity";
	public static final String PLAN_SECTION = BASE + "/CodeSystem/plan-section";
	public static final String PLAN_SECTION_MAP = BASE + "/ConceptMap/care-activity-plan-section";

	// Knowledge: the rules and the activity a red flag always brings
	public static final String RULES = BASE + "/PlanDefinition/fm-care-plan";
	public static final String URGENT_REVIEW = BASE + "/ActivityDefinition/urgent-review";

	// Instruments (Questionnaire)
	public static final String PAIN_NRS_QUESTIONNAIRE = BASE + "/Questionnaire/pain-nrs";
	public static final String PEG_QUESTIONNAIRE = BASE + "/Questionnaire/peg";
	public static final String ACR_2016_QUESTIONNAIRE = BASE + "/Questionnaire/acr-2016-fm";
	public static final String PHQ_2_QUESTIONNAIRE = BASE + "/Questionnaire/phq-2";
	public static final String GAD_2_QUESTIONNAIRE = BASE + "/Questionnaire/gad-2";
	public static final String HOOS_JR_QUESTIONNAIRE = BASE + "/Questionnaire/hoos-jr";
	public static final String RED_FLAGS_QUESTIONNAIRE = BASE + "/Questionnaire/red-flags";
	public static final String FM_CONTEXT_QUESTIONNAIRE = BASE + "/Questionnaire/fm-context";

	// Identifier systems: names for FibroPlan's keys, not resources in the package
	public static final String PLAN_IDENTIFIER = BASE + "/careplan-id";
	public static final String GOAL_IDENTIFIER = BASE + "/goal-id";
	public static final String REFERRAL_IDENTIFIER = BASE + "/referral-id";
	public static final String DELIVERY_IDENTIFIER = BASE + "/delivery-id";
	public static final String SOFTWARE = BASE + "/software";
	public static final String OAUTH_CLIENT = BASE + "/oauth-client";
	public static final String FHIR_USER = BASE + "/fhir-user";
	public static final String TOKEN_SUBJECT = BASE + "/token-subject";
	public static final String DEMO_USER = BASE + "/demo-user";

	// External systems and codes
	public static final String LOINC = "http://loinc.org";
	public static final String SNOMED = "http://snomed.info/sct";
	public static final String PAIN_SCORE = "72514-3";
	public static final String PEG = "91147-9";
	public static final String FLAG_DETAIL = "http://hl7.org/fhir/StructureDefinition/flag-detail";
	public static final String CAREPLAN_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/careplan-category";
	public static final String INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

	private FhirTerms() {}
}
