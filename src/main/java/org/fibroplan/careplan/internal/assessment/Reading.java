package org.fibroplan.careplan.internal.assessment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Type;

/** One value an Observation gives one assessment variable, with when it was true and where it came from. */
record Reading(AssessmentVariables.Feed feed, Observation observation, Type value, Instant at, String ref) {

	String variable() {
		return feed.variable();
	}

	Optional<BigDecimal> number() {
		return number(value);
	}

	Optional<Boolean> bool() {
		return value instanceof BooleanType b && b.getValue() != null ? Optional.of(b.booleanValue()) : Optional.empty();
	}

	Optional<String> answerCode() {
		return value instanceof CodeableConcept concept && concept.hasCoding() ? Optional.of(concept.getCodingFirstRep().getCode()) : Optional.empty();
	}

	static Optional<BigDecimal> number(Type value) {
		if (value instanceof Quantity quantity && quantity.hasValue()) {
			return Optional.of(quantity.getValue());
		}
		if (value instanceof IntegerType integer && integer.getValue() != null) {
			return Optional.of(BigDecimal.valueOf(integer.getValue()));
		}
		return Optional.empty();
	}
}
