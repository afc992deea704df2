package org.fibroplan.careplan.internal.assessment;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fibroplan.fhir.Definitions;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Type;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * The clinical facts the assessment and the red-flag hold need, read from fhir-profiles/ resources:
 * the assessment variables and the Observation codes that feed them (CodeSystem assessment-variable,
 * ConceptMap observation-assessment-variable), which body sites are which plan sites (ConceptMap
 * pain-site), what counts as important change and as a flare (CodeSystem pain-change, IMMPACT), which red flags are emergencies (CodeSystem red-flag), which
 * activities a red flag puts on hold (ValueSet red-flag-paused-activities), which are for the clinician only
 * (ValueSet clinician-only-activities), and displays of answer codes.
 */
public final class ClinicalVocabulary {

	private final Map<String, String> siteBySnomed = new HashMap<>();
	private final List<Map.Entry<String, Integer>> improvementByReduction;
	private final Map<String, String> changeDisplays = new HashMap<>();
	private final int importantReductionPercent;
	private final Deterioration deterioration;
	private final Flares flares;
	private final AssessmentVariables variables;
	private final Map<String, ConceptDefinitionComponent> redFlags = new HashMap<>();
	private final Map<String, String> proDisplays = new HashMap<>();
	private final Set<String> pausedByRedFlag = new LinkedHashSet<>();
	private final Set<String> clinicianOnly = new LinkedHashSet<>();

	public ClinicalVocabulary(Definitions definitions) {
		ConceptMap sites = definitions.get(ConceptMap.class, FhirTerms.PAIN_SITE_MAP);
		sites.getGroup().forEach(group -> group.getElement().forEach(
				element -> siteBySnomed.put(element.getCode(), element.getTargetFirstRep().getCode())));

		CodeSystem change = definitions.get(CodeSystem.class, FhirTerms.PAIN_CHANGE);
		improvementByReduction = change.getConcept().stream()
				.filter(c -> integerProperty(c, "reduction-percent").isPresent())
				.map(c -> Map.entry(c.getCode(), integerProperty(c, "reduction-percent").orElseThrow()))
				.sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
				.toList();
		change.getConcept().forEach(c -> changeDisplays.put(c.getCode(), c.getDisplay()));
		importantReductionPercent = change.getConcept().stream()
				.filter(c -> c.getProperty().stream().anyMatch(p -> "clinically-important".equals(p.getCode()) && "true".equals(p.getValue().primitiveValue())))
				.map(c -> integerProperty(c, "reduction-percent")).flatMap(Optional::stream).findFirst()
				.orElseThrow(() -> new IllegalStateException("CodeSystem pain-change marks no category clinically-important with its reduction-percent"));
		deterioration = Deterioration.of(change);
		variables = new AssessmentVariables(definitions.get(CodeSystem.class, FhirTerms.ASSESSMENT_VARIABLE),
				definitions.get(ConceptMap.class, FhirTerms.OBSERVATION_VARIABLE_MAP));
		flares = new Flares(change, variables);

		definitions.get(CodeSystem.class, FhirTerms.RED_FLAG).getConcept().forEach(c -> redFlags.put(c.getCode(), c));
		definitions.get(CodeSystem.class, FhirTerms.PRO).getConcept().forEach(c -> proDisplays.put(c.getCode(), c.getDisplay()));
		definitions.get(ValueSet.class, FhirTerms.PAUSED_BY_RED_FLAG).getCompose().getInclude().forEach(include ->
				include.getConcept().forEach(concept -> pausedByRedFlag.add(include.getSystem() + "|" + concept.getCode())));
		definitions.get(ValueSet.class, FhirTerms.CLINICIAN_ONLY_ACTIVITIES).getCompose().getInclude().forEach(include ->
				include.getConcept().forEach(concept -> clinicianOnly.add(include.getSystem() + "|" + concept.getCode())));
	}

	static Optional<Integer> integerProperty(ConceptDefinitionComponent concept, String code) {
		return concept.getProperty().stream().filter(p -> code.equals(p.getCode()))
				.map(p -> Integer.valueOf(p.getValue().primitiveValue())).findFirst();
	}

	/** The plan sites a pain score's bodySite names: a hip-region code takes its side from the laterality extension. */
	public Set<String> sites(CodeableConcept bodySite) {
		Set<String> found = new LinkedHashSet<>();
		for (Coding coding : bodySite.getCoding()) {
			String site = FhirTerms.SNOMED.equals(coding.getSystem()) ? siteBySnomed.get(coding.getCode()) : null;
			if ("hip".equals(site)) {
				String side = side(bodySite);
				if ("left".equals(side) || "bilateral".equals(side)) {
					found.add("left-hip");
				}
				if ("right".equals(side) || "bilateral".equals(side)) {
					found.add("right-hip");
				}
			} else if (site != null) {
				found.add(site);
			}
		}
		return found;
	}

