package org.fibroplan.audit;

import org.fibroplan.FhirIntegrationTest;

/** The audit-by-patient stories on the default embedded H2 storage. */
class AuditByPatientOnH2IT extends FhirIntegrationTest implements AuditByPatientStories {}
