package org.fibroplan.careplan.internal.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Expression;
import org.hl7.fhir.r4.model.PlanDefinition.ActionConditionKind;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionGoalComponent;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.StringType;

/**
 * A PlanDefinition compiled for evaluation: its actions as {@link Rule}s in order, its goals, and the
 * catalogue of the ActivityDefinitions its actions name (chiropractic has a rule that never holds, so a
 * clinician who adds it sees its grade). Compiling fails with a message naming the action when anything is missing.
 */
public final class RuleSet {

	private final PlanDefinition planDefinition;
	private final List<Rule> rules = new ArrayList<>();
	private final Map<String, PlanDefinitionGoalComponent> goals = new LinkedHashMap<>();
	private final Map<String, ActivityDefinition> catalogue = new LinkedHashMap<>();

	/** Compiles the rules; their conditions and rationales may name only the variables given (CodeSystem assessment-variable). */
	public RuleSet(PlanDefinition planDefinition, Function<String, ActivityDefinition> activities, AssessmentExpressions expressions, Set<String> variables) {
		this.planDefinition = planDefinition;
		planDefinition.getGoal().forEach(goal -> goals.put(goal.getId(), check(goal)));
		for (PlanDefinitionActionComponent action : planDefinition.getAction()) {
			rules.add(compile(action, activities, expressions, variables));
		}
	}

	private PlanDefinitionGoalComponent check(PlanDefinitionGoalComponent goal) {
		try {
			goal.getTarget().stream().filter(t -> t.hasDue()).forEach(t -> GoalDue.check(t.getDue()));
			return goal;
		} catch (RuntimeException e) {
			throw new InvalidRulesException("PlanDefinition " + planDefinition.getUrl() + " goal " + goal.getId() + ": " + e.getMessage(), e);
		}
	}

	private Rule compile(PlanDefinitionActionComponent action, Function<String, ActivityDefinition> activities, AssessmentExpressions expressions,
			Set<String> variables) {
		String id = action.getId();
		try {
			Expression condition = action.getCondition().stream()
					.filter(c -> c.getKind() == ActionConditionKind.APPLICABILITY)
					.map(c -> c.getExpression()).findFirst()
					.orElseThrow(() -> new IllegalArgumentException("has no applicability condition"));
			if (!"text/fhirpath".equals(condition.getLanguage())) {
				throw new IllegalArgumentException("condition language must be text/fhirpath, not " + condition.getLanguage());
			}
			String canonical = action.getDefinitionCanonicalType() == null ? null : action.getDefinitionCanonicalType().getValue();
			if (canonical == null) {
				throw new IllegalArgumentException("names no ActivityDefinition (definitionCanonical)");
			}
			ActivityDefinition activity = activities.apply(canonical);
			catalogue.putIfAbsent(activity.getUrl(), activity);
			var rationale = action.getExtensionByUrl(FhirTerms.RATIONALE);
			if (rationale == null) {
				throw new IllegalArgumentException("has no rationale (extension activity-rationale)");
			}
			CodeableConcept grade = grade(action.getExtensionByUrl(FhirTerms.EVIDENCE_GRADE))
					.or(() -> grade(activity.getExtensionByUrl(FhirTerms.EVIDENCE_GRADE)))
					.orElseThrow(() -> new IllegalArgumentException("has no evidence grade, on the action or its ActivityDefinition"));
			EvidenceGrading.check(activity, grade);
			List<String> goalIds = action.getGoalId().stream().map(g -> g.getValue()).toList();
			for (String goalId : goalIds) {
				if (!goals.containsKey(goalId)) {
					throw new IllegalArgumentException("names goal " + goalId + ", which the PlanDefinition does not define");
				}
			}
			return new Rule(id, condition.getDescription(), expressions.compile(condition.getExpression(), variables), activity,
					new RationaleTemplate(((StringType) rationale.getValue()).getValue(), expressions, variables), grade, goalIds, action.getReason(), action);
		} catch (RuntimeException e) {
			throw new InvalidRulesException("PlanDefinition " + planDefinition.getUrl() + " action " + id + ": " + e.getMessage(), e);
		}
	}

	private static Optional<CodeableConcept> grade(org.hl7.fhir.r4.model.Extension extension) {
		return extension != null && extension.getValue() instanceof CodeableConcept concept ? Optional.of(concept) : Optional.empty();
	}

	public PlanDefinition planDefinition() {
		return planDefinition;
	}

	public List<Rule> rules() {
		return rules;
	}

	public Optional<PlanDefinitionGoalComponent> goal(String id) {
		return Optional.ofNullable(goals.get(id));
	}

	public List<PlanDefinitionGoalComponent> goals() {
		return List.copyOf(goals.values());
	}

	public Optional<ActivityDefinition> activity(String canonical) {
		if (canonical == null) {
			return Optional.empty();
		}
		int bar = canonical.indexOf('|');
		return Optional.ofNullable(catalogue.get(bar < 0 ? canonical : canonical.substring(0, bar)));
	}

	/** The catalogue activity with this code (system and code), if any. */
	public Optional<ActivityDefinition> activityCoded(CodeableConcept code) {
		if (code == null) {
			return Optional.empty();
		}
		return catalogue.values().stream()
				.filter(a -> a.getCode().getCoding().stream().anyMatch(c -> code.getCoding().stream().anyMatch(x -> sameCode(c, x))))
				.findFirst();
	}

	public Map<String, ActivityDefinition> catalogue() {
		return catalogue;
	}

	private static boolean sameCode(Coding a, Coding b) {
		return a.getCode() != null && a.getCode().equals(b.getCode()) && a.getSystem() != null && a.getSystem().equals(b.getSystem());
	}

	public static class InvalidRulesException extends IllegalArgumentException {
		public InvalidRulesException(String message, Throwable cause) {
			super(message, cause);
		}
	}
}
