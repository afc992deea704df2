package org.fibroplan.pro.internal;

import java.util.Optional;
import org.fibroplan.fhir.Definitions;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.CodeSystem;
import org.springframework.stereotype.Component;

/** The project's item and score codes (CodeSystem pro) with their properties, as the server holds them now. */
@Component
class ProCodes {

	private final Definitions definitions;

	ProCodes(Definitions definitions) {
		this.definitions = definitions;
	}

	/** A concept's property value as text (code, boolean, ...), if the CodeSystem gives it. */
	Optional<String> property(String code, String property) {
		return definitions.get(CodeSystem.class, FhirTerms.PRO).getConcept().stream()
				.filter(c -> code.equals(c.getCode()))
				.findFirst()
				.flatMap(c -> c.getProperty().stream()
						.filter(p -> property.equals(p.getCode()))
						.map(p -> p.getValue().primitiveValue())
						.findFirst());
	}
}
