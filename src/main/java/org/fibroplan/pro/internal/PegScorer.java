package org.fibroplan.pro.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Set;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.springframework.stereotype.Component;

/** PEG (Krebs 2009): the score is the mean of the three 0-10 items, with each item as a component. */
@Component
class PegScorer implements InstrumentScorer {

	static final List<String> ITEMS = List.of("peg-1", "peg-2", "peg-3");

	@Override
	public Set<String> instruments() {
		return Set.of(FhirTerms.PEG_QUESTIONNAIRE);
	}

	@Override
	public List<Observation> score(QuestionnaireAnswers answers) {
		var scoreItem = answers.item("peg-score").orElseThrow();
		Observation peg = DerivedObservation.of(scoreItem.getCodeFirstRep());
		int sum = 0;
		for (String linkId : ITEMS) {
			int value = answers.integer(linkId).orElseThrow(() -> new IllegalStateException("PEG item " + linkId + " unanswered"));
			sum += value;
			peg.addComponent().setValue(new IntegerType(value)).getCode()
					.addCoding(answers.item(linkId).orElseThrow().getCodeFirstRep().copy());
		}
		BigDecimal mean = BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(ITEMS.size()), 2, RoundingMode.HALF_UP);
		peg.setValue(DerivedObservation.score(mean));
		return List.of(peg);
	}
}
