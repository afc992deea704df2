package org.fibroplan.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/** Access tokens live at most 5 minutes for every client, so revoking a session bites; the pages refresh theirs. */
class TokenLifetimesIT extends FhirIntegrationTest {

	@Autowired
	RegisteredClientRepository clients;

	@Test
	void everyTokenTheClientsGetLastsAtMostFiveMinutes() {
		assertThat(Tokens.clientCredentials(port(), "demo-system", "demo-secret", "system/*.rs").path("expires_in").asInt())
				.isBetween(1, 300);
		assertThat(Tokens.authorizationCode(port(), "demo-patient-app", Tokens.PATIENT_APP_SCOPES, "patient", "patient")
				.path("expires_in").asInt()).isBetween(1, 300);
		assertThat(Tokens.authorizationCode(port(), "demo-clinician-app", Tokens.CLINICIAN_APP_SCOPES, "clinician", "clinician")
				.path("expires_in").asInt()).isBetween(1, 300);
	}

	@Test
	void everyRegisteredClientIncludingThePagesHasFiveMinuteTokensThePagesWithRefreshTokens() {
		for (String id : List.of("demo-system", "demo-patient-app", "demo-clinician-app", "fibroplan-web")) {
			RegisteredClient client = clients.findByClientId(id);
			assertThat(client).as(id).isNotNull();
			assertThat(client.getTokenSettings().getAccessTokenTimeToLive()).as(id).isLessThanOrEqualTo(Duration.ofMinutes(5));
		}
		assertThat(clients.findByClientId("fibroplan-web").getAuthorizationGrantTypes()).contains(AuthorizationGrantType.REFRESH_TOKEN);
	}
}
