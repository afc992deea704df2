/**
 * The care plan: the patient's assessment, the rules (PlanDefinition and ActivityDefinitions in
 * fhir-profiles/, conditions in FHIRPath), the one draft per patient revised in the transaction of each new
 * answer, clinicians' edits kept across revisions, and approval. Public API: {@link org.fibroplan.careplan.CarePlans}
 * (assess, apply, revise), {@link org.fibroplan.careplan.PatientAssessment} and the event
 * {@link org.fibroplan.careplan.CarePlanActivated}.
 */
package org.fibroplan.careplan;
