package org.fibroplan.careplan;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Parameters;

/**
 * One patient's assessment as the care-plan rules used it: typed for the pages, and whole as FHIR
 * Parameters (one parameter per rule variable, what {@code Patient/{id}/$assessment} returns).
 *
 * @param patient the Patient id
 * @param asOf when it was assessed
 * @param peg the PEG now against its baseline; empty before the first PEG
 * @param redFlagText the active red flags in words ("; " between them); empty when there is none
 * @param flare whether the latest pain or PEG rose enough from the one before to count as a flare
 * @param weeksOnPlan whole weeks since the active plan's period started; empty without an active plan
 * @param sites each pain site's latest score against its baseline, in the order of the plan's sites
 * @param parameters every variable, as FHIR Parameters
 */
public record PatientAssessment(
		String patient,
		Instant asOf,
		Optional<Change> peg,
		Optional<String> redFlagText,
		boolean flare,
		Optional<Integer> weeksOnPlan,
		List<SitePain> sites,
		Parameters parameters) {

	/**
	 * A measure now against its baseline.
	 *
	 * @param latest the latest value
	 * @param baseline the baseline value, null when none
	 * @param changePercent change from baseline in percent (negative is better), null without a non-zero baseline
	 * @param category the change category's code in CodeSystem pain-change (IMMPACT), null without a change
	 * @param categoryDisplay the category's display in that CodeSystem
	 */
	public record Change(BigDecimal latest, BigDecimal baseline, Integer changePercent, String category, String categoryDisplay) {

		/** Whether this change is a deterioration: a rise of 30 % or 2 points or more (CodeSystem pain-change, IMMPACT). */
		public boolean isDeterioration() {
			return "deterioration".equals(category);
		}
	}

	/**
	 * One pain site's baseline and the score that would be an important improvement on it.
	 *
	 * @param site the plan's site code (left-hip, right-hip, lower-back, buttock, overall)
	 * @param baselineObservation the Observation that gave the baseline (Observation/id)
	 * @param baseline the site's baseline score
	 * @param importantImprovementPercent the smallest clinically important reduction (CodeSystem pain-change; IMMPACT: 30 %)
	 * @param importantImprovementAt the score that reduction reaches
	 */
	public record SitePain(String site, String baselineObservation, BigDecimal baseline, int importantImprovementPercent, BigDecimal importantImprovementAt) {}

	public PatientAssessment {
		sites = List.copyOf(sites);
	}
}
