package org.fibroplan.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.Tokens;
import org.junit.jupiter.api.Test;

/** The actuator beyond health and info is the operator's; the operator is nobody in the FHIR data. */
class OperatorAccessIT extends FhirIntegrationTest {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void onlyTheOperatorReadsMetricsHealthAndInfoAreOpen() throws Exception {
		assertThat(status("/actuator/metrics", "patient", "patient")).isEqualTo(403);
		assertThat(status("/actuator/metrics", "clinician", "clinician")).isEqualTo(403);
		assertThat(status("/actuator/metrics/jvm.memory.used", "patient", "patient")).isEqualTo(403);
		assertThat(status("/actuator/metrics", null, null)).isEqualTo(401);
		assertThat(status("/actuator/metrics", "operator", "operator")).isEqualTo(200);
		assertThat(status("/actuator/metrics/jvm.memory.used", "operator", "operator")).isEqualTo(200);
		assertThat(status("/actuator/health", null, null)).isEqualTo(200);
		assertThat(status("/actuator/health/readiness", null, null)).isEqualTo(200);
		assertThat(status("/actuator/info", null, null)).isEqualTo(200);
	}

	@Test
	void theOperatorGetsNoFhirScopesThroughAnApp() {
		assertThatThrownBy(() -> Tokens.authorizationCode(port(), "demo-clinician-app", Tokens.CLINICIAN_APP_SCOPES, "operator", "operator"))
				.hasMessageContaining("invalid_scope");
		assertThatThrownBy(() -> Tokens.authorizationCode(port(), "demo-patient-app", Tokens.PATIENT_APP_SCOPES, "operator", "operator"))
				.hasMessageContaining("invalid_scope");
	}

	private int status(String path, String user, String password) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Tokens.base(port()) + path));
		if (user != null) {
			request.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}
}
