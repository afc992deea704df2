package org.fibroplan.audit;

import org.fibroplan.PostgresIntegrationTest;

/** The audit-by-patient stories on the real PostgreSQL server, through the production profile. */
class AuditByPatientOnPostgresIT extends PostgresIntegrationTest implements AuditByPatientStories {}
