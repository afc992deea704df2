package org.fibroplan.web.internal;

import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Goal;

/**
 * A patient's active plan as they read it, on their page and on paper: what to do now when a red flag has
 * put it on hold, the activities in the plan's sections (move, stretch, sleep and mood, ...) each with its
 * one instruction and why, the evidence kept for whoever wants it, and the goals. Tasks for the clinician
 * are never in it. The plan and its goals as read stay at hand for what else the page draws from them.
 *
 * @param approvedBy the approving clinician's name as the plan records it; null when it does not
 * @param urgent the urgent review a red flag brought, first and alone; null without one
 * @param clinicianWords a narrative a clinician wrote in place of the generated one (allow-listed HTML); null otherwise
 */
record PatientPlan(CarePlan resource, List<Goal> goalResources, Date approved, String approvedBy, Step urgent,
		List<Section> sections, List<GoalView> goals, String clinicianWords) {

	/** One section of the plan, with its anchor on the page. */
	record Section(String id, String code, String name, List<Step> steps) {}

	/**
	 * One activity in the patient's words: its name, the one instruction (which states the dose), why it is
	 * in the plan, and how strong the evidence is ({@code grade} the grade's name, {@code evidence} the source's words).
	 */
	record Step(String key, String anchor, String section, String title, String instruction, String why, String grade, String evidence) {}

	/** One of the plan's goals: what, the target, and its progress in plain words (achieved ones set apart). */
	record GoalView(String description, String target, String achievement, boolean achieved) {}

	/** The first thing to do for oneself: the plan's first activity outside the check-ins (they are asked for on their own). */
	Step firstStep() {
		return sections.stream().filter(s -> !PatientPlans.CHECK_INS.equals(s.code())).flatMap(s -> s.steps().stream())
				.findFirst().orElse(null);
	}

	boolean onHold() {
		return urgent != null;
	}
}
