/**
 * CDS Hooks 2.0: FibroPlan as a decision-support service an EHR calls when a clinician opens a patient
 * ({@code patient-view}). Discovery at {@code GET /cds-services}; {@code fibroplan-patient-view} answers
 * cards from the patient's open clinician-review Task (the work queue): critical for an active red flag,
 * warning for deterioration or a flare, info for a draft awaiting review and other routine reasons, each
 * with a SMART link that opens the patient in the workspace. Calls are authenticated by the EHR's signed
 * JWT, checked against the EHRs configured under {@code fibroplan.cds-hooks.clients}. No public API: EHRs
 * reach it over HTTP only.
 */
package org.fibroplan.cdshooks;
