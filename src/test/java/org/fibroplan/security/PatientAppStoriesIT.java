package org.fibroplan.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.UUID;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.Tokens;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** What a patient's app can and cannot do beyond single reads and writes. */
class PatientAppStoriesIT extends FhirIntegrationTest {

	@Test
	void aTransactionThatAlsoWritesForAnotherPatientIsRefusedWhole() {
		IGenericClient app = client(port(), Tokens.patientToken(port(), "patient"));
		String marker = UUID.randomUUID().toString();
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setResource(observation("demo-patient", marker)).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		transaction.addEntry().setResource(observation("demo-patient-b", marker)).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");

		assertThatThrownBy(() -> app.transaction().withBundle(transaction).execute())
				.isInstanceOf(ForbiddenOperationException.class);
		Bundle stored = fhir().search().byUrl("Observation?identifier=urn:fibroplan:test|" + marker)
				.returnBundle(Bundle.class).execute();
		assertThat(stored.getEntry()).as("nothing of the refused transaction is stored").isEmpty();
	}

	@Test
	void anAppRetryingAReportWithConditionalCreateStoresItOnce() {
		IGenericClient app = client(port(), Tokens.patientToken(port(), "patient"));
		String marker = UUID.randomUUID().toString();
		String condition = "Observation?identifier=urn:fibroplan:test|" + marker;

		MethodOutcome first = app.create().resource(observation("demo-patient", marker)).conditionalByUrl(condition).execute();
		MethodOutcome retry = app.create().resource(observation("demo-patient", marker)).conditionalByUrl(condition).execute();

		assertThat(first.getCreated()).isTrue();
		assertThat(retry.getId().getIdPart()).isEqualTo(first.getId().getIdPart());
	}

	@Test
	void operationsAreNotForPatientApps() {
		IGenericClient app = client(port(), Tokens.patientToken(port(), "patient"));
		assertThatThrownBy(() -> app.operation().onInstance(new IdType("Patient", "demo-patient"))
				.named("$everything").withNoParameters(Parameters.class).execute())
				.isInstanceOf(ForbiddenOperationException.class);
	}

	@Test
	void anAppAskingForLessGetsLessWithTheSmartV1Scope() {
		Condition fibromyalgia = new Condition().setSubject(new Reference("Patient/demo-patient"))
				.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "203082005", "Fibromyalgia")));
		IdType condition = (IdType) fhir().create().resource(fibromyalgia).execute().getId().toUnqualifiedVersionless();
		IdType score = (IdType) fhir().create().resource(observation("demo-patient", UUID.randomUUID().toString()))
				.execute().getId().toUnqualifiedVersionless();
		String token = Tokens.authorizationCode(port(), "demo-patient-app",
				"openid launch/patient patient/Observation.read", "patient", "patient").path("access_token").asText();
		IGenericClient app = client(port(), token);

		assertThat(app.read().resource(Observation.class).withId(score).execute().getIdElement().getIdPart())
				.isEqualTo(score.getIdPart());
		assertThatThrownBy(() -> app.read().resource(Condition.class).withId(condition).execute())
				.isInstanceOf(ForbiddenOperationException.class);
		assertThatThrownBy(() -> app.create().resource(observation("demo-patient", UUID.randomUUID().toString())).execute())
				.as("read is not write").isInstanceOf(ForbiddenOperationException.class);
	}

	private static Observation observation(String patient, String marker) {
		Observation observation = new Observation().setStatus(Observation.ObservationStatus.FINAL)
				.setCode(new CodeableConcept().setText("Steps today")).setSubject(new Reference("Patient/" + patient));
		observation.addIdentifier().setSystem("urn:fibroplan:test").setValue(marker);
		return observation;
	}
}
