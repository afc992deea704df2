package org.fibroplan.ehr.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.List;
import org.fibroplan.ehr.DeliveryTargets;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Component;

/**
 * One attempt to put one approved plan version into one EHR: find the patient there by the identifier the
 * target knows (no identifier, no match or several matches: refused, never a guess), then send the plan as
 * a FHIR transaction or as a document, whichever the target takes.
 */
@Component
class PlanSender {

	private final DaoRegistry daos;
	private final EhrConnections connections;
	private final DeliveryTasks tasks;
	private final PlanTransaction transaction;

	PlanSender(DaoRegistry daos, EhrConnections connections, DeliveryTasks tasks, FhirContext fhirContext) {
		this.daos = daos;
		this.connections = connections;
		this.tasks = tasks;
		this.transaction = new PlanTransaction(fhirContext);
	}

	/** What the EHR stored. */
	record Delivered(String mode, String ehrReference) {}

	/** @throws DeliveryFailure when the plan did not land */
	Delivered send(Task task, DeliveryTargets.Target target) {
		CarePlan plan = read(CarePlan.class, task.getFocus().getReference());
		Identifier mrn = patientIdentifier(plan, target);
		EhrConnections.clearRetryAfter();
		try {
			IGenericClient ehr = connections.client(target);
			String ehrPatient = ehrPatient(ehr, mrn, target);
			if (connections.mode(target) == DeliveryTargets.Mode.FHIR) {
				try {
					return sendTransaction(ehr, plan, mrn, target);
				} catch (MethodNotAllowedException e) {
					if (target.mode() != DeliveryTargets.Mode.AUTO) {
						throw e;
					}
					connections.writesRefused(target); // its CapabilityStatement promised more than it takes
				}
			}
			return sendDocument(ehr, plan, ehrPatient, task, target);
		} catch (RuntimeException e) {
			throw DeliveryFailure.of(e, target.name(), EhrConnections.lastRetryAfter());
		}
	}

	private Delivered sendTransaction(IGenericClient ehr, CarePlan plan, Identifier mrn, DeliveryTargets.Target target) {
		List<Goal> goals = new ArrayList<>();
		plan.getGoal().forEach(goal -> goals.add(read(Goal.class, goal.getReference())));
		List<ServiceRequest> referrals = new ArrayList<>();
		plan.getActivity().stream().filter(CarePlan.CarePlanActivityComponent::hasReference)
				.map(a -> a.getReference().getReference()).filter(r -> r.startsWith("ServiceRequest/"))
				.forEach(r -> referrals.add(read(ServiceRequest.class, r)));
		Bundle response = ehr.transaction().withBundle(transaction.build(new PlanTransaction.Plan(plan, goals, referrals, mrn))).execute();
		String location = response.getEntryFirstRep().getResponse().getLocation();
		return new Delivered("fhir", absolute(target, location));
	}

	private Delivered sendDocument(IGenericClient ehr, CarePlan plan, String ehrPatient, Task task, DeliveryTargets.Target target) {
		String previous = tasks.lastDelivered(task.getGroupIdentifier().getValue())
				.flatMap(t -> DeliveryTaskFields.output(t, "ehr-resource"))
				.filter(r -> r.contains("DocumentReference/")).map(PlanSender::relative).orElse(null);
		DocumentReference document = PlanDocument.build(plan, ehrPatient, previous);
		Identifier key = document.getIdentifierFirstRep();
		MethodOutcome outcome = ehr.create().resource(document)
				.conditionalByUrl("DocumentReference?identifier=" + key.getSystem() + "|" + key.getValue()).execute();
		return new Delivered("document", absolute(target, outcome.getId().toUnqualified().getValue()));
	}

	/** The patient's id in the EHR, found by the identifier the target knows them by. */
	private static String ehrPatient(IGenericClient ehr, Identifier mrn, DeliveryTargets.Target target) {
		Bundle found = ehr.search().forResource(Patient.class)
				.where(Patient.IDENTIFIER.exactly().systemAndIdentifier(mrn.getSystem(), mrn.getValue()))
				.returnBundle(Bundle.class).execute();
		if (found.getEntry().isEmpty()) {
			throw new DeliveryFailure.Refused(target.name() + " has no patient with identifier " + mrn.getSystem() + "|" + mrn.getValue()
					+ "; the plan is not sent to a guessed patient", null, null);
		}
		if (found.getEntry().size() > 1) {
			throw new DeliveryFailure.Refused(target.name() + " has " + found.getEntry().size() + " patients with identifier "
					+ mrn.getSystem() + "|" + mrn.getValue() + "; the plan is not sent to a guessed patient", null, null);
		}
		return "Patient/" + found.getEntryFirstRep().getResource().getIdElement().getIdPart();
	}

	private Identifier patientIdentifier(CarePlan plan, DeliveryTargets.Target target) {
		String patient = plan.getSubject().getReferenceElement().toUnqualifiedVersionless().getValue();
		return read(Patient.class, patient).getIdentifier().stream()
				.filter(i -> target.patientIdentifierSystem().equals(i.getSystem()) && i.hasValue())
				.findFirst()
				.orElseThrow(() -> new DeliveryFailure.Refused(patient + " has no identifier in " + target.patientIdentifierSystem()
						+ ", the system " + target.name() + " knows patients by; add it to the Patient and ask for a retry", null, null));
	}

	private <T extends org.hl7.fhir.r4.model.Resource> T read(Class<T> type, String reference) {
		try {
			return type.cast(daos.getResourceDao(type).read(new IdType(reference), new SystemRequestDetails()));
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			throw new DeliveryFailure.Refused(reference + " is no longer in FibroPlan's store: " + e.getMessage(), null, e);
		}
	}

	private static String absolute(DeliveryTargets.Target target, String location) {
		if (location == null || location.startsWith("http")) {
			return location;
		}
		return target.baseUrl().toString().replaceAll("/+$", "") + "/" + location;
	}

	private static String relative(String absolute) {
		IdType id = new IdType(absolute);
		return id.getResourceType() + "/" + id.getIdPart();
	}
}
