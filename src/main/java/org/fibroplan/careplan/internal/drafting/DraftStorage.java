package org.fibroplan.careplan.internal.drafting;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fibroplan.careplan.internal.assessment.PatientRecordLoader;
import org.fibroplan.careplan.internal.review.PlanProvenance;
import org.fibroplan.fhir.ConformantWrites;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.springframework.stereotype.Component;
import org.fibroplan.fhir.TransactionWrites;

/**
 * Stores a revised draft: its contained goals and referrals become stored resources (rewritten only when
 * they changed and no clinician edited them; those the draft no longer holds are cancelled or revoked, not
 * deleted), then the plan itself when it changed, with a Provenance naming the answers and the rules.
 */
@Component
public class DraftStorage {

	private final DaoRegistry daos;
	private final PatientRecordLoader records;
	private final PlanProvenance provenance;

	/** Referrals and goals must exist before the plan refers to them: flushed inside a transaction Bundle. */
	@PersistenceContext
	private EntityManager entityManager;

	public DraftStorage(DaoRegistry daos, PatientRecordLoader records, PlanProvenance provenance) {
		this.daos = daos;
		this.records = records;
		this.provenance = provenance;
	}

	/** Stores the revised plan (stored = the current draft, or null for a first draft) and what it refers to. */
	public void store(CarePlan plan, CarePlan stored, List<String> triggers, PlanDefinition rules) {
		Previous previous = Previous.of(stored, records);
		if (stored != null) {
			plan.setId(stored.getIdElement().toUnqualifiedVersionless());
		}
		Set<String> kept = new LinkedHashSet<>();
		List<ServiceRequest> awaitingPlan = new ArrayList<>();
		for (Resource contained : new ArrayList<>(plan.getContained())) {
			if (contained instanceof Goal || contained instanceof ServiceRequest) {
				String reference = storeContained(plan, (DomainResource) contained, previous, awaitingPlan);
				kept.add(reference);
				plan.getContained().remove(contained);
				replaceReferences(plan, "#" + contained.getIdElement().getIdPart(), reference);
			}
		}
		if (stored != null) {
			retireDropped(stored, kept);
		}
		entityManager.flush();
		if (stored == null || !sameContent(stored, plan)) {
			storePlan(plan, stored == null, triggers, rules, awaitingPlan);
		}
	}

	/** What the stored draft already refers to: its goals by goal id, its referrals by catalogue activity. */
	private record Previous(boolean exists, Map<String, Reference> goals, Map<String, DomainResource> resources) {

		static Previous of(CarePlan stored, PatientRecordLoader records) {
			Map<String, Reference> goals = new HashMap<>();
			Map<String, DomainResource> resources = new HashMap<>();
			if (stored != null) {
				stored.getGoal().stream().filter(Reference::hasIdentifier).forEach(g -> goals.put(g.getIdentifier().getValue(), g));
				references(stored).stream().filter(r -> r != null && r.startsWith("ServiceRequest/"))
						.forEach(r -> records.read(ServiceRequest.class, r).ifPresent(found -> resources.put(key(found), found)));
			}
			return new Previous(stored != null, goals, resources);
		}
	}

	/**
	 * One contained goal or referral becomes a stored resource; returns its reference. An unchanged goal
	 * (same id, same target) is neither read nor written; a stored one is rewritten only when it changed
	 * and no clinician edited it.
	 */
	private String storeContained(CarePlan plan, DomainResource contained, Previous previous, List<ServiceRequest> awaitingPlan) {
		DomainResource resource = (DomainResource) contained.copy();
		resource.setIdElement(null);
		if (resource instanceof Goal goal && goal.hasIdentifier()) {
			Reference earlier = previous.goals().get(goal.getIdentifierFirstRep().getValue());
			Reference now = plan.getGoal().stream().filter(g -> ("#" + contained.getIdElement().getIdPart()).equals(g.getReference())).findFirst().orElse(null);
			if (earlier != null && now != null && earlier.getDisplay() != null && earlier.getDisplay().equals(now.getDisplay())) {
				return earlier.getReference();
			}
			if (earlier != null) {
				records.read(Goal.class, earlier.getReference()).ifPresent(g -> previous.resources().put(key(goal), g));
			}
		}
		DomainResource before = previous.resources().get(key(resource));
		if (resource instanceof ServiceRequest referral && previous.exists()) {
			referral.addBasedOn(new Reference(plan.getIdElement().toUnqualifiedVersionless().getValue()));
		}
		if (before != null) {
			String reference = before.getIdElement().toUnqualifiedVersionless().getValue();
			resource.setId(reference);
			if (before.getExtensionByUrl(FhirTerms.CLINICIAN_EDIT) == null && !sameContent(before, resource)) {
				TransactionWrites.update(dao(resource), resource, new SystemRequestDetails());
			}
			return reference;
		}
		String reference = TransactionWrites.create(dao(resource), resource, new SystemRequestDetails()).getId().toUnqualifiedVersionless().getValue();
		if (resource instanceof ServiceRequest referral && !previous.exists()) {
			// The plan does not exist yet: the referral points back at it once it does.
			referral.setId(reference);
			awaitingPlan.add(referral);
		}
		return reference;
	}

