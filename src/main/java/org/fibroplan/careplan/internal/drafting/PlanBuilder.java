package org.fibroplan.careplan.internal.drafting;

import java.time.Instant;
import java.util.Optional;
import org.fibroplan.careplan.internal.assessment.Assessment;
import org.fibroplan.careplan.internal.assessment.AssessmentBuilder;
import org.fibroplan.careplan.internal.assessment.PatientRecord;
import org.fibroplan.careplan.internal.rules.AssessmentExpressions;
import org.fibroplan.careplan.internal.rules.CarePlanKnowledge;
import org.hl7.fhir.r4.model.CarePlan;

/**
 * The in-process plan build: assessment, rules, CarePlan (with its goals and referrals contained) and
 * narrative, from a patient's record. Storage-free, so $apply, the revision and the benchmark share it.
 */
public final class PlanBuilder {

	/** A built plan and the assessment it came from. */
	public record Built(Assessment assessment, CarePlan plan) {}

	private final PlanDrafter drafter;

	public PlanBuilder(AssessmentExpressions expressions) {
		this.drafter = new PlanDrafter(expressions);
	}

	public Built build(CarePlanKnowledge.Knowledge knowledge, PatientRecord record, Instant now) {
		Built proposed = propose(knowledge, record, now);
		finish(proposed, knowledge, PlanNarrative.contained(proposed.plan(), reference -> Optional.empty()));
		return proposed;
	}

	/** What the rules propose now, before clinicians' decisions are carried over: no red-flag hold, no narrative yet. */
	public Built propose(CarePlanKnowledge.Knowledge knowledge, PatientRecord record, Instant now) {
		Assessment assessment = new AssessmentBuilder(knowledge.vocabulary()).build(record, now);
		Instant start = record.active().filter(p -> p.getPeriod().hasStart()).map(p -> p.getPeriod().getStart().toInstant()).orElse(now);
		CarePlan plan = drafter.draft(knowledge.rules(), assessment, new PlanDrafter.PlanContext(record.patient(), record.planIdentifier(), start));
		return new Built(assessment, plan);
	}

	/** The last steps, once the plan's activities are final: a red flag's hold, then the narrative. */
	public static void finish(Built built, CarePlanKnowledge.Knowledge knowledge, PlanNarrative.Resolver resolver) {
		if (built.assessment().hasRedFlag()) {
			RedFlags.hold(built.plan(), knowledge, resolver);
		}
		PlanNarrative.write(built.plan(), knowledge, resolver);
	}
}
