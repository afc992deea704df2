package org.fibroplan.careplan.internal.assessment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;

/**
 * Which reading of a measure or site is the patient's baseline (design.md, "Baseline and goals"): the
 * Observations the active plan names in supportingInfo, fixed at the first approval and moved only by a
 * clinician's edit; a measure those do not name takes its latest value on or before the first approval
 * (the active plan's period start), else its first value after it. Before any approval the baseline is
 * what approval would fix now, the latest value, unless a clinician already chose one in the draft.
 */
public final class Baselines {

	private final Set<String> named;
	private final Instant fixedAt;

	private Baselines(Set<String> named, Instant fixedAt) {
		this.named = named;
		this.fixedAt = fixedAt;
	}

	static Baselines of(PatientRecord record) {
		Optional<CarePlan> active = record.active();
		if (active.isPresent()) {
			CarePlan plan = active.get();
			return new Baselines(named(plan), plan.getPeriod().hasStart() ? plan.getPeriod().getStart().toInstant() : null);
		}
		return new Baselines(record.draft().filter(Baselines::chosenByClinician).map(Baselines::named).orElse(Set.of()), null);
	}

	/** The baseline among a variable's readings (oldest first). */
	Optional<Reading> of(List<Reading> readings) {
		Optional<Reading> chosen = readings.stream().filter(r -> named.contains(r.ref())).reduce((a, b) -> b);
		if (chosen.isPresent() || readings.isEmpty()) {
			return chosen;
		}
		if (fixedAt == null) {
			return Optional.of(readings.get(readings.size() - 1));
		}
		return readings.stream().filter(r -> !r.at().isAfter(fixedAt)).reduce((a, b) -> b)
				.or(() -> readings.stream().filter(r -> r.at().isAfter(fixedAt)).findFirst());
	}

	/** The Observations a plan names as its baseline. */
	static Set<String> named(CarePlan plan) {
		return plan.getSupportingInfo().stream().map(Reference::getReference)
				.filter(r -> r != null && r.startsWith("Observation/")).map(r -> new IdType(r).toUnqualifiedVersionless().getValue()).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
	}

	/** Whether a clinician chose the plan's baseline (their edit is marked): a draft's baseline counts before approval only then. */
	public static boolean chosenByClinician(CarePlan plan) {
		return plan.getSupportingInfo().stream().anyMatch(r -> r.getExtensionByUrl(FhirTerms.CLINICIAN_EDIT) != null);
	}
}
