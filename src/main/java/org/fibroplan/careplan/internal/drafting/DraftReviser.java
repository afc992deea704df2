package org.fibroplan.careplan.internal.drafting;

import org.fibroplan.careplan.internal.assessment.Assessment;
import org.fibroplan.careplan.internal.assessment.AssessmentBuilder;
import org.fibroplan.careplan.internal.rules.CarePlanKnowledge;
import org.fibroplan.careplan.internal.CarePlanTerms;
import org.fibroplan.careplan.internal.assessment.ClinicalVocabulary;
import org.fibroplan.careplan.internal.review.ClinicianDecisions;
import org.fibroplan.careplan.internal.assessment.PatientRecord;
import org.fibroplan.careplan.internal.assessment.PatientRecordLoader;
import org.fibroplan.careplan.internal.review.PlanProvenance;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.fibroplan.fhir.ConformantWrites;
import org.fibroplan.pro.ProRecorded;
import org.fibroplan.pro.ScoreRecorded;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps each patient's one draft plan current: on every new answer or score, in the transaction that
 * stores it, the draft is rebuilt from the rules and the whole record, clinicians' decisions are carried
 * over, red flags are raised as Flags and put the plan on hold, and what changed is stored with a
 * Provenance. When the transaction's 201 returns, the revised draft is readable.
 */
@Component
public class DraftReviser {

	private final DaoRegistry daos;
	private final CarePlanKnowledge knowledge;
	private final PatientRecordLoader records;
	private final PatientLocks locks;
	private final PlanProvenance provenance;
	private final PlanBuilder builder;

	/**
	 * Inside a FHIR transaction Bundle HAPI flushes only at commit; the revision flushes first so its
	 * searches see the Bundle's other entries, and its referrals and goals exist before the plan refers to them.
	 */
	@PersistenceContext
	private EntityManager entityManager;

	private final boolean enabled;

	private final Timer loadTimer;
	private final Timer buildTimer;
	private final Timer storeTimer;

	public DraftReviser(DaoRegistry daos, CarePlanKnowledge knowledge, PatientRecordLoader records, PatientLocks locks, PlanProvenance provenance,
			MeterRegistry meters, @Value("${fibroplan.careplan.drafting-enabled:true}") boolean enabled) {
		this.enabled = enabled;
		this.loadTimer = phase(meters, "load");
		this.buildTimer = phase(meters, "build");
		this.storeTimer = phase(meters, "store");
		this.daos = daos;
		this.knowledge = knowledge;
		this.records = records;
		this.locks = locks;
		this.provenance = provenance;
		this.builder = new PlanBuilder(knowledge.expressions());
	}

	@EventListener
	public void answersRecorded(ProRecorded recorded) {
		List<String> triggers = new ArrayList<>();
		triggers.add(recorded.questionnaireResponse());
		triggers.addAll(recorded.observations());
		revise(recorded.patient(), triggers);
	}

	@EventListener
	public void scoreRecorded(ScoreRecorded recorded) {
		revise(recorded.patient(), List.of(recorded.observation()));
	}

	/** Where a revision spends its time: reading the record, building the plan, storing what changed. */
	private static Timer phase(MeterRegistry meters, String phase) {
		return Timer.builder("fibroplan.careplan.revision").tag("phase", phase)
				.description("Time a draft revision spends in one phase").register(meters);
	}

	public void revise(String patient, List<String> triggers) {
		if (!enabled) {
			return; // off only to measure what revision adds to ingestion (bench/ingestion.sh)
		}
		locks.lockUntilTransactionEnds(patient);
		entityManager.flush();
		PatientRecord record = loadTimer.record(() -> records.load(patient, triggers));
		CarePlanKnowledge.Knowledge current = knowledge.current();
		Instant now = Instant.now();
		Optional<CarePlan> draft = record.draft();
		PlanBuilder.Built built = buildTimer.record(() -> {
			PlanBuilder.Built proposed = builder.propose(current, record, now);
			ClinicianDecisions.carryOver(proposed.plan(), draft.orElse(record.active().orElse(null)));
			// The hold and the narrative come after the carry-over: they must see the clinician's activities too.
			PlanBuilder.finish(proposed, current, PlanNarrative.contained(proposed.plan(), reference -> reference == null
					|| reference.startsWith("#") ? Optional.empty() : records.read(Resource.class, reference)));
			return proposed;
		});
		CarePlan plan = built.plan();

		storeTimer.record(() -> {
			raiseFlags(built.assessment(), current.vocabulary());
			draft.ifPresent(d -> plan.setCreated(d.getCreated()));
			store(plan, draft.orElse(null), triggers, current);
		});
	}

	private void raiseFlags(Assessment assessment, ClinicalVocabulary vocabulary) {
		for (Observation answer : assessment.unflaggedRedFlags()) {
			Coding code = answer.getCode().getCoding().stream().filter(vocabulary::isRedFlag).findFirst().orElseThrow();
			Flag flag = new Flag();
			flag.setStatus(Flag.FlagStatus.ACTIVE);
			flag.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/flag-category", "clinical", "Clinical")));
			flag.setCode(new CodeableConcept(new Coding(code.getSystem(), code.getCode(), vocabulary.redFlagDisplay(code.getCode())))
					.setText("Red flag: " + vocabulary.redFlagDisplay(code.getCode()) + " (the patient answered yes)"));
			flag.setSubject(answer.getSubject().copy());
			flag.getPeriod().setStart(Date.from(AssessmentBuilder.effective(answer)));
			flag.addExtension(CarePlanTerms.FLAG_DETAIL, new Reference(AssessmentBuilder.ref(answer)));
			daos.getResourceDao(Flag.class).create(flag, new SystemRequestDetails());
		}
	}

