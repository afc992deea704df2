package org.fibroplan.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.text.SimpleDateFormat;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

/**
 * A patient's own trend, drawn on their page (static/js/patient-trend.js): their PEG (how much pain gets in
 * the way) and their worst pain over time, both 0 to 10, each with the goal their active plan sets for it.
 * Read from the Observations the page already holds (RecentObservations: a bounded read), said in words
 * too, and listed as numbers for whoever cannot see the chart.
 *
 * @param json the chart's data for the script
 * @param summary the chart in one sentence (its text alternative)
 * @param rows the numbers by day, oldest first
 */
record PatientTrend(String json, String summary, List<Row> rows) {

	private static final ObjectMapper JSON = new ObjectMapper();
	static final String PEG_LABEL = "How much pain gets in the way (PEG)";
	static final String PAIN_LABEL = "Worst pain";
	/** The chart's legend names each goal line for its measure, short: the sentence under the chart says the rest. */
	private static final Map<String, String> GOAL_LABELS = Map.of(PEG_LABEL, "Goal for PEG", PAIN_LABEL, "Goal for worst pain");
	/** The pain site of CodeSystem pain-site whose score the plan's pain goal measures: the worst pain anywhere. */
	private static final String WORST_PAIN_SITE = "overall";

	/** One day's numbers; either may be missing. */
	record Row(Date day, String peg, String pain) {}

	/** The latest value of a measure against its goal, for the "this week" summary. */
	record Progress(String measure, BigDecimal latest, Date at, BigDecimal goal, String comparator) {}

