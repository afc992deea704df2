package org.fibroplan.pro.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.springframework.stereotype.Component;

/**
 * pain-nrs: each site's 0-10 rating becomes a pain-score Observation (LOINC 72514-3) with the body site
 * the Questionnaire item names. A site whose code does not say which side (buttock) takes the side the
 * patient chose; a buttock rated 0 has no painful side, which is recorded as both sides at 0.
 */
@Component
class PainByAreaScorer implements InstrumentScorer {

	static final Coding SIDE_ITEM = new Coding(FhirTerms.PRO, "buttock-side", null);
	static final Coding BOTH_SIDES = new Coding(FhirTerms.SNOMED, "51440002", "Right and left");

	@Override
	public Set<String> instruments() {
		return Set.of(FhirTerms.PAIN_NRS_QUESTIONNAIRE);
	}

	@Override
	public List<Observation> score(QuestionnaireAnswers answers) {
		List<Observation> scores = new ArrayList<>();
		for (var answered : answers.answeredItems()) {
			Optional<QuestionnaireItemComponent> item = answers.item(answered.getLinkId());
			Extension site = item.map(i -> i.getExtensionByUrl(FhirTerms.ITEM_BODY_SITE)).orElse(null);
			if (site == null || !(answered.getAnswerFirstRep().getValue() instanceof IntegerType rating)) {
				continue;
			}
			Observation score = DerivedObservation.of(item.get().getCodeFirstRep());
			score.getMeta().addProfile(FhirTerms.FM_PAIN_SCORE_PROFILE);
			score.setValue(new IntegerType(rating.getValue()));
			CodeableConcept bodySite = ((CodeableConcept) site.getValue()).copy();
			if (needsSide(bodySite)) {
				Coding side = rating.getValue() == 0 ? BOTH_SIDES : sideChosen(answers).orElse(BOTH_SIDES);
				bodySite.addExtension(FhirTerms.LATERALITY, new CodeableConcept(side.copy()));
			}
			score.setBodySite(bodySite);
			scores.add(score);
		}
		return scores;
	}

	private static boolean needsSide(CodeableConcept bodySite) {
		return bodySite.getExtensionByUrl(FhirTerms.LATERALITY) == null
				&& bodySite.getCoding().stream().anyMatch(c -> "46862004".equals(c.getCode()));
	}

	private static Optional<Coding> sideChosen(QuestionnaireAnswers answers) {
		return answers.answeredItems().stream()
				.filter(i -> answers.item(i.getLinkId())
						.map(q -> q.getCode().stream().anyMatch(c -> c.getCode().equals(SIDE_ITEM.getCode())
								&& c.getSystem().equals(SIDE_ITEM.getSystem())))
						.orElse(false))
				.map(i -> i.getAnswerFirstRep().getValue())
				.filter(Coding.class::isInstance)
				.map(Coding.class::cast)
				.findFirst();
	}
}
