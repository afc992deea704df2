package org.fibroplan.security.internal;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a patient's token can ever reach, whatever its scopes: their own compartment (without audit
 * records and tasks), their approved care plans, goals and referrals, the published definitions apps
 * need, and writes of their own QuestionnaireResponses and Observations only.
 */
class PatientReach {

	static final Set<String> WRITABLE = Set.of("QuestionnaireResponse", "Observation");
	static final List<String> PUBLISHED_DEFINITIONS =
			List.of("Questionnaire", "ValueSet", "CodeSystem", "StructureDefinition", "SearchParameter");
	static final Set<String> NEVER = Set.of("AuditEvent", "Task");
	/**
	 * Types a patient reads only in some states: what a clinician has not approved yet (a draft plan, its
	 * proposed goals and draft referrals) is for clinicians. The filter is a search a resource must match.
	 */
	static final Map<String, String> APPROVED_ONLY = Map.of(
			"CarePlan", "status=active,completed",
			"Goal", "lifecycle-status=planned,accepted,active,on-hold,completed,cancelled,rejected",
			"ServiceRequest", "status=active,on-hold,completed,revoked");

	/** Types in the Patient compartment a patient may read in any state (the APPROVED_ONLY ones have their own rules). */
	final List<String> compartmentTypes;

	PatientReach(FhirContext fhirContext) {
		this.compartmentTypes = fhirContext.getResourceTypes().stream()
				.filter(type -> "Patient".equals(type) || !fhirContext.getResourceDefinition(type)
						.getSearchParamsForCompartmentName("Patient").isEmpty())
				.filter(type -> !NEVER.contains(type) && !APPROVED_ONLY.containsKey(type))
				.sorted()
				.toList();
	}

	/** Types whose resources belong to a patient: a patient sees only those in their own compartment. */
	boolean isCompartmentType(String type) {
		return APPROVED_ONLY.containsKey(type) || compartmentTypes.contains(type) || NEVER.contains(type);
	}

	boolean canRead(String type) {
		return APPROVED_ONLY.containsKey(type) || compartmentTypes.contains(type) || PUBLISHED_DEFINITIONS.contains(type);
	}
}