	private String side(CodeableConcept bodySite) {
		var laterality = bodySite.getExtensionByUrl(FhirTerms.LATERALITY);
		Type value = laterality == null ? null : laterality.getValue();
		if (value instanceof CodeableConcept concept) {
			return concept.getCoding().stream().map(c -> siteBySnomed.get(c.getCode())).filter(s -> s != null).findFirst().orElse(null);
		}
		return null;
	}

	/**
	 * IMMPACT category of a change from baseline (CodeSystem pain-change): a fall by the first reduction-percent
	 * it reaches, a rise of the deterioration's percent or points is a deterioration, a smaller rise no important
	 * change. changePercent is null when the baseline is 0 (then only points count).
	 */
	public String change(BigDecimal changePercent, BigDecimal changePoints) {
		if (changePoints.signum() > 0) {
			return deterioration.reached(changePercent, changePoints) ? deterioration.code() : noImportantChange();
		}
		BigDecimal reduction = changePercent == null ? BigDecimal.ZERO : changePercent.negate();
		return improvementByReduction.stream()
				.filter(entry -> reduction.compareTo(BigDecimal.valueOf(entry.getValue())) >= 0)
				.map(Map.Entry::getKey).findFirst().orElse(noImportantChange());
	}

	/** The category whose reduction-percent is 0: no important change either way. */
	private String noImportantChange() {
		return improvementByReduction.get(improvementByReduction.size() - 1).getKey();
	}

	/** Whether a category is an improvement (a reduction-percent above 0). */
	public boolean isImprovement(String category) {
		return improvementByReduction.stream().anyMatch(e -> e.getKey().equals(category) && e.getValue() > 0);
	}

	public boolean isDeterioration(String category) {
		return deterioration.code().equals(category);
	}

	/** The rise from baseline that is a deterioration: the pain-change concept compared with the baseline. */
	private record Deterioration(String code, int risePercent, int risePoints) {

		static Deterioration of(CodeSystem change) {
			ConceptDefinitionComponent concept = change.getConcept().stream()
					.filter(c -> c.getProperty().stream().anyMatch(p -> "compared-with".equals(p.getCode()) && "baseline".equals(p.getValue().primitiveValue())))
					.findFirst().orElseThrow(() -> new IllegalStateException("CodeSystem pain-change has no category compared-with baseline (deterioration)"));
			return new Deterioration(concept.getCode(), integerProperty(concept, "rise-percent").orElseThrow(), integerProperty(concept, "rise-points").orElseThrow());
		}

		boolean reached(BigDecimal changePercent, BigDecimal changePoints) {
			return changePoints.compareTo(BigDecimal.valueOf(risePoints)) >= 0
					|| (changePercent != null && changePercent.compareTo(BigDecimal.valueOf(risePercent)) >= 0);
		}
	}

	/** The name CodeSystem pain-change gives a change category (the code itself when it has none). */
	public String changeDisplay(String category) {
		return changeDisplays.getOrDefault(category, category);
	}

	/** The smallest clinically important reduction from baseline, in percent (CodeSystem pain-change; IMMPACT: 30). */
	public int importantReductionPercent() {
		return importantReductionPercent;
	}

	/** The variables rules may read and the Observation codes that feed them. */
	public AssessmentVariables variables() {
		return variables;
	}

	Flares flares() {
		return flares;
	}

	public boolean isRedFlag(Coding coding) {
		return FhirTerms.RED_FLAG.equals(coding.getSystem()) && redFlags.containsKey(coding.getCode());
	}

	public String redFlagDisplay(String code) {
		ConceptDefinitionComponent concept = redFlags.get(code);
		return concept == null ? code : concept.getDisplay();
	}

	public boolean isEmergency(String redFlag) {
		ConceptDefinitionComponent concept = redFlags.get(redFlag);
		return concept != null && concept.getProperty().stream()
				.anyMatch(p -> "urgency".equals(p.getCode()) && "emergency".equals(p.getValue().primitiveValue()));
	}

	public String proDisplay(String code) {
		return proDisplays.getOrDefault(code, code);
	}

	/** Exercise, stretching, massage or manual therapy: held while a red flag is active. */
	public boolean isPausedByRedFlag(CodeableConcept code) {
		return code != null && code.getCoding().stream().anyMatch(c -> pausedByRedFlag.contains(c.getSystem() + "|" + c.getCode()));
	}

	/** A task for the clinician (assess mood further): never in what the patient reads. */
	public boolean isForClinicianOnly(CodeableConcept code) {
		return code != null && code.getCoding().stream().anyMatch(c -> clinicianOnly.contains(c.getSystem() + "|" + c.getCode()));
	}
}
