package org.fibroplan.careplan.internal.goals;

import java.math.BigDecimal;
import java.util.Optional;
import org.fibroplan.careplan.internal.assessment.Assessment;
import org.fibroplan.careplan.internal.assessment.ClinicalVocabulary;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Quantity;

/**
 * How far a goal is reached, from its measure's latest score: achieved when the target is met, else
 * improving, worsening or no change by the score's pain-change category against the fixed baseline
 * (IMMPACT), in progress when the measure has no such category. Only a score newer than the baseline
 * and the goal's start says anything. Pure.
 */
public final class GoalAchievement {

	static final String SYSTEM = "http://terminology.hl7.org/CodeSystem/goal-achievement";
	static final String IN_PROGRESS = "in-progress";

	private GoalAchievement() {}

	/** The goal's achievement status now, or empty when no new score of its measure has come since it started. */
	public static Optional<String> of(Goal goal, Assessment assessment, ClinicalVocabulary vocabulary) {
		if (!goal.hasTarget() || !goal.getTargetFirstRep().hasMeasure()) {
			return Optional.empty();
		}
		Goal.GoalTargetComponent target = goal.getTargetFirstRep();
		return assessment.measure(target.getMeasure().getCodingFirstRep().getCode())
				.filter(m -> m.baselineObservation() == null || !m.baselineObservation().equals(m.latestObservation()))
				.filter(m -> !goal.hasStartDateType() || !m.latestAt().isBefore(goal.getStartDateType().getValue().toInstant()))
				.map(m -> {
					if (target.hasDetailQuantity() && met(m.latest(), target.getDetailQuantity())) {
						return "achieved";
					}
					if (m.category() == null) {
						return IN_PROGRESS;
					}
					if (vocabulary.isImprovement(m.category())) {
						return "improving";
					}
					return vocabulary.isDeterioration(m.category()) ? "worsening" : "no-change";
				});
	}

	private static boolean met(BigDecimal latest, Quantity target) {
		if (!target.hasValue()) {
			return false;
		}
		int compared = latest.compareTo(target.getValue());
		Quantity.QuantityComparator comparator = target.hasComparator() ? target.getComparator() : null;
		if (comparator == null) {
			return compared == 0;
		}
		return switch (comparator) {
			case LESS_THAN -> compared < 0;
			case LESS_OR_EQUAL -> compared <= 0;
			case GREATER_OR_EQUAL -> compared >= 0;
			case GREATER_THAN -> compared > 0;
			default -> false;
		};
	}

	static CodeableConcept concept(String code) {
		String display = switch (code) {
			case "achieved" -> "Achieved";
			case "improving" -> "Improving";
			case "worsening" -> "Worsening";
			case "no-change" -> "No Change";
			default -> "In Progress";
		};
		return new CodeableConcept(new Coding(SYSTEM, code, display));
	}

	/** The goal's status code in goal-achievement, if it has one. */
	public static Optional<String> current(Goal goal) {
		return goal.getAchievementStatus().getCoding().stream().filter(c -> SYSTEM.equals(c.getSystem())).map(Coding::getCode).findFirst();
	}
}
