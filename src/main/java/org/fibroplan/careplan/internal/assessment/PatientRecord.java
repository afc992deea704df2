package org.fibroplan.careplan.internal.assessment;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;

/**
 * What the care-plan module knows about a patient at one moment: their latest Observations (and the latest of each
 * code the rules read, and the baselines the plans name), every red-flag Flag (active or closed by a clinician), and
 * the current FibroPlan care plans (draft and active).
 */
public record PatientRecord(String patient, List<Observation> observations, List<Flag> flags, List<CarePlan> plans) {

	public Optional<CarePlan> draft() {
		return plans.stream().filter(p -> p.getStatus() == CarePlan.CarePlanStatus.DRAFT).findFirst();
	}

	/** The patient's plans share one identifier across versions and approvals: the key EHRs file the plan under. */
	public String planIdentifier() {
		return plans.stream().map(PatientRecord::planIdentifierOf).flatMap(Optional::stream).map(Identifier::getValue).findFirst()
				.orElseGet(() -> UUID.nameUUIDFromBytes(("fibroplan-plan:" + patient).getBytes(StandardCharsets.UTF_8)).toString());
	}

	/** The plan's FibroPlan identifier, which marks it as one of FibroPlan's plans. */
	public static Optional<Identifier> planIdentifierOf(CarePlan plan) {
		return plan.getIdentifier().stream().filter(i -> FhirTerms.PLAN_IDENTIFIER.equals(i.getSystem())).findFirst();
	}

	public Optional<CarePlan> active() {
		return plans.stream().filter(p -> p.getStatus() == CarePlan.CarePlanStatus.ACTIVE).findFirst();
	}
}
