package org.fibroplan.web.internal;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * A clinician acknowledges and closes a red flag with what was decided: one PUT Flag with If-Match on the
 * version they saw, carrying the outcome and their note (extension red-flag-review); the server adds who
 * and when, records a Provenance, takes the red flag off the work queue and revises the draft without the
 * hold. The note is required: a red flag is never closed here without the clinician's words.
 */
@Component
class FlagReviews {

	/** The outcome for an answer the patient gave by mistake: its Flag is entered in error. */
	private static final String ANSWERED_IN_ERROR = "answered-in-error";

	private final ClinicalNames names;

	FlagReviews(ClinicalNames names) {
		this.names = names;
	}

	PlanEdits.Outcome review(IGenericClient fhir, String flagId, String version, String outcome, String note) {
		if (note == null || note.isBlank()) {
			return PlanEdits.Outcome.refused("say what was discussed with the patient and decided: the note is required.");
		}
		Coding decided = new Coding(FhirTerms.RED_FLAG_REVIEW_OUTCOME, outcome, null);
		if (outcome == null || names.ownDisplay(decided).isEmpty()) {
			return PlanEdits.Outcome.refused("choose what was decided.");
		}
		Flag flag = fhir.read().resource(Flag.class).withId(flagId).execute();
		String name = names.of(flag.getCode());
		if (version == null || !version.equals(flag.getIdElement().getVersionIdPart())) {
			return PlanEdits.Outcome.conflict("review of the red flag “" + name + "”");
		}
		if (flag.getStatus() != Flag.FlagStatus.ACTIVE) {
			return PlanEdits.Outcome.refused("the red flag “" + name + "” is already closed.");
		}
		flag.setStatus(ANSWERED_IN_ERROR.equals(outcome) ? Flag.FlagStatus.ENTEREDINERROR : Flag.FlagStatus.INACTIVE);
		Extension review = new Extension(FhirTerms.RED_FLAG_REVIEW);
		review.addExtension("outcome", decided);
		review.addExtension("note", new StringType(note.strip()));
		flag.getExtension().removeIf(e -> FhirTerms.RED_FLAG_REVIEW.equals(e.getUrl()));
		flag.addExtension(review);
		try {
			fhir.update().resource(flag).withId(flag.getIdElement().toUnqualifiedVersionless())
					.withAdditionalHeader("If-Match", "W/\"" + version + "\"").execute();
			return PlanEdits.Outcome.saved("Red flag “" + name + "” closed: " + names.ownDisplay(decided).get()
					+ ". Your note is kept with it.");
		} catch (PreconditionFailedException e) {
			return PlanEdits.Outcome.conflict("review of the red flag “" + name + "”");
		} catch (BaseServerResponseException e) {
			return PlanEdits.Outcome.refused(RefusalText.of(e));
		}
	}
}
