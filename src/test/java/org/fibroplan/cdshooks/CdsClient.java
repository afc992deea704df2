package org.fibroplan.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

/**
 * An EHR calling FibroPlan's CDS Hooks service as CDS Hooks 2.0 says: each call carries a fresh JWT
 * signed with the EHR's key. The demo EHR's key is the published one in docs/demo-keys.
 */
public record CdsClient(int port, String issuer, RSAKey key) {

	static final String DEMO_EHR = "fibroplan-demo-ehr";
	static final ObjectMapper JSON = new ObjectMapper();

	public static CdsClient demoEhr(int port) {
		return new CdsClient(port, DEMO_EHR, demoKey());
	}

	/** The same issuer with a key FibroPlan was never given. */
	static CdsClient impostor(int port, String issuer) {
		try {
			return new CdsClient(port, issuer, new RSAKeyGenerator(2048).keyID("impostor").generate());
		} catch (com.nimbusds.jose.JOSEException e) {
			throw new IllegalStateException(e);
		}
	}

	String base() {
		return "http://localhost:" + port;
	}

	String serviceUrl() {
		return base() + "/cds-services/fibroplan-patient-view";
	}

	/** A well-formed JWT for the service: aud its URL, five minutes, a new jti. */
	String jwt() {
		return jwt(serviceUrl(), Instant.now(), Instant.now().plus(Duration.ofMinutes(5)), UUID.randomUUID().toString());
	}

	String jwt(String audience, Instant issuedAt, Instant expires, String jti) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(),
					new JWTClaimsSet.Builder().issuer(issuer).audience(audience).issueTime(Date.from(issuedAt))
							.expirationTime(Date.from(expires)).jwtID(jti).build());
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		} catch (com.nimbusds.jose.JOSEException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The patient-view hook for a patient, as an EHR sends it (optionally with prefetched data). */
	static String patientView(String patientId, String prefetchJson) {
		return "{\"hook\":\"patient-view\",\"hookInstance\":\"" + UUID.randomUUID() + "\",\"context\":{\"userId\":\"Practitioner/demo-clinician\","
				+ "\"patientId\":\"" + patientId + "\"}" + (prefetchJson == null ? "" : ",\"prefetch\":" + prefetchJson) + "}";
	}

	Response post(String path, String body, String bearer) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
				.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return send(request.build());
	}

	Response get(String path) {
		return send(HttpRequest.newBuilder(URI.create(base() + path)).header("Accept", "application/json").GET().build());
	}

	/** The service's answer for a patient: the cards. */
	public JsonNode cards(String patientId) {
		Response response = post("/cds-services/fibroplan-patient-view", patientView(patientId, null), jwt());
		if (response.status() != 200) {
			throw new AssertionError("CDS call failed: " + response.status() + " " + response.body());
		}
		return response.json().path("cards");
	}

	private static Response send(HttpRequest request) {
		try {
			HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body(), response.headers().firstValue("Content-Type").orElse(""));
		} catch (java.io.IOException | InterruptedException e) {
			throw new IllegalStateException(e);
		}
	}

	record Response(int status, String body, String contentType) {
		JsonNode json() {
			try {
				return JSON.readTree(body);
			} catch (java.io.IOException e) {
				throw new AssertionError("Not JSON: " + body, e);
			}
		}
	}

	private static RSAKey demoKey() {
		try {
			String pem = Files.readString(Path.of("docs/demo-keys/demo-ehr-cds-private-key.pem"))
					.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
			KeyFactory factory = KeyFactory.getInstance("RSA");
			RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
			RSAPublicKey publicKey = (RSAPublicKey) factory.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
			return new RSAKey.Builder(publicKey).privateKey(privateKey).keyID("demo-ehr-2026").build();
		} catch (java.io.IOException | java.security.GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}
}
