package org.fibroplan.careplan.internal;

import org.fibroplan.careplan.internal.drafting.ClinicianTasksOffPatientReads;
import org.fibroplan.careplan.internal.queue.FlagAcknowledgements;
import org.fibroplan.careplan.internal.review.ClinicianWrites;
import org.fibroplan.careplan.internal.review.RedFlagReviews;
import org.fibroplan.careplan.internal.rules.RulesWriteCheck;
import org.fibroplan.fhir.FhirServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the care-plan module into the FHIR server: people's plan edits and approvals, red-flag acknowledgements and reviews, the rules' write
 * check, patients' reads of their plan without the clinician's tasks, and the $apply and $assessment operations (requests over HTTP only; the rules' own writes from
 * inside the server are not edits).
 */
@Configuration(proxyBeanMethods = false)
class CarePlanConfig {

	@Bean
	FhirServerCustomizer carePlanEditsAndOperations(ClinicianWrites clinicianWrites, RulesWriteCheck rulesWriteCheck,
			FlagAcknowledgements flagAcknowledgements, RedFlagReviews redFlagReviews, ClinicianTasksOffPatientReads clinicianTasks, ApplyOperation apply, AssessmentOperation assessment) {
		return server -> {
			server.registerInterceptor(clinicianWrites);
			server.registerInterceptor(flagAcknowledgements);
			// after the queue's acknowledgement: the review's Provenance, then the draft revised without the hold
			server.registerInterceptor(redFlagReviews);
			server.registerInterceptor(rulesWriteCheck);
			server.registerInterceptor(clinicianTasks);
			server.registerProvider(apply);
			server.registerProvider(assessment);
		};
	}
}
