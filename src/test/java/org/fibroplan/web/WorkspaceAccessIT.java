package org.fibroplan.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.Tokens;
import org.fibroplan.careplan.Answers;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/**
 * Who may reach what the pages show: the pages send strangers to the identity provider, the assessment
 * the patient view shows is for clinicians (and systems), and a patient cannot obtain clinician scopes by
 * logging in through a client registered for both.
 */
class WorkspaceAccessIT extends FhirIntegrationTest {

	@Test
	void aStrangerIsSentToSignInBeforeSeeingAnyPage() throws Exception {
		HttpResponse<Void> workspace = get("/app");
		assertThat(workspace.statusCode()).isEqualTo(302);
		assertThat(workspace.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/oauth2/authorization/clinician"));
		HttpResponse<Void> patientPage = get("/app/patient");
		assertThat(patientPage.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/oauth2/authorization/patient"));
		assertThat(get("/app/welcome").statusCode()).isEqualTo(200);
	}

	@Test
	void theClinicianReadsThePatientsAssessmentAndThePatientCannot() {
		String patient = fhir().create().resource(new Patient()).execute().getId().getIdPart();
		fhir().create().resource(Answers.peg(patient, 8, 7, 6)).execute();
		Parameters assessment = client(port(), Tokens.clinicianToken(port())).operation().onInstance("Patient/" + patient)
				.named("$assessment").withNoParameters(Parameters.class).useHttpGet().execute();
		assertThat(assessment.getParameter()).anyMatch(p -> "peg".equals(p.getName()) && "7.00".equals(p.getValue().primitiveValue()));

		var patientApp = client(port(), Tokens.patientToken(port(), "patient"));
		assertThatThrownBy(() -> patientApp.operation().onInstance("Patient/demo-patient").named("$assessment")
				.withNoParameters(Parameters.class).useHttpGet().execute()).isInstanceOf(ForbiddenOperationException.class);
	}

	@Test
	void aPatientWhoLogsInThroughAClinicianAppGetsNoClinicianScopes() {
		assertThatThrownBy(() -> Tokens.authorizationCode(port(), "demo-clinician-app", Tokens.CLINICIAN_APP_SCOPES, "patient", "patient"))
				.hasMessageContaining("invalid_scope");
	}

	private HttpResponse<Void> get(String path) throws Exception {
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path)).build(),
				HttpResponse.BodyHandlers.discarding());
	}
}
