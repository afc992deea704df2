package org.fibroplan.careplan;

import java.time.Instant;

/**
 * A clinician approved a plan: it is now the patient's active plan. Published in the approving
 * transaction; delivery to EHRs starts from it.
 *
 * @param patient the Patient id
 * @param carePlan the CarePlan id (versionless, e.g. CarePlan/abc)
 * @param version the approved version of the CarePlan
 * @param planIdentifier the plan's stable FibroPlan identifier value (system careplan-id)
 * @param approvedBy the fhirUser of the approving clinician
 * @param approved when
 */
public record CarePlanActivated(
		String patient, String carePlan, String version, String planIdentifier, String approvedBy, Instant approved) {}
