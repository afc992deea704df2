package org.fibroplan.web.internal;

import java.util.Objects;
import org.fibroplan.fhir.Definitions;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.ValueSet;
import org.springframework.stereotype.Component;

/**
 * Which activities are tasks for the clinician rather than the patient (ValueSet clinician-only-activities
 * in fhir-profiles/): the workspace marks them, the patient's page never shows them.
 */
@Component
class ClinicianOnlyActivities {

	private final Definitions definitions;

	ClinicianOnlyActivities(Definitions definitions) {
		this.definitions = definitions;
	}

	/** By the activity's own code, or by the code of the catalogue definition it instantiates. */
	boolean contains(CodeableConcept code, String definitionUrl) {
		ValueSet set = definitions.find(ValueSet.class, FhirTerms.CLINICIAN_ONLY_ACTIVITIES).orElse(null);
		if (set == null) {
			return false;
		}
		if (inSet(set, code)) {
			return true;
		}
		return definitionUrl != null && definitionUrl.startsWith(FhirTerms.BASE)
				&& definitions.find(ActivityDefinition.class, definitionUrl).map(d -> inSet(set, d.getCode())).orElse(false);
	}

	private static boolean inSet(ValueSet set, CodeableConcept code) {
		return code != null && code.getCoding().stream().anyMatch(coding -> set.getCompose().getInclude().stream()
				.anyMatch(include -> Objects.equals(include.getSystem(), coding.getSystem())
						&& include.getConcept().stream().anyMatch(c -> Objects.equals(c.getCode(), coding.getCode()))));
	}
}
