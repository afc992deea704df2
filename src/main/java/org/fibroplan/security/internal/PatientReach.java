package org.fibroplan.security.internal;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Set;

/**
 * What a patient's token can ever reach, whatever its scopes: their own compartment (without audit
 * records and tasks), their CarePlans (filtered by status elsewhere), the published definitions apps
 * need, and writes of their own QuestionnaireResponses and Observations only.
 */
class PatientReach {

	static final Set<String> WRITABLE = Set.of("QuestionnaireResponse", "Observation");
	static final List<String> PUBLISHED_DEFINITIONS =
			List.of("Questionnaire", "ValueSet", "CodeSystem", "StructureDefinition", "SearchParameter");
	static final Set<String> NEVER = Set.of("AuditEvent", "Task");

	/** Types in the Patient compartment a patient may read, CarePlan excluded (it has its own, filtered rule). */
	final List<String> compartmentTypes;

	PatientReach(FhirContext fhirContext) {
		this.compartmentTypes = fhirContext.getResourceTypes().stream()
				.filter(type -> "Patient".equals(type) || !fhirContext.getResourceDefinition(type)
						.getSearchParamsForCompartmentName("Patient").isEmpty())
				.filter(type -> !NEVER.contains(type) && !"CarePlan".equals(type))
				.sorted()
				.toList();
	}

	boolean canRead(String type) {
		return "CarePlan".equals(type) || compartmentTypes.contains(type) || PUBLISHED_DEFINITIONS.contains(type);
	}
}
