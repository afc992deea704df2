package org.fibroplan.careplan.internal.review;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.fibroplan.careplan.CarePlanActivated;
import org.fibroplan.careplan.internal.assessment.AssessmentBuilder;
import org.fibroplan.careplan.internal.assessment.Baselines;
import org.fibroplan.careplan.internal.assessment.PatientRecord;
import org.fibroplan.careplan.internal.assessment.PatientRecordLoader;
import org.fibroplan.careplan.internal.goals.GoalActivation;
import org.fibroplan.careplan.internal.rules.CarePlanKnowledge;
import org.fibroplan.fhir.Outcomes;
import org.fibroplan.security.SmartAccess;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.fibroplan.fhir.TransactionWrites;

/**
 * Approval, decided once: a clinician sets a plan's status to active. Only a user whose token names a Practitioner may;
 * the previous active plan is revoked and named in {@code replaces}, the plan keeps the treatment period's
 * start (so 12-week goals count from the first approved plan) and the baseline the first approval fixed
 * (supportingInfo; only a clinician's edit moves it), its goals start on the approval date and its referrals
 * become active, a Provenance records who approved which version, and {@link CarePlanActivated} is published.
 */
@Component
public class PlanApproval {

	private final DaoRegistry daos;
	private final PatientRecordLoader records;
	private final PlanProvenance provenance;
	private final ApplicationEventPublisher events;
	private final CarePlanKnowledge knowledge;

	public PlanApproval(DaoRegistry daos, PatientRecordLoader records, PlanProvenance provenance, ApplicationEventPublisher events,
			CarePlanKnowledge knowledge) {
		this.knowledge = knowledge;
		this.daos = daos;
		this.records = records;
		this.provenance = provenance;
		this.events = events;
	}

	/** What approval decided before storage, carried on the plan itself to the moment it is stored. */
	private record Decision(String clinician, List<CarePlan> replaced) {}

	private static final String DECISION = PlanApproval.class.getName() + ".decision";

	/**
	 * Before storage: refuses anyone but a clinician (403), names the patient's current active plan in
	 * {@code replaces}, keeps the treatment period's start, and makes the clinician the author.
	 */
	public void approve(CarePlan plan) {
		String clinician = approvingClinician();
		String patient = plan.getSubject().getReferenceElement().getIdPart();
		String self = plan.getIdElement().getIdPart();
		PatientRecord record = records.load(patient, List.of());
		List<CarePlan> replaced = record.plans().stream()
				.filter(p -> p.getStatus() == CarePlan.CarePlanStatus.ACTIVE && !p.getIdElement().getIdPart().equals(self))
				.toList();
		fixBaseline(plan, replaced, record);
		for (CarePlan earlier : replaced) {
			String reference = earlier.getIdElement().toUnqualifiedVersionless().getValue();
			if (plan.getReplaces().stream().noneMatch(r -> reference.equals(r.getReference()))) {
				plan.addReplaces(new Reference(reference));
			}
			if (!plan.getPeriod().hasStart() && earlier.getPeriod().hasStart()) {
				plan.getPeriod().setStart(earlier.getPeriod().getStart());
			}
		}
		if (!plan.getPeriod().hasStart()) {
			plan.getPeriod().setStart(new Date());
		}
		// named as well as referenced: patients (who cannot read Practitioners) and EHRs read who approved their plan
		plan.setAuthor(new Reference(clinician).setDisplay(nameOf(clinician)));
		if (plan.getContributor().stream().noneMatch(c -> clinician.equals(c.getReference()))) {
			plan.addContributor(new Reference(clinician));
		}
		plan.setUserData(DECISION, new Decision(clinician, replaced));
	}

	/**
	 * The first approval fixes the baseline: what the patient's values are now (the latest on or before
	 * approval), unless a clinician chose it. Later approvals keep the replaced plan's, unless a clinician
	 * chose another in this plan.
	 */
	private void fixBaseline(CarePlan plan, List<CarePlan> replaced, PatientRecord record) {
		if (Baselines.chosenByClinician(plan)) {
			return;
		}
		List<Reference> baseline = replaced.stream().filter(CarePlan::hasSupportingInfo).findFirst()
				.map(earlier -> earlier.getSupportingInfo().stream().map(Reference::copy).toList())
				.orElseGet(() -> replaced.isEmpty()
						? new AssessmentBuilder(knowledge.current().vocabulary()).build(record, Instant.now()).baselineObservations().stream().map(Reference::new).toList()
						: plan.getSupportingInfo());
		plan.setSupportingInfo(new java.util.ArrayList<>(baseline));
	}

