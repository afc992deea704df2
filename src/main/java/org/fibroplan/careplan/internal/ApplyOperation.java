package org.fibroplan.careplan.internal;

import org.fibroplan.careplan.internal.rules.CarePlanKnowledge;
import org.fibroplan.careplan.internal.assessment.PatientRecordLoader;
import org.fibroplan.careplan.internal.drafting.PlanBuilder;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code GET /fhir/PlanDefinition/{id}/$apply?subject=Patient/{id}}: the CarePlan the rules would draft
 * for the patient now, from everything stored about them, with its goals and referrals contained.
 * Nothing is stored: no plan, no Flag.
 */
class ApplyOperation {

	private final DaoRegistry daos;
	private final CarePlanKnowledge knowledge;
	private final PatientRecordLoader records;
	private final PlanBuilder builder;

	ApplyOperation(DaoRegistry daos, CarePlanKnowledge knowledge, PatientRecordLoader records) {
		this.daos = daos;
		this.knowledge = knowledge;
		this.records = records;
		this.builder = new PlanBuilder(knowledge.expressions());
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
		try {
			daos.getResourceDao(Patient.class).read(new IdType("Patient", patient), new SystemRequestDetails());
		} catch (ResourceNotFoundException e) {
			throw new ResourceNotFoundException("No Patient/" + patient + " on this server");
		}
		PlanDefinition rules = (PlanDefinition) daos.getResourceDao(PlanDefinition.class).read(planDefinitionId.toUnqualifiedVersionless(), request);
		CarePlanKnowledge.Knowledge compiled;
		try {
			compiled = knowledge.forRules(rules);
		} catch (IllegalArgumentException | IllegalStateException e) {
			throw new UnprocessableEntityException("PlanDefinition/" + planDefinitionId.getIdPart() + " cannot be applied: " + e.getMessage());
		}
		return builder.build(compiled, records.load(patient, List.of()), Instant.now()).plan();
	}
}
