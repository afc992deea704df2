package org.fibroplan.pro.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.springframework.stereotype.Component;

/**
 * ACR 2016 fibromyalgia criteria (Wolfe F et al., Semin Arthritis Rheum 2016;46:319-329):
 * WPI = painful areas (0-19); SSS = fatigue + waking unrefreshed + cognitive symptoms (0-3 each, the
 * answers' weights) + 1 each for headaches, lower abdominal pain or cramps, depression (0-12);
 * criteria met when (WPI >= 7 and SSS >= 5) or (WPI 4-6 and SSS >= 9), with pain in at least 4 of the 5
 * regions (jaw, chest and abdomen do not count; each area's region is a property in CodeSystem pro), and
 * symptoms for at least 3 months. FM severity = WPI + SSS (0-31), banded by the Questionnaire.
 */
@Component
class Acr2016Scorer implements InstrumentScorer {

	static final List<String> GRADED_SYMPTOMS = List.of("sss-fatigue", "sss-waking-unrefreshed", "sss-cognitive");
	static final List<String> SOMATIC_SYMPTOMS = List.of("sss-headaches", "sss-abdominal", "sss-depression");
	static final Coding CRITERIA_MET = new Coding(FhirTerms.PRO, "acr-2016-criteria-met", "ACR 2016 fibromyalgia criteria met");

	private final ProCodes codes;

	Acr2016Scorer(ProCodes codes) {
		this.codes = codes;
	}

	@Override
	public Set<String> instruments() {
		return Set.of(FhirTerms.ACR_2016_QUESTIONNAIRE);
	}

	@Override
	public List<Observation> score(QuestionnaireAnswers answers) {
		Set<String> painfulAreas = answers.answeredItems().stream()
				.filter(i -> i.getLinkId().startsWith("wpi-") && yes(answers, i.getLinkId()))
				.map(i -> i.getLinkId())
				.collect(Collectors.toSet());
		int wpi = painfulAreas.size();
		int sss = answers.answeredItems().stream()
						.filter(i -> GRADED_SYMPTOMS.contains(i.getLinkId()))
						.map(answers::weight)
						.flatMap(java.util.Optional::stream)
						.mapToInt(BigDecimal::intValueExact)
						.sum()
				+ (int) SOMATIC_SYMPTOMS.stream().filter(s -> yes(answers, s)).count();
		long regions = painfulAreas.stream()
				.filter(area -> !"false".equals(codes.property(area, "counts-for-region").orElse("true")))
				.map(area -> codes.property(area, "region").orElseThrow(() -> new IllegalStateException("No region for " + area)))
				.distinct()
				.count();
		boolean longEnough = yes(answers, "symptoms-3-months");
		boolean severeEnough = (wpi >= 7 && sss >= 5) || (wpi >= 4 && wpi <= 6 && sss >= 9);
		boolean met = severeEnough && regions >= 4 && longEnough;

		Observation wpiScore = DerivedObservation.of(answers.item("wpi").orElseThrow().getCodeFirstRep());
		wpiScore.setValue(new IntegerType(wpi));
		Observation sssScore = DerivedObservation.of(answers.item("sss").orElseThrow().getCodeFirstRep());
		sssScore.setValue(new IntegerType(sss));
		var severityItem = answers.item("fm-severity").orElseThrow();
		Observation severity = DerivedObservation.of(severityItem.getCodeFirstRep());
		severity.setValue(new IntegerType(wpi + sss));
		answers.band(severityItem, BigDecimal.valueOf(wpi + sss)).ifPresent(b -> severity.addInterpretation().addCoding(b.copy()));
		Observation criteria = DerivedObservation.of(CRITERIA_MET);
		criteria.setValue(new BooleanType(met));
		criteria.addNote().setText("WPI " + wpi + ", SSS " + sss + ", painful regions " + regions + " of 5, symptoms 3 months or more: "
				+ (longEnough ? "yes" : "no") + ".");
		return List.of(wpiScore, sssScore, severity, criteria);
	}

	private static boolean yes(QuestionnaireAnswers answers, String linkId) {
		return answers.answer(linkId).map(v -> "true".equals(v.primitiveValue())).orElse(false);
	}
}
