package org.fibroplan.careplan.internal.assessment;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Observation;

/**
 * What the care-plan module knows about a patient at one moment: every stored Observation, every red-flag
 * Flag (active or closed by a clinician), and the FibroPlan care plans (draft, active, earlier).
 */
public record PatientRecord(String patient, List<Observation> observations, List<Flag> flags, List<CarePlan> plans) {

	public Optional<CarePlan> draft() {
		return plans.stream().filter(p -> p.getStatus() == CarePlan.CarePlanStatus.DRAFT).findFirst();
	}

	public Optional<CarePlan> active() {
		return plans.stream().filter(p -> p.getStatus() == CarePlan.CarePlanStatus.ACTIVE).findFirst();
	}
}
