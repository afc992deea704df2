package org.fibroplan.careplan.internal.review;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.util.List;
import org.fibroplan.careplan.internal.assessment.PatientRecord;
import org.fibroplan.careplan.internal.assessment.PatientRecordLoader;
import org.fibroplan.careplan.internal.drafting.PlanNarrative;
import org.fibroplan.careplan.internal.rules.CarePlanKnowledge;
import org.fibroplan.fhir.FhirTerms;
import org.fibroplan.fhir.Outcomes;
import org.fibroplan.security.SmartAccess;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * Care-plan writes that arrive over the API are people's decisions (the rules write from inside the
 * server, which this interceptor never sees): each edit is marked so revisions keep it, the narrative is
 * regenerated, setting status active is an approval, a patient gets at most one draft, and every write
 * gets a Provenance naming who made it.
 */
@Interceptor
@Component
public class ClinicianWrites {

	/** Marks, on the plan being written, a person's edit whose Provenance is recorded once it is stored. */
	private static final String EDITED = ClinicianWrites.class.getName() + ".edited";

	private final CarePlanKnowledge knowledge;
	private final PatientRecordLoader records;
	private final PlanApproval approval;
	private final PlanProvenance provenance;
	private final UrgentReviewRemovals urgentReviewRemovals;

	public ClinicianWrites(CarePlanKnowledge knowledge, PatientRecordLoader records, PlanApproval approval, PlanProvenance provenance,
			UrgentReviewRemovals urgentReviewRemovals) {
		this.knowledge = knowledge;
		this.records = records;
		this.approval = approval;
		this.provenance = provenance;
		this.urgentReviewRemovals = urgentReviewRemovals;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void beforeCreate(IBaseResource resource) {
		if (!(resource instanceof CarePlan plan) || !plan.getSubject().getReferenceElement().hasIdPart()
				|| !"Patient".equals(plan.getSubject().getReferenceElement().getResourceType())) {
			return;
		}
		String patient = plan.getSubject().getReferenceElement().getIdPart();
		PatientRecord record = records.load(patient, List.of());
		if (PatientRecord.planIdentifierOf(plan).isEmpty()) {
			plan.addIdentifier(new Identifier().setSystem(FhirTerms.PLAN_IDENTIFIER).setValue(record.planIdentifier()));
		}
		if (plan.getStatus() == CarePlan.CarePlanStatus.DRAFT && record.draft().isPresent()) {
			throw new ResourceVersionConflictException("Patient/" + patient + " already has a draft care plan, "
					+ record.draft().get().getIdElement().toUnqualifiedVersionless().getValue() + ": edit that one (PUT with If-Match).",
					null, Outcomes.error(OperationOutcome.IssueType.CONFLICT, "Patient/" + patient + " already has a draft care plan; a patient has at most one."));
		}
		review(new CarePlan(), plan);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void beforeUpdate(IBaseResource previous, IBaseResource resource) {
		if (resource instanceof Goal goal && goal.getIdentifier().stream().anyMatch(i -> FhirTerms.GOAL_IDENTIFIER.equals(i.getSystem()))) {
			goal.getExtension().removeIf(e -> FhirTerms.CLINICIAN_EDIT.equals(e.getUrl()));
			goal.addExtension(FhirTerms.CLINICIAN_EDIT, new CodeType(ClinicianDecisions.MODIFIED));
			return;
		}
		if (!(resource instanceof CarePlan plan) || !(previous instanceof CarePlan before) || PatientRecord.planIdentifierOf(before).isEmpty()) {
			return;
		}
		if (PatientRecord.planIdentifierOf(plan).isEmpty()) {
			plan.addIdentifier(PatientRecord.planIdentifierOf(before).get().copy());
		}
		review(before, plan);
	}

	/** A person's write: mark what changed, approve when it makes the plan active, regenerate the narrative. */
	private void review(CarePlan before, CarePlan plan) {
		urgentReviewRemovals.check(before, plan);
		ClinicianDecisions.mark(before, plan, knowledge.current().rules());
		if (plan.getStatus() == CarePlan.CarePlanStatus.ACTIVE && before.getStatus() != CarePlan.CarePlanStatus.ACTIVE) {
			approval.approve(plan);
		} else {
			plan.setUserData(EDITED, Boolean.TRUE);
		}
		regenerateNarrative(plan);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void afterCreate(IBaseResource resource) {
		afterWrite(resource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void afterUpdate(IBaseResource previous, IBaseResource resource) {
		afterWrite(resource);
	}

	/** The stored version exists now: an approval completes, an edit gets its Provenance. */
	private void afterWrite(IBaseResource resource) {
		if (!(resource instanceof CarePlan plan)) {
			return;
		}
		approval.completeIfApproved(plan);
		if (Boolean.TRUE.equals(plan.getUserData(EDITED))) {
			plan.setUserData(EDITED, null);
			provenance.record(plan.getIdElement(), "edited", editor(), List.of(), null);
		}
	}

	private void regenerateNarrative(CarePlan plan) {
		if (!plan.hasText() || plan.getText().getStatus() == null
				|| plan.getText().getStatus() == org.hl7.fhir.r4.model.Narrative.NarrativeStatus.GENERATED) {
			PlanNarrative.write(plan, knowledge.current(), PlanNarrative.contained(plan, records::resolve));
		}
	}

	/** The user the token names, or else the client (a system integration) by its client id. */
	static Reference editor() {
		SmartAccess access = SmartAccess.current().orElse(null);
		if (access != null && access.fhirUser() != null) {
			String[] parts = access.fhirUser().split("/");
			return new Reference(parts[parts.length - 2] + "/" + parts[parts.length - 1]);
		}
		String client = access == null ? "unknown" : access.clientId();
		return new Reference().setIdentifier(new Identifier().setSystem("urn:ietf:params:oauth:client-id").setValue(client)).setDisplay("client " + client);
	}
}