	/** The trend, or null when the patient has no PEG or worst-pain score yet. */
	static PatientTrend of(List<Observation> observations, List<Goal> goals, ClinicalNames names) {
		List<Observation> peg = observations.stream().filter(o -> hasCode(o, FhirTerms.PEG) && number(o) != null && o.hasEffectiveDateTimeType()).toList();
		List<Observation> pain = observations.stream().filter(o -> hasCode(o, FhirTerms.PAIN_SCORE) && number(o) != null && o.hasEffectiveDateTimeType())
				.filter(o -> names.siteCode(o.getBodySite()).filter(WORST_PAIN_SITE::equals).isPresent()).toList();
		if (peg.isEmpty() && pain.isEmpty()) {
			return null;
		}
		Quantity pegGoal = goal(goals, FhirTerms.PEG);
		Quantity painGoal = goal(goals, FhirTerms.PAIN_SCORE);
		List<Map<String, Object>> series = new ArrayList<>();
		series.add(series(PEG_LABEL, peg, pegGoal));
		series.add(series(PAIN_LABEL, pain, painGoal));
		try {
			return new PatientTrend(JSON.writeValueAsString(Map.of("series", series)),
					sentence(PEG_LABEL, peg, pegGoal) + " " + sentence(PAIN_LABEL, pain, painGoal), rows(peg, pain));
		} catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A measure's latest value against the goal the plan sets for it (null goal when none), or null without a value. */
	static Progress progress(List<Observation> observations, Goal goal, ClinicalNames names) {
		if (goal == null || !goal.hasTarget() || !goal.getTargetFirstRep().hasMeasure()) {
			return null;
		}
		String code = goal.getTargetFirstRep().getMeasure().getCodingFirstRep().getCode();
		Observation latest = observations.stream().filter(o -> hasCode(o, code) && number(o) != null && o.hasEffectiveDateTimeType())
				.filter(o -> !FhirTerms.PAIN_SCORE.equals(code) || names.siteCode(o.getBodySite()).filter(WORST_PAIN_SITE::equals).isPresent())
				.reduce((a, b) -> b).orElse(null);
		Quantity target = goal.getTargetFirstRep().hasDetailQuantity() ? goal.getTargetFirstRep().getDetailQuantity() : null;
		return latest == null ? null : new Progress(code, number(latest), latest.getEffectiveDateTimeType().getValue(),
				target == null ? null : target.getValue(), target == null || !target.hasComparator() ? null : target.getComparator().toCode());
	}

	private static Map<String, Object> series(String label, List<Observation> scores, Quantity goal) {
		Map<String, Object> series = new LinkedHashMap<>();
		series.put("label", label);
		series.put("points", scores.stream().map(o -> Map.of("x", o.getEffectiveDateTimeType().getValue().getTime(), "y", number(o))).toList());
		if (goal != null && goal.hasValue()) {
			series.put("goal", goal.getValue());
			series.put("goalLabel", GOAL_LABELS.get(label) + ": " + goalWords(goal.getValue(), goal.hasComparator() ? goal.getComparator().toCode() : null));
		}
		return series;
	}

	/** "How much pain gets in the way (PEG): 7 on 2 Sep, 5.3 now (28 Nov); goal 4.9 or less." */
	private static String sentence(String label, List<Observation> scores, Quantity goal) {
		if (scores.isEmpty()) {
			return label + ": no scores yet.";
		}
		Observation first = scores.get(0);
		Observation last = scores.get(scores.size() - 1);
		String text = label + ": " + (scores.size() == 1 ? plain(number(last)) + " on " + day(last)
				: plain(number(first)) + " on " + day(first) + ", " + plain(number(last)) + " on " + day(last));
		if (goal != null && goal.hasValue()) {
			text += "; goal " + goalWords(goal.getValue(), goal.hasComparator() ? goal.getComparator().toCode() : null);
		}
		return text + ".";
	}

	static String goalWords(BigDecimal value, String comparator) {
		String number = plain(value);
		if (comparator == null) {
			return number;
		}
		return switch (comparator) {
			case "<=", "<" -> number + " or less";
			case ">=", ">" -> number + " or more";
			default -> number;
		};
	}

	private static List<Row> rows(List<Observation> peg, List<Observation> pain) {
		Map<LocalDate, String[]> byDay = new TreeMap<>();
		peg.forEach(o -> byDay.computeIfAbsent(localDay(o), d -> new String[2])[0] = plain(number(o)));
		pain.forEach(o -> byDay.computeIfAbsent(localDay(o), d -> new String[2])[1] = plain(number(o)));
		List<Row> rows = new ArrayList<>();
		byDay.forEach((day, values) -> rows.add(new Row(Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant()), values[0], values[1])));
		return rows;
	}

	private static Quantity goal(List<Goal> goals, String measure) {
		return goals.stream().flatMap(g -> g.getTarget().stream())
				.filter(t -> t.hasMeasure() && t.getMeasure().getCoding().stream().anyMatch(c -> measure.equals(c.getCode())))
				.filter(Goal.GoalTargetComponent::hasDetailQuantity).map(Goal.GoalTargetComponent::getDetailQuantity)
				.filter(q -> !"%".equals(q.getCode())).findFirst().orElse(null);
	}

	private static boolean hasCode(Observation observation, String code) {
		return observation.getCode().getCoding().stream().anyMatch(c -> code.equals(c.getCode()));
	}

	private static BigDecimal number(Observation observation) {
		if (observation.hasValueQuantity() && observation.getValueQuantity().hasValue()) {
			return observation.getValueQuantity().getValue();
		}
		return observation.hasValueIntegerType() && observation.getValueIntegerType().getValue() != null
				? BigDecimal.valueOf(observation.getValueIntegerType().getValue()) : null;
	}

	static String plain(BigDecimal value) {
		return value == null ? null : value.stripTrailingZeros().toPlainString();
	}

	private static String day(Observation observation) {
		return new SimpleDateFormat("d MMM", Locale.UK).format(observation.getEffectiveDateTimeType().getValue());
	}

	private static LocalDate localDay(Observation observation) {
		return observation.getEffectiveDateTimeType().getValue().toInstant().atZone(ZoneOffset.UTC).toLocalDate();
	}
}
