package org.fibroplan.fhir;

import org.fibroplan.FhirIntegrationTest;

/** The pain-score stories on the default embedded H2 storage. */
class PainScoresOnH2IT extends FhirIntegrationTest implements PainScoreStories {}
