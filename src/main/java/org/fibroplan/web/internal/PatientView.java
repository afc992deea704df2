package org.fibroplan.web.internal;

import java.math.BigDecimal;
import java.util.Date;
import java.util.List;
import org.fibroplan.ehr.Delivery;

/** Everything the patient page of the workspace shows, read through the FHIR API as the clinician. */
record PatientView(
		String patientId,
		String name,
		Date birthDate,
		List<IdentifierRow> identifiers,
		BigDecimal pegNow,
		BigDecimal pegBaseline,
		Integer pegChangePercent,
		String pegCategory,
		String weeksOnPlan,
		List<PainSeries> painCharts,
		List<ScoreRow> scores,
		List<RedFlagRow> redFlags,
		List<ReviewedFlagRow> reviewedFlags,
		List<Choice> flagOutcomes,
		PlanSummary draft,
		List<ActivityView> draftActivities,
		List<PlanSections.Section> draftSections,
		List<GoalRow> goals,
		List<String> notes,
		PlanSummary active,
		Approval activeApproval,
		List<ActivityView> activeActivities,
		List<PlanSections.Section> activeSections,
		List<GoalRow> activeGoals,
		List<CatalogueEntry> catalogue,
		List<Delivery> deliveries) {

	/**
	 * Whether the page shows the place an edit came from (a section, an activity, the notes...): its outcome
	 * is then said there, and the browser returns there, instead of at the top of a long page.
	 */
	public boolean shows(String place) {
		if (place == null) {
			return false;
		}
		return switch (place) {
			case "draft-goals", "draft-notes", "catalogue" -> draft != null;
			case "reviewed-flags" -> !reviewedFlags.isEmpty();
			case "deliveries", "active-plan" -> active != null;
			default -> draftSections.stream().anyMatch(section -> section.id().equals(place)
					|| section.activities().stream().anyMatch(activity -> ("draft-" + activity.anchor()).equals(place)));
		};
	}

	/** The activity that a red flag brings and that leaves the plan only with a reason while one stands. */
	public String urgentReview() {
		return org.fibroplan.fhir.FhirTerms.URGENT_REVIEW;
	}

	/** One choice of a form: its code and its words. */
	record Choice(String code, String name) {}

	/** A red flag a clinician closed: what, what they decided, their note, who and when. */
	record ReviewedFlagRow(String flag, String outcome, String note, String reviewer, Date reviewed) {}

	/** One site's pain over time; {@code json} feeds the chart script. */
	record PainSeries(String site, String canvasId, String json, String summary) {}

	/** An identifier the clinic knows the patient by; its system is a detail for the tooltip. */
	record IdentifierRow(String value, String system) {}

	/** A score's name in a clinician's words; {@code codes} says which codes it is, for the tooltip. */
	record ScoreRow(String name, String codes, String value, String band, Date date) {}

	/** An active red flag: what (CodeSystem red-flag's name), the answer that raised it and when, and the Flag to act on. */
	record RedFlagRow(String flagId, String flagVersion, String flag, String codes, String answer, Date answered) {}

	record PlanSummary(String id, String version, String status, Date lastUpdated, String title) {}

	/** Who approved the active plan and when (its approval Provenance); null fields when none is recorded. */
	record Approval(String who, Date when) {}

	/** A goal as the page lists it; {@code achievement} is its progress in plain words (null while proposed). */
	record GoalRow(String id, String version, String description, String target, boolean edited, String status, String achievement, boolean achieved) {}

	/** An activity a clinician may add; {@code advisedAgainst} when guidelines recommend against it (a reason is then required). */
	record CatalogueEntry(String id, String url, String title, String grade, String gradeName, String gradeText, boolean advisedAgainst) {}
}
