package org.fibroplan.careplan.internal.review;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.fibroplan.careplan.internal.assessment.PatientRecordLoader;
import org.fibroplan.careplan.internal.drafting.DraftReviser;
import org.fibroplan.fhir.Definitions;
import org.fibroplan.fhir.FhirTerms;
import org.fibroplan.fhir.Outcomes;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;
import org.fibroplan.fhir.TransactionWrites;

/**
 * A person closing a red-flag Flag over the API (status active to inactive, or entered in error) reviews
 * it: the review they record with it (extension red-flag-review: the outcome and their note) is checked
 * and stamped with who and when from the request, never from the body; every closing gets a Provenance
 * naming the person; and the patient's draft, if there is one, is revised at once, so the plan's hold is
 * lifted while the clinician looks at it. The work queue's part is FlagAcknowledgements'. A review is
 * not required here, so apps that close a Flag as the contract allows keep working; the workspace always
 * sends one.
 */
@Interceptor
@Component
public class RedFlagReviews {

	static final String OUTCOME = "outcome";
	static final String NOTE = "note";
	static final String AUTHOR = "author";
	static final String DATE = "date";
	/** The outcome that means the yes itself was wrong: its Flag is entered in error, not merely inactive. */
	static final String ANSWERED_IN_ERROR = "answered-in-error";

	private final Definitions definitions;
	private final DaoRegistry daos;
	private final PatientRecordLoader records;
	private final DraftReviser reviser;

	/** The Flag version was just written: flushed, so the Provenance's target is found inside a transaction. */
	@PersistenceContext
	private EntityManager entityManager;

	public RedFlagReviews(Definitions definitions, DaoRegistry daos, PatientRecordLoader records, DraftReviser reviser) {
		this.definitions = definitions;
		this.daos = daos;
		this.records = records;
		this.reviser = reviser;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void beforeUpdate(IBaseResource previous, IBaseResource resource) {
		if (!(previous instanceof Flag before) || !(resource instanceof Flag flag) || !isRedFlag(flag)) {
			return;
		}
		Extension review = flag.getExtensionByUrl(FhirTerms.RED_FLAG_REVIEW);
		if (review == null || review.equalsDeep(before.getExtensionByUrl(FhirTerms.RED_FLAG_REVIEW))) {
			return;
		}
		if (before.getStatus() != Flag.FlagStatus.ACTIVE || flag.getStatus() == Flag.FlagStatus.ACTIVE) {
			throw refused("A red flag's review closes it: send it with the active Flag's status set to inactive "
					+ "(or entered-in-error when the answer was a mistake).");
		}
		Coding outcome = sub(review, OUTCOME).filter(Coding.class::isInstance).map(Coding.class::cast)
				.orElseThrow(() -> refused("The review needs an outcome (extension outcome, a Coding of " + FhirTerms.RED_FLAG_REVIEW_OUTCOME + ")."));
		if (!FhirTerms.RED_FLAG_REVIEW_OUTCOME.equals(outcome.getSystem()) || !knownOutcome(outcome.getCode())) {
			throw refused("Unknown red-flag review outcome " + outcome.getSystem() + "|" + outcome.getCode() + ".");
		}
		boolean inError = ANSWERED_IN_ERROR.equals(outcome.getCode());
		if (inError != (flag.getStatus() == Flag.FlagStatus.ENTEREDINERROR)) {
			throw refused(inError ? "An answer given by mistake closes its Flag as entered-in-error."
					: "Only an answer given by mistake closes its Flag as entered-in-error; this outcome sets it inactive.");
		}
		String note = sub(review, NOTE).map(v -> v.primitiveValue()).orElse(null);
		if (note == null || note.isBlank()) {
			throw refused("The review needs a note (extension note): what was discussed with the patient and decided.");
		}
		// who and when come from the request, whatever the body said
		review.getExtension().removeIf(e -> AUTHOR.equals(e.getUrl()) || DATE.equals(e.getUrl()));
		review.addExtension(AUTHOR, ClinicianWrites.editor());
		review.addExtension(DATE, new DateTimeType(new Date()));
		if (!flag.getPeriod().hasEnd()) {
			flag.getPeriod().setEnd(new Date());
		}
	}

	/** Runs after the work queue has heard the acknowledgement (FlagAcknowledgements, order 0). */
	@Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED, order = 100)
	public void afterUpdate(IBaseResource previous, IBaseResource resource) {
		if (!(previous instanceof Flag before) || !(resource instanceof Flag flag) || !isRedFlag(flag)
				|| before.getStatus() != Flag.FlagStatus.ACTIVE || flag.getStatus() == Flag.FlagStatus.ACTIVE
				|| !flag.getSubject().getReferenceElement().hasIdPart()) {
			return;
		}
		provenance(flag);
		String patient = flag.getSubject().getReferenceElement().getIdPart();
		if (records.load(patient, List.of()).draft().isPresent()) {
			reviser.revise(patient, List.of());
		}
	}

	/** Who closed the Flag version, when, with what outcome, and the answer it was about. */
	private void provenance(Flag flag) {
		entityManager.flush();
		Provenance provenance = new Provenance();
		provenance.addTarget(new Reference(flag.getIdElement().toUnqualified().getValue()));
		provenance.setRecorded(new Date());
		Extension review = flag.getExtensionByUrl(FhirTerms.RED_FLAG_REVIEW);
		Optional<Coding> outcome = review == null ? Optional.empty()
				: sub(review, OUTCOME).filter(Coding.class::isInstance).map(Coding.class::cast);
		provenance.setActivity(outcome.map(c -> new CodeableConcept(c.copy()))
				.orElseGet(() -> new CodeableConcept().setText("Red flag closed without a recorded review")));
		provenance.addAgent()
				.setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/provenance-participant-type", "author", "Author")))
				.setWho(review != null ? sub(review, AUTHOR).filter(Reference.class::isInstance).map(r -> ((Reference) r).copy()).orElse(ClinicianWrites.editor())
						: ClinicianWrites.editor());
		flag.getExtensionsByUrl(FhirTerms.FLAG_DETAIL).stream().map(Extension::getValue).filter(Reference.class::isInstance)
				.forEach(answer -> provenance.addEntity().setRole(Provenance.ProvenanceEntityRole.SOURCE).setWhat(((Reference) answer).copy()));
		TransactionWrites.create(daos.getResourceDao(Provenance.class), provenance, new SystemRequestDetails());
	}

	private boolean knownOutcome(String code) {
		return code != null && definitions.find(CodeSystem.class, FhirTerms.RED_FLAG_REVIEW_OUTCOME)
				.map(system -> system.getConcept().stream().anyMatch(c -> code.equals(c.getCode()))).orElse(false);
	}

	static Optional<org.hl7.fhir.r4.model.Type> sub(Extension review, String url) {
		return review.getExtension().stream().filter(e -> url.equals(e.getUrl())).map(Extension::getValue).filter(v -> v != null).findFirst();
	}

	static boolean isRedFlag(Flag flag) {
		return flag.getCode().getCoding().stream().anyMatch(c -> FhirTerms.RED_FLAG.equals(c.getSystem()));
	}

	private static UnprocessableEntityException refused(String message) {
		return new UnprocessableEntityException(message, Outcomes.error(OperationOutcome.IssueType.BUSINESSRULE, message, "Flag.extension"));
	}
}
