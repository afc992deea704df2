package org.fibroplan.pro.internal;

import java.math.BigDecimal;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;

/** What every Observation derived from answers shares: who, when, from which response, as a survey. */
final class DerivedObservation {

	private DerivedObservation() {}

	static Observation of(Coding code) {
		Observation observation = new Observation().setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().addCoding(code.copy());
		observation.addCategory(new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/observation-category", "survey", "Survey")));
		return observation;
	}

	/** A score as a Quantity with the UCUM unit for scores. */
	static Quantity score(BigDecimal value) {
		return new Quantity().setValue(value).setUnit("{score}").setSystem("http://unitsofmeasure.org").setCode("{score}");
	}

	/** Ties an Observation to the response it came from; done for every scorer's output. */
	static void completeFrom(Observation observation, QuestionnaireResponse response) {
		observation.setSubject(response.getSubject().copy());
		observation.setEffective(response.getAuthoredElement().copy());
		observation.addDerivedFrom(new Reference(response.getIdElement().toUnqualifiedVersionless()));
	}
}
