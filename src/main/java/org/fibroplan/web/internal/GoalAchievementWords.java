package org.fibroplan.web.internal;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Goal;

/** A goal's achievementStatus (HL7 goal-achievement) in the words the clinician and the patient pages use. */
final class GoalAchievementWords {

	private static final String SYSTEM = "http://terminology.hl7.org/CodeSystem/goal-achievement";

	private GoalAchievementWords() {}

	/** Plain words for the goal's progress; null while it has none (a proposed goal). */
	static String of(Goal goal) {
		String code = goal.getAchievementStatus().getCoding().stream().filter(c -> SYSTEM.equals(c.getSystem())).map(Coding::getCode)
				.findFirst().orElse(null);
		if (code == null) {
			return null;
		}
		return switch (code) {
			case "achieved" -> "achieved";
			case "improving" -> "improving";
			case "worsening" -> "getting worse";
			case "no-change" -> "no change yet";
			case "sustaining" -> "holding steady";
			case "not-achieved" -> "not achieved";
			case "no-progress" -> "no progress";
			case "not-attainable" -> "not attainable";
			default -> "in progress";
		};
	}

	/** Whether the goal's status is achieved, for the pages to set it apart. */
	static boolean achieved(Goal goal) {
		return goal.getAchievementStatus().getCoding().stream().anyMatch(c -> SYSTEM.equals(c.getSystem()) && "achieved".equals(c.getCode()));
	}
}
