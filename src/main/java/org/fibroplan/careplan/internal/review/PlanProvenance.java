package org.fibroplan.careplan.internal.review;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.Date;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;
import org.fibroplan.fhir.TransactionWrites;

/**
 * A Provenance for every care-plan write: which version (target), when, who (the rules, or the clinician),
 * what happened (drafted, revised, edited, approved, revoked) and what it came from (the answers and the
 * rules).
 */
@Component
public class PlanProvenance {

	public static final Reference RULES_ENGINE = new Reference()
			.setIdentifier(new Identifier().setSystem(FhirTerms.SOFTWARE).setValue("fibroplan-careplan-rules"))
			.setDisplay("FibroPlan care-plan rules");

	private final DaoRegistry daos;

	/** The plan version was just written: flushed, so the reference check finds it inside a transaction Bundle. */
	@PersistenceContext
	private EntityManager entityManager;

	public PlanProvenance(DaoRegistry daos) {
		this.daos = daos;
	}

	public void record(IIdType versionedPlan, String event, Reference who, Collection<String> sources, String rules) {
		entityManager.flush();
		Provenance provenance = new Provenance();
		provenance.addTarget(new Reference(versionedPlan.toUnqualified().getValue()));
		provenance.setRecorded(new Date());
		provenance.setActivity(new CodeableConcept(new Coding(FhirTerms.PLAN_EVENT, event, null)));
		provenance.addAgent()
				.setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/provenance-participant-type", "author", "Author")))
				.setWho(who.copy());
		sources.forEach(source -> provenance.addEntity().setRole(Provenance.ProvenanceEntityRole.SOURCE).setWhat(new Reference(source)));
		if (rules != null) {
			provenance.addEntity().setRole(Provenance.ProvenanceEntityRole.DERIVATION).setWhat(new Reference(rules));
		}
		TransactionWrites.create(daos.getResourceDao(Provenance.class), provenance, new SystemRequestDetails());
	}
}
