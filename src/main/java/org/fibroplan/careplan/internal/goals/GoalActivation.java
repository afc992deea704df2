package org.fibroplan.careplan.internal.goals;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.fibroplan.careplan.internal.rules.GoalDue;
import org.fibroplan.careplan.internal.rules.RuleSet;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionGoalComponent;

/**
 * A proposed goal of a plan being approved becomes active: its start is the approval date, each target's
 * due date is counted from it (the PlanDefinition goal's due, {@link GoalDue}), and it is in progress until
 * a new score says more ({@link GoalProgress}).
 */
public final class GoalActivation {

	private GoalActivation() {}

	public static void activate(Goal goal, Instant approvedAt, RuleSet rules, String planIdentifier) {
		goal.setLifecycleStatus(Goal.GoalLifecycleStatus.ACTIVE);
		goal.setStart(new DateType(Date.from(approvedAt)));
		definition(goal, rules, planIdentifier).ifPresent(definition -> goal.getTarget().forEach(target ->
				definition.getTarget().stream()
						.filter(t -> t.hasDue() && t.getMeasure().getCodingFirstRep().getCode().equals(target.getMeasure().getCodingFirstRep().getCode()))
						.findFirst()
						.ifPresent(t -> target.setDue(new DateType(Date.from(GoalDue.from(approvedAt, t.getDue())))))));
		goal.setAchievementStatus(GoalAchievement.concept(GoalAchievement.IN_PROGRESS));
	}

	/** The PlanDefinition goal this Goal was drafted from: its identifier is the plan's identifier, '-', the goal id. */
	private static Optional<PlanDefinitionGoalComponent> definition(Goal goal, RuleSet rules, String planIdentifier) {
		return goal.getIdentifier().stream().filter(i -> FhirTerms.GOAL_IDENTIFIER.equals(i.getSystem()) && i.hasValue())
				.map(i -> i.getValue()).filter(v -> planIdentifier != null && v.startsWith(planIdentifier + "-"))
				.findFirst().flatMap(v -> rules.goal(v.substring(planIdentifier.length() + 1)));
	}
}
