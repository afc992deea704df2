package org.fibroplan.careplan.internal.queue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.fibroplan.careplan.internal.drafting.PlanDrafter;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Timing;

/**
 * Why a patient needs a clinician now: every current reason with the moment its evidence appeared. A reason
 * a clinician has acted on (completed a review Task that held it) stays quiet until new evidence comes (a new
 * answer showing it again); an active red flag never does, until a clinician acknowledges the Flag itself.
 * Pure: reads only the situation.
 */
final class ReviewNeeds {

	private ReviewNeeds() {}

	/** The current reasons, most pressing first, each with when it arose. */
	static Map<String, Instant> of(ReviewSituation situation, ReviewReasons reasons) {
		Map<String, Optional<Instant>> candidates = new LinkedHashMap<>();
		if (situation.assessment().hasRedFlag()) {
			candidates.put(ReviewReasons.RED_FLAG, Optional.of(situation.now()));
		}
		candidates.put(ReviewReasons.DETERIORATION, deterioration(situation));
		candidates.put(ReviewReasons.FLARE, flare(situation));
		candidates.put(ReviewReasons.DRAFT_AWAITING_REVIEW, draftAwaitingReview(situation));
		candidates.put(ReviewReasons.FOLLOW_UP_DUE, followUpDue(situation, reasons.followUpWeeks()));
		candidates.put(ReviewReasons.ANSWERS_OVERDUE, answersOverdue(situation, reasons.latePeriods()));
		Map<String, Instant> needs = new LinkedHashMap<>();
		candidates.forEach((reason, since) -> since
				.filter(at -> ReviewReasons.RED_FLAG.equals(reason)
						|| Optional.ofNullable(situation.acknowledged().get(reason)).map(at::isAfter).orElse(true))
				.ifPresent(at -> needs.put(reason, at)));
		return needs;
	}

	private static Optional<Instant> deterioration(ReviewSituation situation) {
		List<String> worse = List.of("pegImprovement", "worstPainImprovement").stream()
				.filter(variable -> situation.assessment().value(variable).stream()
						.anyMatch(v -> ReviewReasons.DETERIORATION.equals(v.primitiveValue())))
				.toList();
		return newest(situation, worse);
	}

	private static Optional<Instant> flare(ReviewSituation situation) {
		boolean flare = situation.assessment().value("flare").stream().anyMatch(v -> "true".equals(v.primitiveValue()));
		return flare ? newest(situation, List.of("flare")) : Optional.empty();
	}

	/** When the newest Observation behind these variables was true. */
	private static Optional<Instant> newest(ReviewSituation situation, List<String> variables) {
		if (variables.isEmpty()) {
			return Optional.empty();
		}
		return situation.assessment().sources(variables).stream().map(situation.observed()::get).filter(Objects::nonNull)
				.max(Instant::compareTo).or(() -> Optional.of(situation.now()));
	}

	/** A draft proposing what the active plan does not hold (any draft when nothing is approved yet). */
	private static Optional<Instant> draftAwaitingReview(ReviewSituation situation) {
		return situation.draft().filter(draft -> situation.active().map(active -> !sameActivities(draft, active)).orElse(true))
				.map(draft -> draft.getMeta().hasLastUpdated() ? draft.getMeta().getLastUpdated().toInstant() : situation.now());
	}

	private static boolean sameActivities(CarePlan a, CarePlan b) {
		return Set.copyOf(PlanDrafter.activityDefinitions(a).stream().filter(Objects::nonNull).toList())
				.equals(Set.copyOf(PlanDrafter.activityDefinitions(b).stream().filter(Objects::nonNull).toList()));
	}

	private static Optional<Instant> followUpDue(ReviewSituation situation, int weeks) {
		return start(situation).map(start -> start.plus(Duration.ofDays(7L * weeks))).filter(due -> !due.isAfter(situation.now()));
	}

	/** The earliest moment a questionnaire the active plan asks for became overdue, if one has. */
	private static Optional<Instant> answersOverdue(ReviewSituation situation, int latePeriods) {
		Optional<Instant> start = start(situation);
		if (start.isEmpty()) {
			return Optional.empty();
		}
		Optional<Instant> earliest = Optional.empty();
		for (CarePlanActivityComponent activity : situation.active().get().getActivity()) {
			Optional<Duration> period = period(activity);
			if (period.isEmpty()) {
				continue;
			}
			for (String questionnaire : questionnaires(activity)) {
				Instant last = lastAnswer(situation.recentAnswers(), questionnaire).filter(at -> at.isAfter(start.get())).orElse(start.get());
				Instant overdue = last.plus(period.get().multipliedBy(latePeriods));
				if (!overdue.isAfter(situation.now()) && earliest.map(overdue::isBefore).orElse(true)) {
					earliest = Optional.of(overdue);
				}
			}
		}
		return earliest;
	}

	private static Optional<Instant> start(ReviewSituation situation) {
		return situation.active().filter(plan -> plan.getPeriod().hasStart()).map(plan -> plan.getPeriod().getStart().toInstant());
	}

	private static List<String> questionnaires(CarePlanActivityComponent activity) {
		return activity.hasDetail() ? activity.getDetail().getInstantiatesCanonical().stream().map(c -> c.getValue())
				.filter(c -> c != null && c.contains("/Questionnaire/")).collect(Collectors.toList()) : List.of();
	}

	private static Optional<Instant> lastAnswer(List<QuestionnaireResponse> answers, String questionnaire) {
		String url = questionnaire.contains("|") ? questionnaire.substring(0, questionnaire.indexOf('|')) : questionnaire;
		return answers.stream().filter(r -> r.hasAuthored() && r.getQuestionnaire() != null
						&& (r.getQuestionnaire().equals(url) || r.getQuestionnaire().startsWith(url + "|")))
				.map(r -> r.getAuthored().toInstant()).max(Instant::compareTo);
	}

	/** How often the activity asks for an answer (its timing's period), if it repeats. */
	private static Optional<Duration> period(CarePlanActivityComponent activity) {
		if (!activity.hasDetail() || !activity.getDetail().hasScheduledTiming()) {
			return Optional.empty();
		}
		Timing.TimingRepeatComponent repeat = activity.getDetail().getScheduledTiming().getRepeat();
		if (!repeat.hasPeriod() || !repeat.hasPeriodUnit()) {
			return Optional.empty();
		}
		long days = switch (repeat.getPeriodUnit()) {
			case D -> 1;
			case WK -> 7;
			case MO -> 30;
			case A -> 365;
			default -> 0;
		};
		return days == 0 ? Optional.empty()
				: Optional.of(Duration.ofDays(repeat.getPeriod().multiply(BigDecimal.valueOf(days)).longValue()));
	}
}
