package org.fibroplan.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.Tokens;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * SMART EHR launch (App Launch 2.2) on the embedded authorization server: the EHR issues a launch for
 * the patient on screen; the app sends it back with scope launch and learns the patient from the token
 * response. A launch is single-use, the launching user's only, and a bad one is an OAuth error.
 */
class EhrLaunchIT extends FhirIntegrationTest {

	static final String EHR_LAUNCH_SCOPES = "openid fhirUser launch user/*.cruds";

	@Autowired
	SmartLaunches launches;

	@Test
	void smartConfigurationAdvertisesTheEhrLaunch() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
				URI.create(Tokens.base(port()) + "/fhir/.well-known/smart-configuration")).build(), HttpResponse.BodyHandlers.ofString());
		JsonNode config = new ObjectMapper().readTree(response.body());
		assertThat(config.path("capabilities").toString()).contains("\"launch-ehr\"", "\"context-ehr-patient\"", "\"launch-standalone\"");
		assertThat(config.path("scopes_supported").toString()).contains("\"launch\"");
	}

	@Test
	void aClinicianAppLaunchedFromTheEhrLearnsThePatientAndKeepsItsClinicianScopes() throws Exception {
		String patient = newPatient("Launched").getIdPart();
		String other = newPatient("NotLaunched").getIdPart();
		String launch = launches.issue(patient, "clinician");

		JsonNode response = Tokens.authorizationCode(port(), "demo-clinician-app", EHR_LAUNCH_SCOPES, "clinician", "clinician",
				Map.of("launch", launch));

		assertThat(response.path("_status").asInt()).isEqualTo(200);
		assertThat(response.path("patient").asText()).isEqualTo(patient);
		assertThat(response.path("fhirUser").asText()).isEqualTo("Practitioner/demo-clinician");
		assertThat(response.path("need_patient_banner").asBoolean()).isTrue();
		assertThat(response.path("scope").asText().split(" ")).contains("launch", "user/*.cruds");
		JWTClaimsSet claims = SignedJWT.parse(response.path("access_token").asText()).getJWTClaimsSet();
		assertThat(claims.getStringClaim("patient")).isEqualTo(patient);
		assertThat(claims.getStringClaim("fhirUser")).isEqualTo("Practitioner/demo-clinician");
		// the patient is the context, not a fence: a clinician's user/ scopes still reach the clinic's records
		assertThat(client(port(), response.path("access_token").asText()).read().resource(Patient.class).withId(other).execute()
				.getIdElement().getIdPart()).isEqualTo(other);
	}

	@Test
	void aLaunchOpensOnceOnly() {
		String launch = launches.issue(newPatient("Once").getIdPart(), "clinician");
		Tokens.authorizationCode(port(), "demo-clinician-app", EHR_LAUNCH_SCOPES, "clinician", "clinician", Map.of("launch", launch));

		assertThatThrownBy(() -> Tokens.authorizationCode(port(), "demo-clinician-app", EHR_LAUNCH_SCOPES, "clinician", "clinician",
				Map.of("launch", launch)))
				.hasMessageContaining("The authorization server refused").hasMessageContaining("error=invalid_request");
	}

	@Test
	void anUnknownLaunchIsAnInvalidRequestSentBackToTheApp() {
		assertThatThrownBy(() -> Tokens.authorizationCode(port(), "demo-clinician-app", EHR_LAUNCH_SCOPES, "clinician", "clinician",
				Map.of("launch", "no-such-launch-0123456789abcdef")))
				.hasMessageContaining("The authorization server refused").hasMessageContaining("error=invalid_request")
				.hasMessageContaining("launch");
	}

	@Test
	void scopeLaunchWithoutALaunchIsRefused() {
		assertThatThrownBy(() -> Tokens.authorizationCode(port(), "demo-clinician-app", EHR_LAUNCH_SCOPES, "clinician", "clinician", Map.of()))
				.hasMessageContaining("error=invalid_request");
	}

	@Test
	void aLaunchIssuedToOneClinicianDoesNotOpenForAnother() {
		String launch = launches.issue(newPatient("Someone").getIdPart(), "clinician");

		assertThatThrownBy(() -> Tokens.authorizationCode(port(), "demo-clinician-app", EHR_LAUNCH_SCOPES, "author", "author",
				Map.of("launch", launch)))
				.hasMessageContaining("The authorization server refused").hasMessageContaining("error=invalid_request");
	}
}