	/** The plan itself, with a Provenance naming the answers and the rules; first-draft referrals then point at it. */
	private void storePlan(CarePlan plan, boolean first, List<String> triggers, PlanDefinition rules, List<ServiceRequest> awaitingPlan) {
		// Drafted plans meet fm-care-plan by construction (DraftedPlansConformTest checks many).
		IIdType written = first
				? TransactionWrites.create(daos.getResourceDao(CarePlan.class), plan, ConformantWrites.request()).getId()
				: TransactionWrites.update(daos.getResourceDao(CarePlan.class), plan, ConformantWrites.request()).getId();
		plan.setId(written);
		provenance.record(written, first ? "drafted" : "revised", PlanProvenance.RULES_ENGINE, triggers,
				rules.getIdElement().toUnqualifiedVersionless().getValue());
		for (ServiceRequest referral : awaitingPlan) {
			referral.addBasedOn(new Reference(written.toUnqualifiedVersionless().getValue()));
			TransactionWrites.update(daos.getResourceDao(ServiceRequest.class), referral, new SystemRequestDetails());
		}
	}

	/** A goal is known by its goal id, a referral by the catalogue activity it instantiates. */
	private static String key(DomainResource resource) {
		if (resource instanceof Goal goal) {
			return "Goal " + goal.getIdentifier().stream().filter(i -> FhirTerms.GOAL_IDENTIFIER.equals(i.getSystem()))
					.map(i -> i.getValue()).findFirst().orElse(goal.getIdElement().getIdPart());
		}
		if (resource instanceof ServiceRequest referral && referral.hasInstantiatesCanonical()) {
			return "ServiceRequest " + referral.getInstantiatesCanonical().get(0).getValue();
		}
		return resource.fhirType() + " " + resource.getIdElement().getIdPart();
	}

	private static List<String> references(CarePlan plan) {
		List<String> references = new ArrayList<>();
		plan.getGoal().forEach(g -> references.add(g.getReference()));
		plan.getActivity().stream().filter(CarePlan.CarePlanActivityComponent::hasReference).forEach(a -> references.add(a.getReference().getReference()));
		return references;
	}

	@SuppressWarnings("rawtypes")
	private IFhirResourceDao dao(DomainResource resource) {
		return daos.getResourceDao(resource.getClass());
	}

	/** Goals and referrals the revised draft no longer holds are cancelled or revoked, not deleted. */
	private void retireDropped(CarePlan stored, Set<String> kept) {
		for (String reference : references(stored)) {
			if (reference == null || kept.contains(reference)) {
				continue;
			}
			if (reference.startsWith("Goal/")) {
				records.read(Goal.class, reference).filter(g -> g.getLifecycleStatus() == Goal.GoalLifecycleStatus.PROPOSED).ifPresent(goal -> {
					goal.setLifecycleStatus(Goal.GoalLifecycleStatus.CANCELLED);
					TransactionWrites.update(daos.getResourceDao(Goal.class), goal, new SystemRequestDetails());
				});
			} else if (reference.startsWith("ServiceRequest/")) {
				records.read(ServiceRequest.class, reference).filter(r -> r.getStatus() == ServiceRequest.ServiceRequestStatus.DRAFT).ifPresent(referral -> {
					referral.setStatus(ServiceRequest.ServiceRequestStatus.REVOKED);
					TransactionWrites.update(daos.getResourceDao(ServiceRequest.class), referral, new SystemRequestDetails());
				});
			}
		}
	}

	private static void replaceReferences(CarePlan plan, String from, String to) {
		plan.getGoal().stream().filter(r -> from.equals(r.getReference())).forEach(r -> r.setReference(to));
		for (CarePlan.CarePlanActivityComponent activity : plan.getActivity()) {
			if (activity.hasReference() && from.equals(activity.getReference().getReference())) {
				activity.getReference().setReference(to);
			}
			if (activity.hasDetail()) {
				activity.getDetail().getGoal().stream().filter(r -> from.equals(r.getReference())).forEach(r -> r.setReference(to));
			}
		}
	}

	/** Equal apart from storage metadata. */
	public static boolean sameContent(Resource a, Resource b) {
		Resource x = a.copy();
		Resource y = b.copy();
		x.setMeta(null);
		y.setMeta(null);
		x.setIdElement(null);
		y.setIdElement(null);
		return x.equalsDeep(y);
	}
}
