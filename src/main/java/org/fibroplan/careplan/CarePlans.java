package org.fibroplan.careplan;

import java.util.List;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.PlanDefinition;

/**
 * The care-plan module's front door. Other modules (the web pages, and the module's own FHIR operations
 * and hooks) ask it, in Java, for what the rules see and propose; they never read its variables by name.
 * Approval stays a FHIR write ({@code PUT CarePlan} with status active and If-Match) so that it is
 * authorised, versioned and audited like every other change; {@link CarePlanActivated} announces it.
 */
public interface CarePlans {

	/** The patient's situation as the rules see it now: the numbers a clinician judges the plan by. */
	PatientAssessment assess(String patientId);

	/** The CarePlan these rules would draft for the patient now, goals and referrals contained; nothing is stored. */
	CarePlan apply(PlanDefinition rules, String patientId);

	/**
	 * Revises the patient's one draft (creating it the first time) in the caller's transaction, after the
	 * answers or scores named by {@code triggers} (references such as Observation/123) were stored.
	 */
	void revise(String patientId, List<String> triggers);

	/**
	 * Whether an activity is a task for the clinician (assess mood further) rather than something the patient
	 * does: by its own code, or by the code of the catalogue definition it instantiates. What the patient
	 * reads — the narrative, their page, their app's FHIR reads — never holds one.
	 */
	boolean isForClinicianOnly(CodeableConcept code, String definitionUrl);
}
