package org.fibroplan.cdshooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * EHRs that publish their keys as a JWK Set (the usual case) or hand over one PEM key, signing ES384: the
 * same checks as the RS384 demo EHR of CdsHooksIT.
 */
class CdsClientJwtsTest {

	private static final String AUD = "https://fibroplan.example.org/cds-services/fibroplan-patient-view";

	@Test
	void anEhrPublishingItsKeysAsAJwkSetIsTrustedForThoseKeysOnly() throws Exception {
		ECKey ehrKey = new ECKeyGenerator(Curve.P_384).keyID("ehr-2026").generate();
		HttpServer jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		jwks.createContext("/jwks.json", exchange -> {
			byte[] body = new JWKSet(ehrKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		jwks.start();
		try {
			CdsClientJwts jwts = new CdsClientJwts(new CdsHooksProperties(List.of(new CdsHooksProperties.Client("https://ehr.example.org",
					"http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json", null)), ""), new DefaultResourceLoader());

			assertThat(jwts.verify("Bearer " + jwt(ehrKey, "https://ehr.example.org"), Set.of(AUD)).getIssuer()).isEqualTo("https://ehr.example.org");
			ECKey stranger = new ECKeyGenerator(Curve.P_384).keyID("ehr-2026").generate();
			assertThatThrownBy(() -> jwts.verify("Bearer " + jwt(stranger, "https://ehr.example.org"), Set.of(AUD)))
					.isInstanceOf(CdsClientJwts.Refused.class).hasMessageContaining("signature");
		} finally {
			jwks.stop(0);
		}
	}

	@Test
	void anEhrGivenAsOnePemKeyIsTrustedWhateverKidItNames() throws Exception {
		ECKey ehrKey = new ECKeyGenerator(Curve.P_384).keyID("any").generate();
		String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(ehrKey.toECPublicKey().getEncoded())
				+ "\n-----END PUBLIC KEY-----\n";
		CdsClientJwts jwts = new CdsClientJwts(new CdsHooksProperties(List.of(new CdsHooksProperties.Client("pem-ehr", null, pem)), ""),
				new DefaultResourceLoader());

		assertThat(jwts.verify("Bearer " + jwt(ehrKey, "pem-ehr"), Set.of(AUD)).getIssuer()).isEqualTo("pem-ehr");
		assertThatThrownBy(() -> jwts.verify("Bearer " + jwt(ehrKey, "someone-else"), Set.of(AUD)))
				.hasMessageContaining("Unknown issuer someone-else");
	}

	@Test
	void aClientWithNeitherOrBothKeySourcesIsAConfigurationError() {
		assertThatThrownBy(() -> new CdsClientJwts(new CdsHooksProperties(List.of(new CdsHooksProperties.Client("x", null, null)), ""),
				new DefaultResourceLoader())).isInstanceOf(IllegalStateException.class).hasMessageContaining("either jwks-url or public-key");
	}

	private static String jwt(ECKey key, String issuer) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(key.getKeyID()).build(),
				new JWTClaimsSet.Builder().issuer(issuer).audience(AUD).issueTime(new Date())
						.expirationTime(Date.from(Instant.now().plusSeconds(120))).jwtID(UUID.randomUUID().toString()).build());
		jwt.sign(new ECDSASigner(key));
		return jwt.serialize();
	}
}