	/**
	 * Goals and referrals become stored resources: those the stored draft already holds are found by their
	 * goal id or catalogue activity and rewritten only when they changed (never when a clinician edited
	 * them); new ones are created. Then the plan itself, when it changed, with its Provenance.
	 */
	private void store(CarePlan plan, CarePlan stored, List<String> triggers, CarePlanKnowledge.Knowledge current) {
		java.util.Map<String, DomainResource> existing = new java.util.HashMap<>();
		java.util.Map<String, Reference> storedGoals = new java.util.HashMap<>();
		if (stored != null) {
			plan.setId(stored.getIdElement().toUnqualifiedVersionless());
			stored.getGoal().stream().filter(Reference::hasIdentifier).forEach(g -> storedGoals.put(g.getIdentifier().getValue(), g));
			for (String reference : references(stored)) {
				if (reference != null && reference.startsWith("ServiceRequest/")) {
					records.read(Resource.class, reference).filter(DomainResource.class::isInstance)
							.ifPresent(r -> existing.put(key((DomainResource) r), (DomainResource) r));
				}
			}
		}
		Set<String> kept = new LinkedHashSet<>();
		List<ServiceRequest> awaitingPlan = new ArrayList<>();
		for (Resource contained : new ArrayList<>(plan.getContained())) {
			if (!(contained instanceof Goal || contained instanceof ServiceRequest)) {
				continue;
			}
			DomainResource resource = (DomainResource) contained.copy();
			resource.setIdElement(null);
			if (resource instanceof Goal goal && goal.hasIdentifier()) {
				Reference earlier = storedGoals.get(goal.getIdentifierFirstRep().getValue());
				Reference now = plan.getGoal().stream().filter(g -> ("#" + contained.getIdElement().getIdPart()).equals(g.getReference())).findFirst().orElse(null);
				if (earlier != null && now != null && earlier.getDisplay() != null && earlier.getDisplay().equals(now.getDisplay())) {
					// Same goal, same target: nothing to read or write.
					kept.add(earlier.getReference());
					plan.getContained().remove(contained);
					replaceReferences(plan, "#" + contained.getIdElement().getIdPart(), earlier.getReference());
					continue;
				}
				if (earlier != null) {
					records.read(Goal.class, earlier.getReference()).ifPresent(g -> existing.put(key(goal), g));
				}
			}
			DomainResource before = existing.get(key(resource));
			if (resource instanceof ServiceRequest referral && stored != null) {
				referral.addBasedOn(new Reference(plan.getIdElement().toUnqualifiedVersionless().getValue()));
			}
			String reference;
			if (before != null) {
				reference = before.getIdElement().toUnqualifiedVersionless().getValue();
				resource.setId(reference);
				if (before.getExtensionByUrl(CarePlanTerms.CLINICIAN_EDIT) == null && !sameContent(before, resource)) {
					dao(resource).update(resource, new SystemRequestDetails());
				}
			} else {
				reference = dao(resource).create(resource, new SystemRequestDetails()).getId().toUnqualifiedVersionless().getValue();
				if (resource instanceof ServiceRequest referral && stored == null) {
					// The plan does not exist yet: the referral points back at it once it does.
					referral.setId(reference);
					awaitingPlan.add(referral);
				}
			}
			kept.add(reference);
			plan.getContained().remove(contained);
			replaceReferences(plan, "#" + contained.getIdElement().getIdPart(), reference);
		}
		if (stored != null) {
			retireDropped(stored, kept);
		}
		entityManager.flush();
		if (stored == null || !sameContent(stored, plan)) {
			// Drafted plans meet fm-care-plan by construction (DraftedPlansConformTest checks many).
			IIdType written = stored == null
					? daos.getResourceDao(CarePlan.class).create(plan, ConformantWrites.request()).getId()
					: daos.getResourceDao(CarePlan.class).update(plan, ConformantWrites.request()).getId();
			provenance.record(written, stored == null ? "drafted" : "revised", PlanProvenance.RULES_ENGINE, triggers,
					current.rules().planDefinition().getIdElement().toUnqualifiedVersionless().getValue());
			for (ServiceRequest referral : awaitingPlan) {
				referral.addBasedOn(new Reference(written.toUnqualifiedVersionless().getValue()));
				daos.getResourceDao(ServiceRequest.class).update(referral, new SystemRequestDetails());
			}
		}
	}

	/** A goal is known by its goal id, a referral by the catalogue activity it instantiates. */
	private static String key(DomainResource resource) {
		if (resource instanceof Goal goal) {
			return "Goal " + goal.getIdentifier().stream().filter(i -> CarePlanTerms.GOAL_IDENTIFIER.equals(i.getSystem()))
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
					daos.getResourceDao(Goal.class).update(goal, new SystemRequestDetails());
				});
			} else if (reference.startsWith("ServiceRequest/")) {
				records.read(ServiceRequest.class, reference).filter(r -> r.getStatus() == ServiceRequest.ServiceRequestStatus.DRAFT).ifPresent(referral -> {
					referral.setStatus(ServiceRequest.ServiceRequestStatus.REVOKED);
					daos.getResourceDao(ServiceRequest.class).update(referral, new SystemRequestDetails());
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
