package org.fibroplan.web.internal;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.math.BigDecimal;
import java.util.Optional;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.PrimitiveType;

/**
 * The care-plan module's assessment of one patient ({@code Patient/{id}/$assessment}): the numbers the
 * rules drafted the plan from, so the pages show exactly those and never recompute them.
 */
record PatientAssessment(Parameters parameters) {

	static PatientAssessment of(IGenericClient fhir, String patientId) {
		return new PatientAssessment(fhir.operation().onInstance("Patient/" + patientId).named("$assessment")
				.withNoParameters(Parameters.class).useHttpGet().execute());
	}

	Optional<String> text(String name) {
		return parameters.getParameter().stream().filter(p -> name.equals(p.getName()) && p.getValue() instanceof PrimitiveType<?>)
				.map(p -> ((PrimitiveType<?>) p.getValue()).getValueAsString()).findFirst();
	}

	Optional<BigDecimal> number(String name) {
		return text(name).map(BigDecimal::new);
	}

	boolean is(String name) {
		return text(name).map(Boolean::parseBoolean).orElse(false);
	}
}
