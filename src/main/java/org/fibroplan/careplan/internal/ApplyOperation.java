package org.fibroplan.careplan.internal;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.fibroplan.careplan.CarePlans;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * {@code GET /fhir/PlanDefinition/{id}/$apply?subject=Patient/{id}}: the CarePlan the rules would draft
 * for the patient now, from everything stored about them, with its goals and referrals contained.
 * Nothing is stored: no plan, no Flag.
 */
@Component
class ApplyOperation {

	private final DaoRegistry daos;
	private final CarePlans carePlans;

	ApplyOperation(DaoRegistry daos, CarePlans carePlans) {
		this.daos = daos;
		this.carePlans = carePlans;
	}

	@Operation(name = "$apply", idempotent = true, type = PlanDefinition.class)
	public CarePlan apply(
			@IdParam IdType planDefinitionId,
			@OperationParam(name = "subject", min = 1, max = 1) StringType subject,
			RequestDetails request) {
		if (subject == null || subject.getValue() == null || !subject.getValue().matches("Patient/[A-Za-z0-9\\-.]{1,64}")) {
			throw new InvalidRequestException("subject must name one patient as Patient/{id}, not " + (subject == null ? "nothing" : subject.getValue()));
		}
		String patient = subject.getValue().substring("Patient/".length());
		Patients.requireExists(daos, patient);
		PlanDefinition rules = (PlanDefinition) daos.getResourceDao(PlanDefinition.class).read(planDefinitionId.toUnqualifiedVersionless(), request);
		try {
			return carePlans.apply(rules, patient);
		} catch (IllegalArgumentException | IllegalStateException e) {
			throw new UnprocessableEntityException("PlanDefinition/" + planDefinitionId.getIdPart() + " cannot be applied: " + e.getMessage());
		}
	}
}
