package org.fibroplan.careplan.internal.drafting;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.fibroplan.careplan.internal.assessment.PatientRecord;
import org.fibroplan.careplan.internal.assessment.PatientRecordLoader;
import org.fibroplan.careplan.internal.review.ClinicianDecisions;
import org.fibroplan.careplan.internal.rules.CarePlanKnowledge;
import org.hl7.fhir.r4.model.CarePlan;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Keeps each patient's one draft plan current: on every new answer or score, in the transaction that
 * stores it, the draft is rebuilt from the rules and the record, clinicians' decisions are carried over,
 * red flags are raised as Flags and put the plan on hold, and what changed is stored ({@link DraftStorage}).
 * When the transaction's 201 returns, the revised draft is readable.
 */
@Component
public class DraftReviser {

	private final CarePlanKnowledge knowledge;
	private final PatientRecordLoader records;
	private final PatientLocks locks;
	private final RedFlags redFlags;
	private final DraftStorage storage;
	private final PlanBuilder builder;
	private final ApplicationEventPublisher events;
	private final boolean enabled;
	private final Timer loadTimer;
	private final Timer buildTimer;
	private final Timer storeTimer;

	/**
	 * Inside a FHIR transaction Bundle HAPI flushes only at commit; the revision flushes first so its
	 * searches see the Bundle's other entries.
	 */
	@PersistenceContext
	private EntityManager entityManager;

	public DraftReviser(CarePlanKnowledge knowledge, PatientRecordLoader records, PatientLocks locks, RedFlags redFlags, DraftStorage storage,
			MeterRegistry meters, ApplicationEventPublisher events, @Value("${fibroplan.careplan.drafting-enabled:true}") boolean enabled) {
		this.events = events;
		this.knowledge = knowledge;
		this.records = records;
		this.locks = locks;
		this.redFlags = redFlags;
		this.storage = storage;
		this.builder = new PlanBuilder(knowledge.expressions());
		this.enabled = enabled;
		this.loadTimer = phase(meters, "load");
		this.buildTimer = phase(meters, "build");
		this.storeTimer = phase(meters, "store");
	}

	/** Where a revision spends its time: reading the record, building the plan, storing what changed. */
	private static Timer phase(MeterRegistry meters, String phase) {
		return Timer.builder("fibroplan.careplan.revision").tag("phase", phase)
				.description("Time a draft revision spends in one phase").register(meters);
	}

	/** Revises the patient's draft (creating it the first time) after the answers or scores named in triggers. */
	public void revise(String patient, List<String> triggers) {
		if (!enabled) {
			return; // off only to measure what revision adds to ingestion (bench/ingestion.sh)
		}
		locks.lockUntilTransactionEnds(patient);
		entityManager.flush();
		PatientRecord record = loadTimer.record(() -> records.load(patient, triggers));
		CarePlanKnowledge.Knowledge current = knowledge.current();
		Optional<CarePlan> draft = record.draft();
		PlanBuilder.Built built = buildTimer.record(() -> {
			PlanBuilder.Built proposed = builder.propose(current, record, Instant.now());
			ClinicianDecisions.carryOver(proposed.plan(), draft.orElse(record.active().orElse(null)));
			// The hold and the narrative come after the carry-over: they must see the clinician's activities too.
			PlanBuilder.finish(proposed, current, PlanNarrative.contained(proposed.plan(), records::resolve));
			return proposed;
		});
		storeTimer.record(() -> {
			redFlags.raise(built.assessment(), current.vocabulary());
			draft.ifPresent(d -> built.plan().setCreated(d.getCreated()));
			storage.store(built.plan(), draft.orElse(null), triggers, current.rules().planDefinition());
		});
		events.publishEvent(new DraftRevised(record, built.assessment(), built.plan()));
	}
}
