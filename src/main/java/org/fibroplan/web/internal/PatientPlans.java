package org.fibroplan.web.internal;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fibroplan.fhir.FhirTerms;
import org.fibroplan.fhir.NarrativeAllowList;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.springframework.stereotype.Component;

/**
 * Reads a patient's active plan as they read it ({@link PatientPlan}), with their own token: one search for
 * the plan with its goals and referrals included.
 */
@Component
class PatientPlans {

	/** The plan section of the questionnaires a plan asks for (CodeSystem plan-section). */
	static final String CHECK_INS = "check-ins";

	private final ClinicalNames names;
	private final ClinicianOnlyActivities clinicianOnly;
	private final PlanSections sections;

	PatientPlans(ClinicalNames names, ClinicianOnlyActivities clinicianOnly, PlanSections sections) {
		this.names = names;
		this.clinicianOnly = clinicianOnly;
		this.sections = sections;
	}

	/** The patient's active plan, or null before a clinician has approved one. */
	PatientPlan active(IGenericClient fhir, String patientId) {
		List<Resource> found = FhirPages.all(fhir, fhir.search().forResource(CarePlan.class)
				.where(CarePlan.SUBJECT.hasId("Patient/" + patientId)).and(CarePlan.STATUS.exactly().code("active"))
				.include(CarePlan.INCLUDE_GOAL).include(new Include("CarePlan:activity-reference"))
				.returnBundle(Bundle.class).execute());
		CarePlan plan = found.stream().filter(CarePlan.class::isInstance).map(CarePlan.class::cast)
				.max(Comparator.comparing(p -> p.getMeta().getLastUpdated())).orElse(null);
		if (plan == null) {
			return null;
		}
		Included included = Included.of(found);
		return asRead(fhir, plan, included.referrals(), included.goals(), plan.getMeta().getLastUpdated(), plan.getAuthor().hasDisplay() ? plan.getAuthor().getDisplay() : null);
	}

	/** The referrals and goals a plan search included, by reference (ServiceRequest/1, Goal/2). */
	record Included(Map<String, ServiceRequest> referrals, Map<String, Goal> goals) {

		static Included of(List<Resource> found) {
			Map<String, ServiceRequest> referrals = new HashMap<>();
			Map<String, Goal> goals = new HashMap<>();
			for (Resource resource : found) {
				if (resource instanceof ServiceRequest referral) {
					referrals.put("ServiceRequest/" + referral.getIdElement().getIdPart(), referral);
				} else if (resource instanceof Goal goal) {
					goals.put("Goal/" + goal.getIdElement().getIdPart(), goal);
				}
			}
			return new Included(referrals, goals);
		}
	}

	/**
	 * A plan as its patient reads it, from the plan and its stored referrals and goals (those not given are
	 * read); the approval preview shows a draft this way, as it will read once approved.
	 */
	PatientPlan asRead(IGenericClient fhir, CarePlan plan, Map<String, ServiceRequest> referrals, Map<String, Goal> goals,
			java.util.Date approved, String approvedBy) {
		// a patient reads only the plan: the answers behind its reasons are not named on their page
		PlanReading reading = new PlanReading(names, clinicianOnly, reference -> null, referrals);
		List<ActivityView> activities = PlanComparison.of(plan, reading).stream().filter(a -> !a.clinicianOnly()).toList();
		PatientPlan.Step urgent = activities.stream().filter(a -> FhirTerms.URGENT_REVIEW.equals(a.key())).findFirst()
				.map(a -> step(a, null)).orElse(null);
		List<PatientPlan.Section> grouped = new ArrayList<>();
		for (PlanSections.Section section : sections.of(activities.stream().filter(a -> !FhirTerms.URGENT_REVIEW.equals(a.key())).toList(), "plan-")) {
			grouped.add(new PatientPlan.Section(section.id(), section.code(), section.name(),
					section.activities().stream().map(a -> step(a, section.code())).toList()));
		}
		List<Goal> planGoals = plan.getGoal().stream().map(Reference::getReference).filter(Objects::nonNull)
				.map(reference -> goals.computeIfAbsent(reference, r -> r.startsWith("Goal/") ? fhir.read().resource(Goal.class).withUrl(r).execute() : null))
				.filter(Objects::nonNull).toList();
		return new PatientPlan(plan, planGoals, approved, approvedBy,
				urgent, grouped, planGoals.stream().map(this::goal).toList(), clinicianWords(plan));
	}

	/**
	 * The instruction the patient reads is the activity's description, which states the dose in words; the
	 * structured dose stands in only when there is no description (beside it, the two could disagree).
	 */
	private static PatientPlan.Step step(ActivityView activity, String section) {
		String instruction = activity.description() != null && !activity.description().isBlank() ? activity.description() : activity.dose();
		return new PatientPlan.Step(activity.key(), "plan-" + activity.anchor(), section, activity.title(), instruction,
				activity.rationale(), activity.gradeName(), activity.gradeText());
	}

	private PatientPlan.GoalView goal(Goal goal) {
		return new PatientPlan.GoalView(ActivityView.text(goal.getDescription()),
				goal.getTarget().stream().map(t -> PatientViews.target(t, names)).filter(Objects::nonNull).findFirst().orElse(null),
				GoalAchievementWords.of(goal), GoalAchievementWords.achieved(goal));
	}

	/**
	 * A narrative a clinician wrote (status other than generated) says something the structured plan may not:
	 * it is shown as theirs, through the allow-list, whatever the server stored. The generated one restates the
	 * activities the page already draws.
	 */
	private static String clinicianWords(CarePlan plan) {
		if (!plan.hasText() || plan.getText().getStatus() == Narrative.NarrativeStatus.GENERATED || !plan.getText().hasDiv()) {
			return null;
		}
		String html = NarrativeAllowList.sanitize(plan.getText().getDivAsString());
		return html == null || html.isBlank() ? null : html;
	}
}
