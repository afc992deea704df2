/**
 * Delivery of approved plans into EHRs. On {@link org.fibroplan.careplan.CarePlanActivated} it owes each
 * configured target a delivery Task and a durable queued run (db-scheduler), sent as a FHIR transaction or
 * a document with SMART Backend Services tokens, retried with backoff. Public API:
 * {@link org.fibroplan.ehr.DeliveryTargets} (the targets' configuration, which the clinician workspace lists).
 */
package org.fibroplan.ehr;
