package org.fibroplan.careplan.internal.review;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.fibroplan.careplan.internal.assessment.PatientRecordLoader;
import org.fibroplan.fhir.FhirTerms;
import org.fibroplan.fhir.Outcomes;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.stereotype.Component;

/**
 * The urgent clinical review leaves a plan while a red flag is active only with the clinician's reason: a
 * note of the plan naming it (extension removed-activity) written since the newest active red flag. A
 * removal without one is refused (422) and nothing is stored; acknowledging the red flag first is the
 * ordinary way. While the red flag stands, the rules still bring the review back with the next answers
 * (RedFlags.outlastsRemoval); the reason stays with the plan's notes.
 */
@Component
class UrgentReviewRemovals {

	private final PatientRecordLoader records;

	UrgentReviewRemovals(PatientRecordLoader records) {
		this.records = records;
	}

	void check(CarePlan before, CarePlan plan) {
		if (!holdsUrgentReview(before) || holdsUrgentReview(plan) || !plan.getSubject().getReferenceElement().hasIdPart()) {
			return;
		}
		List<Flag> standing = records.load(plan.getSubject().getReferenceElement().getIdPart(), List.of()).flags().stream()
				.filter(f -> f.getStatus() == Flag.FlagStatus.ACTIVE && RedFlagReviews.isRedFlag(f)).toList();
		if (standing.isEmpty()) {
			return;
		}
		Instant since = standing.stream().map(f -> f.getPeriod().getStart()).filter(Objects::nonNull).map(Date::toInstant)
				.max(Instant::compareTo).orElse(Instant.EPOCH);
		Annotation reason = plan.getNote().stream()
				.filter(note -> explainsUrgentReviewRemoval(note) && note.hasText() && !note.getText().isBlank())
				.filter(note -> !note.hasTime() || !note.getTime().toInstant().isBefore(since))
				.findFirst()
				.orElseThrow(() -> {
					String message = "The urgent clinical review cannot be removed while a red flag is active unless you record why: "
							+ "add a note to the plan with extension " + FhirTerms.REMOVED_ACTIVITY + " = " + FhirTerms.URGENT_REVIEW
							+ " saying why, or review and close the red flag first.";
					return new UnprocessableEntityException(message, Outcomes.error(OperationOutcome.IssueType.BUSINESSRULE, message, "CarePlan.activity"));
				});
		if (!reason.hasTime()) {
			reason.setTime(new Date());
		}
		if (!reason.hasAuthor()) {
			reason.setAuthor(ClinicianWrites.editor());
		}
	}

	private static boolean holdsUrgentReview(CarePlan plan) {
		return plan.getActivity().stream().anyMatch(a -> ClinicianDecisions.definition(a).filter(FhirTerms.URGENT_REVIEW::equals).isPresent());
	}

	private static boolean explainsUrgentReviewRemoval(Annotation note) {
		Extension removed = note.getExtensionByUrl(FhirTerms.REMOVED_ACTIVITY);
		return removed != null && removed.getValue() != null && FhirTerms.URGENT_REVIEW.equals(removed.getValue().primitiveValue());
	}
}
