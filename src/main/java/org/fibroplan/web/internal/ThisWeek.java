package org.fibroplan.web.internal;

import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Observation;

/**
 * The top of the patient's page: at most three things for this week, so a tired person need read
 * no further. In this order: what to do now when a red flag has put the plan on hold (safety first); the
 * check-ins that are due (the one thing the page asks of them, and what their clinician reads next); the
 * plan's first activity, as the step to take this week rather than the whole list; and how their main
 * goal is going (whether it is working keeps one going). Without a plan, that one is coming.
 */
final class ThisWeek {

	static final int MOST = 3;

	/**
	 * One thing: {@code kind} now | check-in | activity | goal | no-plan; {@code link} and {@code action}
	 * the one thing to click, when there is one.
	 */
	record Item(String kind, String heading, String text, String link, String action) {}

	private ThisWeek() {}

	static List<Item> of(PatientPlan plan, List<PatientHome.Due> questionnaires, List<Observation> observations, ClinicalNames names,
			ClinicContact clinic) {
		List<Item> items = new ArrayList<>();
		if (plan != null && plan.onHold()) {
			items.add(clinic.phone() == null
					? new Item("now", "Contact your clinic today", plan.urgent().instruction(), "#what-to-do-now", "What to do now")
					: new Item("now", "Contact your clinic today", plan.urgent().instruction(), clinic.phoneLink(),
							"Call " + clinic.nameOrDefault() + " on " + clinic.phone()));
		}
		List<PatientHome.Due> due = questionnaires.stream().filter(PatientHome.Due::due).toList();
		if (!due.isEmpty()) {
			PatientHome.Due first = due.get(0);
			items.add(new Item("check-in", due.size() == 1 ? "A check-in is due" : due.size() + " check-ins are due",
					due.size() == 1 ? first.title() + "." : String.join("; ", due.stream().map(PatientHome.Due::title).toList()) + ".",
					"/app/patient/questionnaires/" + first.id(), "Answer " + first.title()));
		}
		if (plan == null) {
			items.add(new Item("no-plan", "Your care plan is on its way",
					"Your clinician has not approved a care plan yet. Your answers help them draft one.", null, null));
		} else if (!plan.onHold() && plan.firstStep() != null) {
			PatientPlan.Step step = plan.firstStep();
			items.add(new Item("activity", "Your first step: " + step.title(), step.instruction(), "#" + step.anchor(), "Read it in your plan"));
		}
		if (plan != null) {
			goalItem(plan, observations, names).ifPresent(items::add);
		}
		return items.size() > MOST ? List.copyOf(items.subList(0, MOST)) : List.copyOf(items);
	}

	/** The goal that says most about how the plan works: the PEG's (pain in daily life), else the first with a score. */
	private static java.util.Optional<Item> goalItem(PatientPlan plan, List<Observation> observations, ClinicalNames names) {
		List<Goal> goals = new ArrayList<>(plan.goalResources());
		goals.sort(java.util.Comparator.comparing((Goal g) -> !measures(g, FhirTerms.PEG)));
		for (Goal goal : goals) {
			PatientTrend.Progress progress = PatientTrend.progress(observations, goal, names);
			if (progress == null) {
				continue;
			}
			String achievement = GoalAchievementWords.of(goal);
			String text = "Latest: " + PatientTrend.plain(progress.latest()) + " on " + new SimpleDateFormat("d MMM", Locale.UK).format(progress.at())
					+ (progress.goal() == null ? "" : "; your goal is " + PatientTrend.goalWords(progress.goal(), progress.comparator()))
					+ (achievement == null ? "." : " (" + (GoalAchievementWords.achieved(goal) ? "achieved — well done" : achievement) + ").");
			// the chart draws PEG and worst pain; any other goal is in the plan's list of goals
			boolean charted = FhirTerms.PEG.equals(progress.measure()) || FhirTerms.PAIN_SCORE.equals(progress.measure());
			return java.util.Optional.of(new Item("goal", "Your goal: " + ActivityView.text(goal.getDescription()), text,
					charted ? "#trend" : "#my-goals", "See how you are doing"));
		}
		return java.util.Optional.empty();
	}

	private static boolean measures(Goal goal, String code) {
		return goal.getTarget().stream().anyMatch(t -> t.getMeasure().getCoding().stream().anyMatch(c -> code.equals(c.getCode())));
	}
}
