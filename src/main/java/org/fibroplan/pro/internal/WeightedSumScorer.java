package org.fibroplan.pro.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.springframework.stereotype.Component;

/**
 * Instruments scored as the sum of their answers' item weights: PHQ-2 and GAD-2 (0-3 per item, total
 * 0-6) and the HOOS JR raw score (0-4 per item, 0-24),
 * interpreted by the score item's bands where it has any (screens: 3 or more positive). Weights and bands come from the
 * Questionnaire.
 */
@Component
class WeightedSumScorer implements InstrumentScorer {

	@Override
	public Set<String> instruments() {
		return Set.of(
				FhirTerms.PHQ_2_QUESTIONNAIRE,
				FhirTerms.GAD_2_QUESTIONNAIRE,
				FhirTerms.HOOS_JR_QUESTIONNAIRE);
	}

	@Override
	public List<Observation> score(QuestionnaireAnswers answers) {
		BigDecimal total = answers.answeredItems().stream()
				.map(answers::weight)
				.flatMap(java.util.Optional::stream)
				.reduce(BigDecimal.ZERO, BigDecimal::add);
		return answers.scoreItems().stream().map(scoreItem -> {
			Observation score = DerivedObservation.of(scoreItem.getCodeFirstRep());
			score.setValue(new IntegerType(total.intValueExact()));
			answers.band(scoreItem, total).ifPresent(band -> score.addInterpretation().addCoding(band.copy()));
			return score;
		}).toList();
	}
}
