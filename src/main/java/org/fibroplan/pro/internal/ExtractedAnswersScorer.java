package org.fibroplan.pro.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Type;
import org.springframework.stereotype.Component;

/**
 * Instruments whose answers are facts rather than a score (red flags, context): SDC observation-based
 * extraction, one Observation per answer to an item the Questionnaire marks for extraction, coded as the
 * item (a tick-any item gives one per ticked option). An integer with a unit (minutes per week) becomes a
 * Quantity.
 */
@Component
class ExtractedAnswersScorer implements InstrumentScorer {

	static final String UNIT = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit";

	@Override
	public Set<String> instruments() {
		return Set.of(FhirTerms.RED_FLAGS_QUESTIONNAIRE, FhirTerms.FM_CONTEXT_QUESTIONNAIRE);
	}

	@Override
	public List<Observation> score(QuestionnaireAnswers answers) {
		List<Observation> facts = new ArrayList<>();
		for (var answered : answers.answeredItems()) {
			var item = answers.item(answered.getLinkId()).orElse(null);
			if (item == null || item.getReadOnly() || !QuestionnaireAnswers.extracted(item)) {
				continue;
			}
			for (var answer : answered.getAnswer()) {
				Observation fact = DerivedObservation.of(item.getCodeFirstRep());
				fact.setValue(value(answer.getValue(), item.getExtensionByUrl(UNIT)));
				facts.add(fact);
			}
		}
		return facts;
	}

	private static Type value(Type answer, Extension unit) {
		if (answer instanceof Coding coding) {
			return new CodeableConcept(coding.copy());
		}
		if (answer instanceof IntegerType number && unit != null) {
			Coding ucum = (Coding) unit.getValue();
			return new Quantity().setValue(number.getValue()).setSystem(ucum.getSystem()).setCode(ucum.getCode()).setUnit(ucum.getDisplay());
		}
		if (answer instanceof BooleanType || answer instanceof IntegerType) {
			return answer.copy();
		}
		throw new IllegalStateException("No Observation value for an answer of type " + answer.fhirType());
	}
}
