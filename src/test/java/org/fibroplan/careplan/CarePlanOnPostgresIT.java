package org.fibroplan.careplan;

import org.fibroplan.PostgresIntegrationTest;

/** The care-plan stories on the real PostgreSQL server, through the production profile. */
class CarePlanOnPostgresIT extends PostgresIntegrationTest implements CarePlanStories {}
