package org.fibroplan.careplan;

import org.fibroplan.FhirIntegrationTest;

/** The work-queue stories on the default (H2) storage. */
class WorkQueueOnH2IT extends FhirIntegrationTest implements WorkQueueStories {}
