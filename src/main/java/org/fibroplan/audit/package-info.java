/**
 * The audit trail: an AuditEvent (IHE Basic Audit Log Patterns) for every FHIR read, search, create,
 * update and delete that arrives over HTTP, naming the client and user from the token and the patient
 * concerned. It takes part in FHIR requests through {@link org.fibroplan.fhir.FhirServerCustomizer}; API:
 * {@link org.fibroplan.audit.AuditRecords}, for records of what happens outside the FHIR API.
 */
package org.fibroplan.audit;
