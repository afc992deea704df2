/**
 * The audit trail: an AuditEvent (IHE Basic Audit Log Patterns) for every FHIR read, search, create,
 * update and delete that arrives over HTTP, naming the client and user from the token and the patient
 * concerned. API: none; it takes part in FHIR requests through {@link org.fibroplan.fhir.FhirServerCustomizer}.
 */
package org.fibroplan.audit;
