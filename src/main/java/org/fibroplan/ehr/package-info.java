/**
 * Delivery of approved plans into EHRs. So far: the delivery targets (configuration, public so the
 * clinician workspace can list them), SMART Backend Services tokens for a target, and the FHIR
 * transaction a plan is sent as. Durable delivery on approval comes next (see docs/architecture.md).
 */
package org.fibroplan.ehr;
