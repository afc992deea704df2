package org.fibroplan.careplan.internal.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.hl7.fhir.r4.model.Duration;

/**
 * When a goal is due: its PlanDefinition target's due (a Duration) counted from the plan's start in the
 * Duration's own UCUM unit: d, wk, mo or a. Months and years are calendar ones, as a clinician counts them.
 */
public final class GoalDue {

	private static final String UCUM = "http://unitsofmeasure.org";
	private static final Map<String, String> UNITS = Map.of("d", "days", "wk", "weeks", "mo", "months", "a", "years");

	private GoalDue() {}

	/** Refuses a due the drafter cannot count, saying why (checked when the rules are compiled). */
	public static void check(Duration due) {
		if (!due.hasValue()) {
			throw new IllegalArgumentException("target due has no value");
		}
		if ((due.hasSystem() && !UCUM.equals(due.getSystem())) || !UNITS.containsKey(due.getCode())) {
			throw new IllegalArgumentException("target due " + due.getValue().toPlainString() + " " + (due.hasCode() ? due.getCode() : due.getUnit())
					+ " is not in a unit FibroPlan counts: UCUM code d, wk, mo or a (" + String.join(", ", UNITS.values()) + ")");
		}
		if (("mo".equals(due.getCode()) || "a".equals(due.getCode())) && due.getValue().stripTrailingZeros().scale() > 0) {
			throw new IllegalArgumentException("target due " + due.getValue().toPlainString() + " " + due.getCode() + ": months and years must be whole");
		}
	}

	/** The moment the goal is due for a plan starting at start. */
	public static Instant from(Instant start, Duration due) {
		check(due);
		BigDecimal value = due.getValue();
		return switch (due.getCode()) {
			case "d" -> start.plus(value.longValue(), ChronoUnit.DAYS);
			case "wk" -> start.plus(value.multiply(BigDecimal.valueOf(7)).longValue(), ChronoUnit.DAYS);
			case "mo" -> start.atZone(ZoneOffset.UTC).plusMonths(value.longValueExact()).toInstant();
			default -> start.atZone(ZoneOffset.UTC).plusYears(value.longValueExact()).toInstant();
		};
	}
}
