package org.fibroplan.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.FibroPlanApplication;
import org.fibroplan.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The prod profile has no embedded identity: it refuses to start without an issuer to trust, and with
 * one it accepts that issuer's tokens. The shared test server plays the external issuer here.
 */
class ProductionIdentityIT extends FhirIntegrationTest {

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void withoutAnExternalIssuerTheProdProfileRefusesToStart() {
		assertThatThrownBy(() -> start().close())
				.hasStackTraceContaining("no external issuer is configured")
				.hasStackTraceContaining("spring.security.oauth2.resourceserver.jwt.issuer-uri");
	}

	@Test
	void withAnExternalIssuerTheProdProfileTrustsItsTokensAndNothingElse() throws Exception {
		String issuer = Tokens.base(port());
		try (ConfigurableApplicationContext prod = start(
				"--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer,
				"--fibroplan.security.audience=" + issuer + "/fhir")) {
			String prodBase = "http://localhost:" + prod.getEnvironment().getProperty("local.server.port");

			assertThat(get(prodBase + "/fhir/Patient?_count=1", Tokens.systemToken(port())).statusCode()).isEqualTo(200);
			assertThat(get(prodBase + "/fhir/Patient?_count=1", null).statusCode()).isEqualTo(401);
			assertThat(get(prodBase + "/fhir/.well-known/smart-configuration", null).body())
					.contains("\"token_endpoint\":\"" + issuer + "/oauth2/token\"")
					.contains("\"code_challenge_methods_supported\":[\"S256\"]");
			assertThat(post(prodBase + "/oauth2/token").statusCode()).as("no embedded authorization server").isNotEqualTo(200);
		}
	}

	private static ConfigurableApplicationContext start(String... extraArguments) {
		String[] base = {
			"--server.port=0",
			"--spring.datasource.url=jdbc:h2:mem:prod-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
			"--spring.datasource.username=sa",
			"--logging.level.root=warn"
		};
		String[] arguments = new String[base.length + extraArguments.length];
		System.arraycopy(base, 0, arguments, 0, base.length);
		System.arraycopy(extraArguments, 0, arguments, base.length, extraArguments.length);
		return new SpringApplicationBuilder(FibroPlanApplication.class).profiles("prod").run(arguments);
	}

	private HttpResponse<String> get(String url, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String url) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=demo-system&client_secret=demo-secret"))
				.build(), HttpResponse.BodyHandlers.ofString());
	}
}
