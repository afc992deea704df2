package org.fibroplan.fhir;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The one timer of the FHIR validator's work on a write, {@code fibroplan.fhir.profile.validation}, tagged by
 * what a resource was validated against ({@code profile}: the project's profiles; {@code questionnaire}: an
 * answer against its Questionnaire). It publishes its p50 and p95 over the last minutes, so a benchmark reads
 * the per-resource cost under load from {@code /actuator/metrics/fibroplan.fhir.profile.validation.percentile}.
 */
public final class ValidationTimer {

	public static final String NAME = "fibroplan.fhir.profile.validation";

	private ValidationTimer() {
	}

	public static Timer against(MeterRegistry meters, String against) {
		return Timer.builder(NAME)
				.description("Time to validate one resource with the FHIR validator")
				.tag("against", against)
				.publishPercentiles(0.5, 0.95)
				.register(meters);
	}
}
