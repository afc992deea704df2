package org.fibroplan.ehr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.fibroplan.ehr.DeliveryTargets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.client.RestClient;

/** The Backend Services client assertion is what SMART asks for, signed with the configured ES384 key. */
class BackendServicesAssertionTest {

	@Test
	void anEs384AssertionNamesTheClientAndTheTokenUrlAndExpiresWithinFiveMinutes(@TempDir Path folder) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp384r1"));
		KeyPair keys = generator.generateKeyPair();
		Path pem = folder.resolve("ehr-client.pem");
		Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
		DeliveryTargets.Auth auth = new DeliveryTargets.Auth(DeliveryTargets.AuthType.BACKEND_SERVICES, null, null, "fibroplan",
				URI.create("https://ehr.example.org/token"), pem.toString(), "fibroplan-ec-1", "ES384", "system/CarePlan.cu");
		Instant now = Instant.parse("2026-11-21T10:00:00Z");

		BackendServicesTokens tokens = new BackendServicesTokens(auth, Clock.fixed(now, java.time.ZoneOffset.UTC), RestClient.create());
		SignedJWT assertion = SignedJWT.parse(tokens.assertion(now));
		SignedJWT another = SignedJWT.parse(tokens.assertion(now));

		assertThat(assertion.verify(new ECDSAVerifier((ECPublicKey) keys.getPublic()))).isTrue();
		assertThat(assertion.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES384);
		assertThat(assertion.getHeader().getKeyID()).isEqualTo("fibroplan-ec-1");
		var claims = assertion.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo("fibroplan");
		assertThat(claims.getSubject()).isEqualTo("fibroplan");
		assertThat(claims.getAudience()).containsExactly("https://ehr.example.org/token");
		assertThat(Duration.between(now, claims.getExpirationTime().toInstant())).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5));
		assertThat(claims.getJWTID()).isNotBlank().isNotEqualTo(another.getJWTClaimsSet().getJWTID());
	}
}
