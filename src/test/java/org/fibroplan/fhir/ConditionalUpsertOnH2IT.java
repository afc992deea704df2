package org.fibroplan.fhir;

import org.fibroplan.FhirIntegrationTest;

/** The conditional-upsert race on the default embedded H2 storage. */
class ConditionalUpsertOnH2IT extends FhirIntegrationTest implements ConditionalUpsertStories {}
