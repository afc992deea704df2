package org.fibroplan.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.fibroplan.FhirIntegrationTest;
import org.fibroplan.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Getting tokens the way each kind of client does, and what the FHIR API makes of bad ones. */
class TokenFlowsIT extends FhirIntegrationTest {

	@Autowired
	JWKSource<SecurityContext> serverKeys;

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aPatientAppLogsInWithPkceAndLearnsItsPatient() throws Exception {
		JsonNode response = Tokens.authorizationCode(port(), "demo-patient-app", Tokens.PATIENT_APP_SCOPES, "patient", "patient");

		assertThat(response.path("_status").asInt()).isEqualTo(200);
		assertThat(response.path("patient").asText()).isEqualTo("demo-patient");
		assertThat(response.path("token_type").asText()).isEqualTo("Bearer");
		assertThat(response.path("scope").asText().split(" ")).contains("patient/*.rs", "patient/Observation.c", "launch/patient");
		assertThat(response.path("id_token").asText()).isNotBlank();
		JWTClaimsSet claims = SignedJWT.parse(response.path("access_token").asText()).getJWTClaimsSet();
		assertThat(claims.getStringClaim("patient")).isEqualTo("demo-patient");
		assertThat(claims.getStringClaim("fhirUser")).isEqualTo("Patient/demo-patient");
		assertThat(claims.getAudience()).containsExactly(Tokens.base(port()) + "/fhir");
		assertThat(claims.getIssuer()).isEqualTo(Tokens.base(port()));
		assertThat(status(response.path("access_token").asText(), "/fhir/Patient/demo-patient")).isEqualTo(200);
	}

	@Test
	void aClinicianAppLogsInWithPkceAsAPractitioner() throws Exception {
		JsonNode response = Tokens.authorizationCode(port(), "demo-clinician-app", Tokens.CLINICIAN_APP_SCOPES, "clinician", "clinician");

		assertThat(response.path("_status").asInt()).isEqualTo(200);
		assertThat(response.has("patient")).isFalse();
		JWTClaimsSet claims = SignedJWT.parse(response.path("access_token").asText()).getJWTClaimsSet();
		assertThat(claims.getStringClaim("fhirUser")).isEqualTo("Practitioner/demo-clinician");
		assertThat(claims.getStringListClaim("scope")).contains("user/*.cruds");
		assertThat(status(response.path("access_token").asText(), "/fhir/Practitioner/demo-clinician")).isEqualTo(200);
	}

	@Test
	void theSystemClientGetsATokenWithItsSecretAndNotWithAWrongOne() {
		JsonNode good = Tokens.clientCredentials(port(), "demo-system", "demo-secret", "system/*.cruds");
		assertThat(good.path("_status").asInt()).isEqualTo(200);
		assertThat(good.path("expires_in").asInt()).isLessThanOrEqualTo(300);
		assertThat(Tokens.clientCredentials(port(), "demo-system", "wrong", "system/*.cruds").path("_status").asInt()).isEqualTo(401);
		assertThat(Tokens.clientCredentials(port(), "demo-system", "demo-secret", "system/*.*").path("scope").asText())
				.as("the SMART v1 alias is granted too").isEqualTo("system/*.*");
	}

	@Test
	void theSystemClientAuthenticatesWithASignedAssertionAsSmartBackendServicesDoes() throws Exception {
		RSAKey demoKey = demoSystemKey();
		String assertion = assertion(demoKey, UUID.randomUUID().toString());

		JsonNode token = Tokens.clientAssertion(port(), assertion, "system/*.rs");
		assertThat(token.path("_status").asInt()).as(token.toString()).isEqualTo(200);
		assertThat(status(token.path("access_token").asText(), "/fhir/Patient?_count=1")).isEqualTo(200);

		assertThat(Tokens.clientAssertion(port(), assertion, "system/*.rs").path("_status").asInt())
				.as("a replayed assertion is refused").isEqualTo(401);
		RSAKey otherKey = new RSAKeyGenerator(2048).keyID("demo-system-2026").generate();
		assertThat(Tokens.clientAssertion(port(), assertion(otherKey, UUID.randomUUID().toString()), "system/*.rs")
				.path("_status").asInt()).as("an assertion signed with another key is refused").isEqualTo(401);
	}

