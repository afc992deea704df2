package org.fibroplan.careplan;

import org.fibroplan.PostgresIntegrationTest;

/** The work-queue stories on the real PostgreSQL server. */
class WorkQueueOnPostgresIT extends PostgresIntegrationTest implements WorkQueueStories {}
