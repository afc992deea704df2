/**
 * The care plan: the patient's assessment (latest scores, baseline, change, flares, red flags, context),
 * the rules (PlanDefinition and ActivityDefinitions in fhir-profiles/, conditions in FHIRPath), the one
 * draft per patient revised in the transaction of each new answer, clinicians' edits kept across
 * revisions, and approval. Public API: {@link org.fibroplan.careplan.CarePlanActivated}.
 */
package org.fibroplan.careplan;
