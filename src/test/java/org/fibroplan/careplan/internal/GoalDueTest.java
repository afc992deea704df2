package org.fibroplan.careplan.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.fibroplan.careplan.internal.drafting.PlanBuilder;
import org.fibroplan.careplan.internal.rules.RuleSet;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.junit.jupiter.api.Test;

/** A goal is due after its target's due counted in the due's own unit, not always in weeks. */
class GoalDueTest {

	@Test
	void aGoalDueIn3MonthsIsDue3CalendarMonthsAfterTheStartAndOneDueIn84DaysLikeOneDueIn12Weeks() {
		PlanDefinition rules = rulesWithDue("pain", due(3, "months", "mo"), "-3mo");
		rules.getGoal().stream().filter(g -> g.getId().equals("function")).findFirst().orElseThrow().getTargetFirstRep().setDue(due(84, "days", "d"));
		PatientStory story = new PatientStory("due").day(0).pain("left-hip", 6).peg(5, 5, 5);

		CarePlan plan = new PlanBuilder(PlanStoriesTest.KNOWLEDGE.expressions())
				.build(PlanStoriesTest.KNOWLEDGE.forRules(rules), story.record(), story.now()).plan();

		Goal pain = goal(plan, "g-pain");
		LocalDate start = LocalDate.parse(pain.getStartDateType().getValueAsString());
		assertThat(pain.getTargetFirstRep().getDueDateType().getValueAsString()).isEqualTo(start.plusMonths(3).toString());
		assertThat(goal(plan, "g-function").getTargetFirstRep().getDueDateType().getValueAsString()).isEqualTo(start.plusDays(84).toString())
				.isEqualTo(goal(plan, "g-exercise").getTargetFirstRep().getDueDateType().getValueAsString());
	}

	@Test
	void aGoalDueInAUnitFibroPlanCannotCountIsRefusedWhenTheRulesAreCompiled() {
		PlanDefinition rules = rulesWithDue("pain", due(36, "hours", "h"), "-hours");

		assertThatThrownBy(() -> PlanStoriesTest.KNOWLEDGE.forRules(rules))
				.isInstanceOf(RuleSet.InvalidRulesException.class)
				.hasMessageContaining("goal pain")
				.hasMessageContaining("target due 36 h is not in a unit FibroPlan counts: UCUM code d, wk, mo or a");
	}

	private static PlanDefinition rulesWithDue(String goalId, Duration due, String version) {
		PlanDefinition rules = PackageDefinitions.INSTANCE.get(PlanDefinition.class, FhirTerms.RULES).copy();
		rules.setVersion(rules.getVersion() + version);
		rules.getGoal().stream().filter(g -> g.getId().equals(goalId)).findFirst().orElseThrow().getTargetFirstRep().setDue(due);
		return rules;
	}

	private static Duration due(int value, String unit, String code) {
		Duration due = new Duration();
		due.setValue(BigDecimal.valueOf(value)).setUnit(unit).setSystem("http://unitsofmeasure.org").setCode(code);
		return due;
	}

	private static Goal goal(CarePlan plan, String id) {
		return plan.getContained().stream().filter(Goal.class::isInstance).map(Goal.class::cast)
				.filter(g -> g.getIdElement().getIdPart().equals(id)).findFirst().orElseThrow();
	}
}
