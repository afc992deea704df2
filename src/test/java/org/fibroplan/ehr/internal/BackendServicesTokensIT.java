package org.fibroplan.ehr.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.ehr.DeliveryTargets;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/**
 * Backend Services against an authorization server that checks the signed assertion: FibroPlan's own
 * embedded one stands in for the EHR's (client demo-system, whose public key it holds).
 */
class BackendServicesTokensIT extends FhirIntegrationTest {

	private DeliveryTargets.Auth auth(String key) {
		return new DeliveryTargets.Auth(DeliveryTargets.AuthType.BACKEND_SERVICES, null, null, "demo-system",
				URI.create("http://localhost:" + port() + "/oauth2/token"), key, "demo-system-2026", "RS384", "system/*.rs");
	}

	/** A clock the test moves. */
	static final class MovableClock extends Clock {
		final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now.get();
		}
	}

	@Test
	void aSignedAssertionBuysATokenThatWorksAndIsKeptUntilShortlyBeforeItExpires() {
		MovableClock clock = new MovableClock();
		BackendServicesTokens tokens = new BackendServicesTokens(auth("docs/demo-keys/demo-system-private-key.pem"), clock, RestClient.create());

		String token = tokens.token();
		Bundle patients = client(port(), token).search().byUrl("Patient?_count=1").returnBundle(Bundle.class).execute();
		assertThat(patients).isNotNull();
		assertThat(tokens.token()).as("kept while valid").isEqualTo(token);

		clock.now.set(clock.now.get().plus(Duration.ofMinutes(4).plusSeconds(5)));
		assertThat(tokens.token()).as("renewed a minute before the 5-minute token expires").isNotEqualTo(token);
	}

	@Test
	void anAssertionSignedWithAnotherKeyIsRefusedWithTheServersAnswer(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) throws Exception {
		java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		java.nio.file.Path pem = folder.resolve("stranger.pem");
		java.nio.file.Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
				+ java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n");
		BackendServicesTokens tokens = new BackendServicesTokens(auth(pem.toString()), Clock.systemUTC(), RestClient.create());

		assertThatThrownBy(tokens::token).isInstanceOf(BackendServicesTokens.TokenRefused.class)
				.hasMessageContaining("refused client demo-system").hasMessageContaining("HTTP 401");
	}
}
