package org.fibroplan.careplan.internal;

import org.fibroplan.careplan.internal.rules.CarePlanKnowledge;
import org.fibroplan.careplan.internal.review.ClinicianWrites;
import org.fibroplan.careplan.internal.assessment.PatientRecordLoader;
import org.fibroplan.careplan.internal.review.PlanApproval;
import org.fibroplan.careplan.internal.review.PlanProvenance;
import org.fibroplan.careplan.internal.rules.RulesWriteCheck;
import org.fibroplan.fhir.FhirServerCustomizer;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the care-plan module into the FHIR server: people's plan edits and approvals, and the $apply
 * and $assessment operations (requests over HTTP only; the rules' own writes from inside the server are not edits).
 */
@Configuration(proxyBeanMethods = false)
class CarePlanConfig {

	@Bean
	FhirServerCustomizer carePlanEditsAndApply(
			DaoRegistry daos, CarePlanKnowledge knowledge, PatientRecordLoader records, PlanApproval approval, PlanProvenance provenance) {
		return server -> {
			server.registerInterceptor(new ClinicianWrites(knowledge, records, approval, provenance));
			server.registerInterceptor(new RulesWriteCheck(knowledge));
			server.registerProvider(new ApplyOperation(daos, knowledge, records));
			server.registerProvider(new AssessmentOperation(daos, knowledge, records));
		};
	}
}
