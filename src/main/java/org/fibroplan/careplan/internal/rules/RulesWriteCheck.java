package org.fibroplan.careplan.internal.rules;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.fibroplan.fhir.FhirTerms;
import org.fibroplan.fhir.Outcomes;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.springframework.stereotype.Component;

/**
 * Every answer revises a draft with FibroPlan's rules: a new version of those rules, or of a project
 * ActivityDefinition, CodeSystem, ConceptMap or ValueSet they are compiled with, that would not compile
 * (a condition that is not FHIRPath, an action without its rationale, a variable map naming no variable)
 * is refused with 422 saying why, instead of being stored and failing every answer after it.
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
		if (!readByTheRules(resource)) {
			return;
		}
		MetadataResource definition = (MetadataResource) resource;
		try {
			knowledge.check(definition);
		} catch (BaseServerResponseException e) {
			throw e;
		} catch (RuntimeException e) {
			String message = (definition instanceof PlanDefinition ? "PlanDefinition " + FhirTerms.RULES + " drafts every patient's plan"
					: definition.fhirType() + " " + definition.getUrl() + " is read by the rules that draft every patient's plan")
					+ "; this version cannot be used: " + e.getMessage();
			throw new UnprocessableEntityException(message, Outcomes.error(OperationOutcome.IssueType.BUSINESSRULE, message, definition.fhirType()));
		}
	}

	/** FibroPlan's own rules, and the project's activities and terminology they are compiled with. */
	private static boolean readByTheRules(IBaseResource resource) {
		if (resource instanceof PlanDefinition rules) {
			return FhirTerms.RULES.equals(rules.getUrl());
		}
		return (resource instanceof ActivityDefinition || resource instanceof CodeSystem || resource instanceof ConceptMap || resource instanceof ValueSet)
				&& ((MetadataResource) resource).hasUrl() && ((MetadataResource) resource).getUrl().startsWith(FhirTerms.BASE + "/");
	}
}
