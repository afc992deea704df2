package org.fibroplan.careplan.internal.rules;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;

/**
 * One PlanDefinition action, compiled: when its condition holds for an assessment, it proposes its
 * activity with its rationale and evidence grade, serving its goals and addressing its reasons.
 */
public record Rule(
		String id,
		String conditionDescription,
		AssessmentExpressions.Compiled condition,
		ActivityDefinition activity,
		RationaleTemplate rationale,
		CodeableConcept evidenceGrade,
		List<String> goalIds,
		List<CodeableConcept> reasons,
		PlanDefinitionActionComponent action,
		Set<String> variables) {

	public Rule(String id, String conditionDescription, AssessmentExpressions.Compiled condition, ActivityDefinition activity,
			RationaleTemplate rationale, CodeableConcept evidenceGrade, List<String> goalIds, List<CodeableConcept> reasons,
			PlanDefinitionActionComponent action) {
		this(id, conditionDescription, condition, activity, rationale, evidenceGrade, goalIds, reasons, action, readBy(condition, rationale));
	}

	/** The assessment variables the rule reads: what its activity's reasons are drawn from. */
	private static Set<String> readBy(AssessmentExpressions.Compiled condition, RationaleTemplate rationale) {
		Set<String> all = new LinkedHashSet<>(condition.variables());
		all.addAll(rationale.variables());
		return Set.copyOf(all);
	}
}
