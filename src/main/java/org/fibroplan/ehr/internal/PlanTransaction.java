package org.fibroplan.ehr.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fibroplan.fhir.FhirTerms;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * An approved plan as the FHIR transaction an EHR that accepts writes receives: the CarePlan, its Goals
 * and ServiceRequests each as a conditional update keyed on its FibroPlan identifier (so sending it twice
 * leaves one of each), the patient as a conditional reference by the identifier the EHR knows
 * ({@code Patient?identifier=system|mrn}), and a Provenance keyed on the plan version (by tag). References into
 * FibroPlan's own store (the answers behind an activity, the approving clinician) mean nothing to the EHR:
 * they travel as display text, never as references that would dangle.
 */
final class PlanTransaction {

	private final FhirContext fhirContext;

	PlanTransaction(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	/** The plan, its goals and referrals as stored, and the patient's identifier in the EHR's system. */
	record Plan(CarePlan carePlan, List<Goal> goals, List<ServiceRequest> referrals, Identifier patient) {}

	Bundle build(Plan plan) {
		Map<String, String> fullUrls = new HashMap<>();
		List<DomainResource> resources = new ArrayList<>();
		resources.add(plan.carePlan());
		resources.addAll(plan.goals());
		resources.addAll(plan.referrals());
		for (DomainResource resource : resources) {
			fullUrls.put(resource.getIdElement().toUnqualifiedVersionless().getValue(), "urn:uuid:" + UUID.randomUUID());
		}
		String patientReference = "Patient?identifier=" + plan.patient().getSystem() + "|" + plan.patient().getValue();
		String localPatient = plan.carePlan().getSubject().getReferenceElement().toUnqualifiedVersionless().getValue();

		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (DomainResource stored : resources) {
			DomainResource copy = (DomainResource) stored.copy();
			String local = stored.getIdElement().toUnqualifiedVersionless().getValue();
			copy.setId((String) null);
			copy.setMeta(null);
			relink(copy, fullUrls, localPatient, patientReference);
			Identifier key = identifier(copy).orElseThrow(() -> new IllegalArgumentException(local + " has no FibroPlan identifier to key the delivery on"));
			bundle.addEntry().setFullUrl(fullUrls.get(local)).setResource(copy).getRequest()
					.setMethod(Bundle.HTTPVerb.PUT)
					.setUrl(copy.fhirType() + "?identifier=" + key.getSystem() + "|" + key.getValue());
		}
		Provenance provenance = provenance(plan.carePlan(), fullUrls.get(plan.carePlan().getIdElement().toUnqualifiedVersionless().getValue()));
		bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(provenance).getRequest()
				.setMethod(Bundle.HTTPVerb.PUT)
				.setUrl("Provenance?_tag=" + DeliveryKeys.SYSTEM + "|" + provenance.getMeta().getTagFirstRep().getCode());
		return bundle;
	}

	/** Points every reference at the bundle's own entries, the patient at the EHR's patient, the rest at nothing. */
	private void relink(DomainResource resource, Map<String, String> fullUrls, String localPatient, String patientReference) {
		FhirTerser terser = fhirContext.newTerser();
		for (Reference reference : terser.getAllPopulatedChildElementsOfType(resource, Reference.class)) {
			String target = reference.getReference();
			if (target == null || target.startsWith("#")) {
				continue;
			}
			String versionless = reference.getReferenceElement().toUnqualifiedVersionless().getValue();
			if (versionless.equals(localPatient)) {
				reference.setReference(patientReference);
			} else if (fullUrls.containsKey(versionless)) {
				reference.setReference(fullUrls.get(versionless));
			} else {
				reference.setReference(null);
				if (!reference.hasDisplay()) {
					reference.setDisplay("FibroPlan " + versionless);
				}
			}
		}
		if (resource instanceof CarePlan carePlan) {
			carePlan.getReplaces().clear(); // earlier FibroPlan versions: the EHR keeps one plan, updated in place
		}
	}

	private static Optional<Identifier> identifier(Resource resource) {
		List<Identifier> identifiers = resource instanceof CarePlan plan ? plan.getIdentifier()
				: resource instanceof Goal goal ? goal.getIdentifier()
				: resource instanceof ServiceRequest referral ? referral.getIdentifier()
				: List.of();
		return identifiers.stream().filter(i -> i.getSystem() != null && i.getSystem().startsWith(FhirTerms.BASE + "/")).findFirst();
	}

	/** Who and what the EHR should record as the plan's source: this approved version, from FibroPlan. */
	private static Provenance provenance(CarePlan plan, String carePlanFullUrl) {
		Identifier planIdentifier = identifier(plan).orElseThrow();
		Provenance provenance = new Provenance();
		// R4 Provenance has no identifier: the delivery key is a tag, which a conditional update can search on.
		provenance.getMeta().addTag(DeliveryKeys.SYSTEM, DeliveryKeys.version(plan), "FibroPlan delivery of " + planIdentifier.getValue());
		provenance.addTarget(new Reference(carePlanFullUrl));
		provenance.setRecorded(new Date());
		provenance.setActivity(new CodeableConcept(new Coding(FhirTerms.PLAN_EVENT, "approved", "Approved by a clinician")));
		provenance.addAgent()
				.setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/provenance-participant-type", "author", "Author")))
				.setWho(new Reference().setDisplay(plan.getAuthor().hasDisplay() ? plan.getAuthor().getDisplay()
						: "Approved in FibroPlan by " + plan.getAuthor().getReference()));
		provenance.addAgent()
				.setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/provenance-participant-type", "assembler", "Assembler")))
				.setWho(new Reference().setDisplay("FibroPlan care-plan module"));
		return provenance;
	}
}
