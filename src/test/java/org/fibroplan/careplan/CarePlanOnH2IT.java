package org.fibroplan.careplan;

import org.fibroplan.FhirIntegrationTest;

/** The care-plan stories on the default (H2) storage. */
class CarePlanOnH2IT extends FhirIntegrationTest implements CarePlanStories {}
