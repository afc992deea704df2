package org.fibroplan.careplan.internal.rules;

import org.springframework.stereotype.Component;
import org.fibroplan.careplan.internal.CarePlanTerms;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.PlanDefinition;

/**
 * Every answer revises a draft with FibroPlan's rules: a new version of those rules that does not compile
 * (a condition that is not FHIRPath, an action without its ActivityDefinition or rationale) is refused
 * with 422 naming the action, instead of being stored and failing every answer after it.
 */
@Interceptor
@Component
public class RulesWriteCheck {

	private final CarePlanKnowledge knowledge;

	public RulesWriteCheck(CarePlanKnowledge knowledge) {
		this.knowledge = knowledge;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		check(resource);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource) {
		check(resource);
	}

	private void check(IBaseResource resource) {
		if (!(resource instanceof PlanDefinition rules) || !CarePlanTerms.RULES.equals(rules.getUrl())) {
			return;
		}
		try {
			knowledge.check(rules);
		} catch (IllegalArgumentException | IllegalStateException e) {
			String message = "PlanDefinition " + CarePlanTerms.RULES + " drafts every patient's plan; this version cannot be used: "
					+ e.getMessage();
			OperationOutcome outcome = new OperationOutcome();
			outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
					.setCode(OperationOutcome.IssueType.BUSINESSRULE).setDiagnostics(message).addExpression("PlanDefinition");
			throw new UnprocessableEntityException(message, outcome);
		}
	}
}
