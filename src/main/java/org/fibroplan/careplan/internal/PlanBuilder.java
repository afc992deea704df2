package org.fibroplan.careplan.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Identifier;

/**
 * The in-process plan build: assessment, rules, CarePlan (with its goals and referrals contained) and
 * narrative, from a patient's record. Storage-free, so $apply, the revision and the benchmark share it.
 */
final class PlanBuilder {

	/** A built plan and the assessment it came from. */
	record Built(Assessment assessment, CarePlan plan) {}

	private final PlanDrafter drafter;

	PlanBuilder(AssessmentExpressions expressions) {
		this.drafter = new PlanDrafter(expressions);
	}

	Built build(CarePlanKnowledge.Knowledge knowledge, PatientRecord record, Instant now) {
		Assessment assessment = new AssessmentBuilder(knowledge.vocabulary()).build(record, now);
		Instant start = record.active().filter(p -> p.getPeriod().hasStart()).map(p -> p.getPeriod().getStart().toInstant()).orElse(now);
		CarePlan plan = drafter.draft(knowledge.rules(), assessment, new PlanDrafter.PlanContext(record.patient(), planIdentifier(record), start));
		if (assessment.hasRedFlag()) {
			ClinicianEdits.holdForRedFlag(plan, knowledge.vocabulary(), knowledge.rules(), PlanNarrative.contained(plan, reference -> java.util.Optional.empty()));
		}
		PlanNarrative.write(plan, PlanNarrative.contained(plan, reference -> java.util.Optional.empty()));
		return new Built(assessment, plan);
	}

	/** The patient's plans share one identifier across versions and approvals: the key EHRs file the plan under. */
	static String planIdentifier(PatientRecord record) {
		return record.plans().stream().flatMap(p -> p.getIdentifier().stream())
				.filter(i -> CarePlanTerms.PLAN_IDENTIFIER.equals(i.getSystem())).map(Identifier::getValue).findFirst()
				.orElseGet(() -> UUID.nameUUIDFromBytes(("fibroplan-plan:" + record.patient()).getBytes(StandardCharsets.UTF_8)).toString());
	}
}