	/**
	 * Once the approved version is stored, in the same transaction: the plans it replaces are revoked, its
	 * goals and referrals become active, a Provenance records who approved which version, and
	 * {@link CarePlanActivated} is published. Does nothing for a write that {@link #approve} did not see.
	 */
	public void completeIfApproved(CarePlan plan) {
		if (!(plan.getUserData(DECISION) instanceof Decision decision)) {
			return;
		}
		plan.setUserData(DECISION, null);
		IIdType written = plan.getIdElement();
		for (CarePlan earlier : decision.replaced()) {
			earlier.setStatus(CarePlan.CarePlanStatus.REVOKED);
			IIdType revoked = TransactionWrites.update(daos.getResourceDao(CarePlan.class), earlier, new SystemRequestDetails()).getId();
			provenance.record(revoked, "revoked", new Reference(decision.clinician()), List.of(written.toUnqualifiedVersionless().getValue()), null);
		}
		activateGoalsAndReferrals(plan, decision.clinician(), PatientRecord.planIdentifierOf(plan).map(i -> i.getValue()).orElse(null));
		provenance.record(written, "approved", new Reference(decision.clinician()), answersBehind(plan),
				knowledge.current().rules().planDefinition().getIdElement().toUnqualifiedVersionless().getValue());
		String identifier = PatientRecord.planIdentifierOf(plan).map(i -> i.getValue()).orElse(null);
		events.publishEvent(new CarePlanActivated(plan.getSubject().getReferenceElement().getIdPart(),
				written.toUnqualifiedVersionless().getValue(), written.getVersionIdPart(), identifier, decision.clinician(), Instant.now()));
	}

	private void activateGoalsAndReferrals(CarePlan plan, String clinician, String planIdentifier) {
		Instant approvedAt = Instant.now();
		plan.getGoal().forEach(ref -> records.read(Goal.class, ref.getReference())
				.filter(g -> g.getLifecycleStatus() == Goal.GoalLifecycleStatus.PROPOSED)
				.ifPresent(goal -> {
					GoalActivation.activate(goal, approvedAt, knowledge.current().rules(), planIdentifier);
					TransactionWrites.update(daos.getResourceDao(Goal.class), goal, new SystemRequestDetails());
				}));
		plan.getActivity().stream().filter(CarePlan.CarePlanActivityComponent::hasReference)
				.forEach(activity -> records.read(ServiceRequest.class, activity.getReference().getReference())
						.filter(s -> s.getStatus() == ServiceRequest.ServiceRequestStatus.DRAFT)
						.ifPresent(referral -> {
							referral.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
							referral.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
							referral.setRequester(new Reference(clinician));
							TransactionWrites.update(daos.getResourceDao(ServiceRequest.class), referral, new SystemRequestDetails());
						}));
	}

	/** The responses (or directly posted scores) behind the plan's activities, for the approval's Provenance. */
	private List<String> answersBehind(CarePlan plan) {
		java.util.Set<String> observations = new java.util.LinkedHashSet<>();
		for (CarePlan.CarePlanActivityComponent activity : plan.getActivity()) {
			if (activity.hasDetail()) {
				activity.getDetail().getReasonReference().forEach(r -> observations.add(r.getReference()));
			} else if (activity.hasReference()) {
				records.read(ServiceRequest.class, activity.getReference().getReference())
						.ifPresent(referral -> referral.getReasonReference().forEach(r -> observations.add(r.getReference())));
			}
		}
		java.util.Set<String> answers = new java.util.LinkedHashSet<>();
		for (String observation : observations) {
			if (observation == null || !observation.startsWith("Observation/")) {
				continue;
			}
			records.read(org.hl7.fhir.r4.model.Observation.class, observation).ifPresent(o -> {
				if (o.hasDerivedFrom()) {
					o.getDerivedFrom().forEach(d -> answers.add(d.getReference()));
				} else {
					answers.add(observation);
				}
			});
		}
		return List.copyOf(answers);
	}

	/** The clinician's name as their Practitioner resource gives it, or null when it has none. */
	private String nameOf(String clinician) {
		if (!clinician.startsWith("Practitioner/")) {
			return null;
		}
		return records.read(Practitioner.class, clinician).filter(Practitioner::hasName).map(Practitioner::getNameFirstRep)
				.map(name -> name.hasText() ? name.getText() : (name.getGivenAsSingleString() + " " + (name.hasFamily() ? name.getFamily() : "")).trim())
				.filter(text -> !text.isBlank()).orElse(null);
	}

	private static String approvingClinician() {
		SmartAccess access = SmartAccess.current().orElse(null);
		String fhirUser = access == null ? null : access.fhirUser();
		if (access == null || access.isPatientContext() || fhirUser == null || !fhirUser.matches("(.*/)?Practitioner(Role)?/[^/]+")) {
			String reason = "Only a clinician can approve a care plan: the token must be a user's whose fhirUser is a Practitioner.";
			throw new ForbiddenOperationException(reason, Outcomes.error(OperationOutcome.IssueType.FORBIDDEN, reason));
		}
		int at = fhirUser.lastIndexOf("Practitioner");
		return fhirUser.substring(at);
	}
}
