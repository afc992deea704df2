package org.fibroplan.fhir;

import org.fibroplan.PostgresIntegrationTest;

/** The conditional-upsert race on the real PostgreSQL server, through the production profile. */
class ConditionalUpsertOnPostgresIT extends PostgresIntegrationTest implements ConditionalUpsertStories {}
