package org.fibroplan.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.Tokens;
import org.junit.jupiter.api.Test;

/**
 * A browser app on another origin may call the FHIR API and the token endpoint only when FibroPlan names its
 * origin (fibroplan.security.cors.allowed-origins; the test configuration allows http://127.0.0.1 on any
 * port, where the connected-app pages are served). Other origins get no CORS answer, so the browser keeps the
 * response from their scripts; FibroPlan's own pages and sign-in are never opened to other origins.
 */
class CrossOriginAppsIT extends FhirIntegrationTest {

	private static final String APP = "http://127.0.0.1:18399";
	private static final String STRANGER = "https://evil.example";
	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void anAllowedAppsPreflightForAnAuthorizedFhirWriteIsAnsweredWithoutAToken() throws Exception {
		HttpResponse<String> preflight = preflight("/fhir/QuestionnaireResponse", APP, "POST", "authorization,content-type");
		assertThat(preflight.statusCode()).isEqualTo(200);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase()).contains("authorization", "content-type");
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).as("bearer tokens only, never cookies").isEmpty();
	}

	@Test
	void anAllowedAppReadsSmartConfigurationAndTheFhirAnswerWithTheHeadersAClientNeeds() throws Exception {
		HttpResponse<String> discovery = send(HttpRequest.newBuilder(URI.create(Tokens.base(port()) + "/fhir/.well-known/smart-configuration"))
				.header("Origin", APP).GET().build());
		assertThat(discovery.statusCode()).isEqualTo(200);
		assertThat(discovery.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);

		HttpResponse<String> read = send(HttpRequest.newBuilder(URI.create(Tokens.base(port()) + "/fhir/Questionnaire/peg"))
				.header("Origin", APP).header("Authorization", "Bearer " + Tokens.systemToken(port())).GET().build());
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);
		assertThat(read.headers().firstValue("Access-Control-Expose-Headers").orElse("")).contains("Location", "ETag");
	}

	@Test
	void anAllowedAppMayExchangeItsCodeAtTheTokenEndpoint() throws Exception {
		HttpResponse<String> preflight = preflight("/oauth2/token", APP, "POST", "content-type");
		assertThat(preflight.statusCode()).isEqualTo(200);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);
	}

	@Test
	void anAllowedBrowserHarnessMayCallTheCdsHooksService() throws Exception {
		HttpResponse<String> preflight = preflight("/cds-services/fibroplan-patient-view", APP, "POST", "authorization,content-type");
		assertThat(preflight.statusCode()).isEqualTo(200);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);

		HttpResponse<String> discovery = send(HttpRequest.newBuilder(URI.create(Tokens.base(port()) + "/cds-services"))
				.header("Origin", APP).GET().build());
		assertThat(discovery.statusCode()).isEqualTo(200);
		assertThat(discovery.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);
	}

	@Test
	void anOriginNotNamedGetsNoCorsAnswerAndItsPreflightIsRefused() throws Exception {
		HttpResponse<String> preflight = preflight("/fhir/QuestionnaireResponse", STRANGER, "POST", "authorization,content-type");
		assertThat(preflight.statusCode()).isEqualTo(403);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

		HttpResponse<String> read = send(HttpRequest.newBuilder(URI.create(Tokens.base(port()) + "/fhir/metadata"))
				.header("Origin", STRANGER).GET().build());
		assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void theSignInPagesAndTheWebPagesAreNotOpenedToOtherOrigins() throws Exception {
		for (String path : new String[] {"/login", "/oauth2/authorize", "/app/patient"}) {
			HttpResponse<String> preflight = preflight(path, APP, "POST", "content-type");
			assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as(path).isEmpty();
		}
	}

	private HttpResponse<String> preflight(String path, String origin, String method, String headers) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(Tokens.base(port()) + path))
				.header("Origin", origin).header("Access-Control-Request-Method", method).header("Access-Control-Request-Headers", headers)
				.method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}
}