	@Test
	void theSmartConfigurationHasEveryRequiredField() throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(
				URI.create(Tokens.base(port()) + "/fhir/.well-known/smart-configuration")).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode config = new ObjectMapper().readTree(response.body());
		assertThat(config.path("token_endpoint").asText()).isEqualTo(Tokens.base(port()) + "/oauth2/token");
		assertThat(config.path("authorization_endpoint").asText()).isEqualTo(Tokens.base(port()) + "/oauth2/authorize");
		assertThat(config.path("issuer").asText()).isEqualTo(Tokens.base(port()));
		assertThat(config.path("jwks_uri").asText()).isEqualTo(Tokens.base(port()) + "/oauth2/jwks");
		assertThat(config.path("grant_types_supported").toString()).contains("authorization_code", "client_credentials");
		assertThat(config.path("capabilities").toString()).contains("launch-standalone", "permission-v2", "client-confidential-asymmetric");
		assertThat(config.path("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
		assertThat(config.path("scopes_supported").toString()).contains("patient/*.rs", "user/*.cruds", "system/*.cruds");
	}

	@Test
	void withoutATokenTheApiSays401WithWwwAuthenticate() throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(Tokens.base(port()) + "/fhir/Observation")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
		assertThat(response.body()).contains("OperationOutcome");
	}

	@Test
	void expiredForeignMisaddressedOrTamperedTokensAre401() throws Exception {
		String base = Tokens.base(port());
		RSAKey signingKey = (RSAKey) serverKeys.get(new JWKSelector(new JWKMatcher.Builder().build()), null).get(0);
		Instant now = Instant.now();

		String valid = token(signingKey, base, base + "/fhir", now.plusSeconds(300));
		assertThat(status(valid, "/fhir/Patient?_count=1")).as("control: a well-formed token works").isEqualTo(200);

		assertThat(status(token(signingKey, base, base + "/fhir", now.minusSeconds(120)), "/fhir/Patient")).as("expired").isEqualTo(401);
		assertThat(status(token(signingKey, "http://evil.example", base + "/fhir", now.plusSeconds(300)), "/fhir/Patient"))
				.as("wrong issuer").isEqualTo(401);
		assertThat(status(token(signingKey, base, "http://other-server/fhir", now.plusSeconds(300)), "/fhir/Patient"))
				.as("wrong audience").isEqualTo(401);
		String[] parts = valid.split("\\.");
		String tamperedPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
				new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("system/*.rs", "system/*.cruds").getBytes());
		assertThat(status(parts[0] + "." + tamperedPayload + "." + parts[2], "/fhir/Patient")).as("tampered").isEqualTo(401);
	}

	/** The published demo key (docs/demo-keys), a PKCS#8 PEM the JDK reads without extra libraries. */
	private static RSAKey demoSystemKey() throws Exception {
		String pem = Files.readString(Path.of("docs/demo-keys/demo-system-private-key.pem"))
				.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		var factory = java.security.KeyFactory.getInstance("RSA");
		var privateKey = (java.security.interfaces.RSAPrivateCrtKey) factory.generatePrivate(
				new java.security.spec.PKCS8EncodedKeySpec(java.util.Base64.getDecoder().decode(pem)));
		var publicKey = (java.security.interfaces.RSAPublicKey) factory.generatePublic(
				new java.security.spec.RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
		return new RSAKey.Builder(publicKey).privateKey(privateKey).keyID("demo-system-2026").build();
	}

	private String assertion(RSAKey key, String jti) throws Exception {
		JWTClaimsSet claims = new JWTClaimsSet.Builder()
				.issuer("demo-system").subject("demo-system")
				.audience(Tokens.base(port()) + "/oauth2/token")
				.issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(120)))
				.jwtID(jti).build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	private static String token(RSAKey key, String issuer, String audience, Instant expires) throws Exception {
		JWTClaimsSet claims = new JWTClaimsSet.Builder()
				.issuer(issuer).subject("demo-system").audience(List.of(audience))
				.claim("scope", List.of("system/*.rs")).claim("client_id", "demo-system")
				.issueTime(Date.from(expires.minusSeconds(300))).notBeforeTime(Date.from(expires.minusSeconds(300)))
				.expirationTime(Date.from(expires)).build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	private int status(String token, String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(Tokens.base(port()) + path)).header("Authorization", "Bearer " + token).build(),
				HttpResponse.BodyHandlers.ofString()).statusCode();
	}
}
