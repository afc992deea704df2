package org.fibroplan.ehr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.fibroplan.ehr.DeliveryTargets;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

/** Which EHR answers are worth another attempt, when, and which delivery mode a CapabilityStatement allows. */
class DeliveryFailureTest {

	@Test
	void networkErrorsServerErrorsTimeoutsAndTooManyRequestsAreRetriedEveryOtherClientErrorIsFinal() {
		assertThat(DeliveryFailure.of(new FhirClientConnectionException("Connection refused"), "ehr", null))
				.isInstanceOf(DeliveryFailure.Unavailable.class).hasMessageContaining("ehr could not be reached");
		for (int status : List.of(500, 502, 503, 408, 429)) {
			assertThat(DeliveryFailure.of(BaseServerResponseException.newInstance(status, "x"), "ehr", null)).as("HTTP " + status)
					.isInstanceOf(DeliveryFailure.Unavailable.class);
		}
		for (int status : List.of(400, 401, 403, 404, 409, 412, 422)) {
			assertThat(DeliveryFailure.of(BaseServerResponseException.newInstance(status, "x"), "ehr", null)).as("HTTP " + status)
					.isInstanceOf(DeliveryFailure.Refused.class).hasMessageContaining("ehr answered HTTP " + status);
		}
	}

	@Test
	void aRetryAfterSeenOnTheResponseIsKeptWhenTheExceptionLostTheHeaders() {
		DeliveryFailure failure = DeliveryFailure.of(BaseServerResponseException.newInstance(429, "slow down"), "ehr", Duration.ofSeconds(30));
		assertThat(((DeliveryFailure.Unavailable) failure).retryAfter()).contains(Duration.ofSeconds(30));
	}

	@Test
	void aRefusalCarriesTheEhrsOperationOutcome() {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue().setDiagnostics("Goal.target is required");
		DeliveryFailure failure = DeliveryFailure.of(new InvalidRequestException("bad", outcome), "ehr", null);
		assertThat(((DeliveryFailure.Refused) failure).ehrAnswer().getIssueFirstRep().getDiagnostics()).isEqualTo("Goal.target is required");
	}

	@Test
	void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
		Instant now = Instant.parse("2026-11-21T10:00:00Z");
		assertThat(DeliveryFailure.retryAfter(Map.of("Retry-After", List.of("120")), now)).isEqualTo(Duration.ofSeconds(120));
		assertThat(DeliveryFailure.retryAfter(Map.of("retry-after", List.of("Sat, 21 Nov 2026 10:01:30 GMT")), now))
				.isEqualTo(Duration.ofSeconds(90));
		assertThat(DeliveryFailure.retryAfter(Map.of("Retry-After", List.of("soon")), now)).isNull();
		assertThat(DeliveryFailure.retryAfter(Map.of(), now)).isNull();
	}

	@Test
	void autoModeSendsATransactionOnlyWhereCarePlanWritesAndTransactionsAreOffered() {
		CapabilityStatement full = new CapabilityStatement();
		CapabilityStatement.CapabilityStatementRestComponent rest = full.addRest();
		rest.addInteraction().setCode(CapabilityStatement.SystemRestfulInteraction.TRANSACTION);
		rest.addResource().setType("CarePlan").addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.UPDATE);
		assertThat(EhrConnections.modeAllowedBy(full)).isEqualTo(DeliveryTargets.Mode.FHIR);

		CapabilityStatement readOnly = new CapabilityStatement();
		readOnly.addRest().addResource().setType("CarePlan").addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.READ);
		readOnly.getRestFirstRep().addInteraction().setCode(CapabilityStatement.SystemRestfulInteraction.TRANSACTION);
		assertThat(EhrConnections.modeAllowedBy(readOnly)).isEqualTo(DeliveryTargets.Mode.DOCUMENT);

		CapabilityStatement noTransactions = new CapabilityStatement();
		noTransactions.addRest().addResource().setType("CarePlan").addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.CREATE);
		assertThat(EhrConnections.modeAllowedBy(noTransactions)).isEqualTo(DeliveryTargets.Mode.DOCUMENT);
	}
}
