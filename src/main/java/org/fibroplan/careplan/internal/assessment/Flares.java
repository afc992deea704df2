package org.fibroplan.careplan.internal.assessment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem;

/**
 * What counts as a flare and how it reads: a rise from the previous value of a watched variable (the
 * 'of' of the flare variable in CodeSystem assessment-variable) of at least the points or percent of
 * the flare concept in CodeSystem pain-change (IMMPACT).
 */
final class Flares {

	private final int risePoints;
	private final int risePercent;
	private final AssessmentVariables variables;

	Flares(CodeSystem painChange, AssessmentVariables variables) {
		ConceptDefinitionComponent flare = painChange.getConcept().stream().filter(c -> "flare".equals(c.getCode())).findFirst()
				.orElseThrow(() -> new IllegalStateException("CodeSystem pain-change has no flare concept"));
		this.risePoints = ClinicalVocabulary.integerProperty(flare, "rise-points").orElseThrow();
		this.risePercent = ClinicalVocabulary.integerProperty(flare, "rise-percent").orElseThrow();
		this.variables = variables;
	}

	/** A rise from the previous value large enough for a clinician's look. */
	boolean isFlare(BigDecimal previous, BigDecimal latest) {
		BigDecimal rise = latest.subtract(previous);
		if (rise.compareTo(BigDecimal.valueOf(risePoints)) >= 0) {
			return true;
		}
		return previous.signum() > 0 && rise.signum() > 0
				&& rise.multiply(BigDecimal.valueOf(100)).compareTo(previous.multiply(BigDecimal.valueOf(risePercent))) >= 0;
	}

	/** Puts each flare variable (true or false) and, when something rose, its text: what rose, from and to. */
	void assess(Assessment assessment, Readings readings) {
		for (AssessmentVariables.Variable flare : variables.derivedAs("flare")) {
			List<String> described = new ArrayList<>();
			Set<String> refs = new LinkedHashSet<>();
			readings.byVariable().forEach((name, series) -> {
				if (!flare.of().contains(name) || series.size() < 2) {
					return;
				}
				Reading previous = series.get(series.size() - 2);
				Reading last = series.get(series.size() - 1);
				if (isFlare(previous.number().orElseThrow(), last.number().orElseThrow())) {
					String words = variables.variable(name).flatMap(AssessmentVariables.Variable::words).orElse(name);
					described.add(words + " rose from " + AssessmentBuilder.plain(previous.number().get()) + " to " + AssessmentBuilder.plain(last.number().get()));
					refs.add(previous.ref());
					refs.add(last.ref());
				}
			});
			assessment.put(flare.name(), !described.isEmpty(), refs);
			if (!described.isEmpty()) {
				variables.derived("text", flare.name()).ifPresent(text -> assessment.put(text, String.join("; ", described), refs));
			}
		}
	}
}
