package org.fibroplan.web.internal;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fibroplan.fhir.FhirTerms;
import org.fibroplan.fhir.NarrativeAllowList;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Timing;
import org.springframework.stereotype.Component;

/**
 * What the patient page shows: the questionnaires due — those the active plan's follow-up activities
 * name, or every instrument when there is no plan yet — the active plan's own narrative, and its goals
 * with how far each is reached.
 */
@Component
class PatientHome {

	private final ClinicalNames names;

	PatientHome(ClinicalNames names) {
		this.names = names;
	}

	/** A questionnaire on the patient's list: when it was last answered and whether it is due. */
	record Due(String id, String title, String description, Date lastAnswered, String every, boolean due) {}

	/** One of the plan's goals: what, the target, and its progress in plain words (achieved ones set apart). */
	record GoalView(String description, String target, String achievement, boolean achieved) {}

	record View(List<Due> questionnaires, String planNarrative, Date planApproved, boolean fromPlan, List<GoalView> goals) {}

	View load(IGenericClient fhir, String patientId) {
		CarePlan plan = FhirPages.all(fhir, fhir.search().forResource(CarePlan.class)
						.where(CarePlan.SUBJECT.hasId("Patient/" + patientId)).and(CarePlan.STATUS.exactly().code("active"))
						.returnBundle(Bundle.class).execute())
				.stream().filter(CarePlan.class::isInstance).map(CarePlan.class::cast)
				.max(Comparator.comparing(p -> p.getMeta().getLastUpdated())).orElse(null);
		Map<String, Timing> named = new LinkedHashMap<>();
		if (plan != null) {
			plan.getActivity().stream().filter(a -> a.hasDetail()).forEach(a -> {
				for (CanonicalType canonical : a.getDetail().getInstantiatesCanonical()) {
					if (canonical.getValue() != null && canonical.getValue().contains("/Questionnaire/")) {
						named.put(canonical.getValue().split("\\|")[0], a.getDetail().hasScheduledTiming() ? a.getDetail().getScheduledTiming() : null);
					}
				}
			});
		}
		List<Questionnaire> questionnaires = FhirPages.all(fhir, fhir.search().forResource(Questionnaire.class)
						.where(Questionnaire.STATUS.exactly().code("active")).count(100).returnBundle(Bundle.class).execute())
				.stream().map(Questionnaire.class::cast)
				.filter(q -> q.getUrl() != null && q.getUrl().startsWith(FhirTerms.BASE))
				.filter(q -> named.isEmpty() || named.containsKey(q.getUrl()))
				.sorted(Comparator.comparing(q -> q.hasTitle() ? q.getTitle() : q.getName()))
				.toList();
		Map<String, Date> lastAnswered = lastAnswered(fhir, patientId);
		List<Due> due = new ArrayList<>();
		for (Questionnaire questionnaire : questionnaires) {
			Date last = lastAnswered.get(questionnaire.getUrl());
			Timing timing = named.get(questionnaire.getUrl());
			Duration period = period(timing);
			boolean isDue = last == null || (period != null && last.toInstant().plus(period).isBefore(java.time.Instant.now()));
			due.add(new Due(questionnaire.getIdElement().getIdPart(), questionnaire.hasTitle() ? questionnaire.getTitle() : questionnaire.getName(),
					questionnaire.getDescription(), last, timing == null ? null : ActivityView.dose(timing), isDue));
		}
		due.sort(Comparator.comparing((Due d) -> !d.due()).thenComparing(Due::title));
		// the template outputs it as HTML: never without the allow-list, whatever the server stored
		String narrative = plan != null && plan.hasText() ? NarrativeAllowList.sanitize(plan.getText().getDivAsString()) : null;
		return new View(due, narrative, plan == null ? null : plan.getMeta().getLastUpdated(), !named.isEmpty(), goals(fhir, plan));
	}

	private List<GoalView> goals(IGenericClient fhir, CarePlan plan) {
		if (plan == null) {
			return List.of();
		}
		return plan.getGoal().stream().map(org.hl7.fhir.r4.model.Reference::getReference).filter(r -> r != null && r.startsWith("Goal/"))
				.map(r -> fhir.read().resource(Goal.class).withUrl(r).execute())
				.map(goal -> new GoalView(ActivityView.text(goal.getDescription()),
						goal.getTarget().stream().map(t -> PatientViews.target(t, names)).filter(java.util.Objects::nonNull).findFirst().orElse(null),
						GoalAchievementWords.of(goal), GoalAchievementWords.achieved(goal)))
				.toList();
	}

	/** When the patient last answered each questionnaire (by canonical url), from one search of their responses. */
	private static Map<String, Date> lastAnswered(IGenericClient fhir, String patientId) {
		Map<String, Date> last = new java.util.HashMap<>();
		FhirPages.all(fhir, fhir.search().forResource(QuestionnaireResponse.class)
						.where(QuestionnaireResponse.SUBJECT.hasId("Patient/" + patientId))
						.sort().descending(QuestionnaireResponse.AUTHORED).elementsSubset("questionnaire", "authored", "subject").count(200)
						.returnBundle(Bundle.class).execute())
				.stream().map(QuestionnaireResponse.class::cast)
				.filter(r -> r.getQuestionnaire() != null && r.getAuthored() != null)
				.forEach(r -> last.putIfAbsent(r.getQuestionnaire().split("\\|")[0], r.getAuthored()));
		return last;
	}

	/** How often the plan asks for it (weekly, every 4 weeks), when its timing says. */
	private static Duration period(Timing timing) {
		if (timing == null || !timing.hasRepeat() || !timing.getRepeat().hasPeriod() || timing.getRepeat().getPeriodUnit() == null) {
			return null;
		}
		long amount = timing.getRepeat().getPeriod().longValue();
		return switch (timing.getRepeat().getPeriodUnit()) {
			case D -> Duration.ofDays(amount);
			case WK -> Duration.ofDays(7 * amount);
			case MO -> Duration.ofDays(30 * amount);
			case H -> Duration.ofHours(amount);
			default -> null;
		};
	}
}
