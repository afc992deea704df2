package org.fibroplan.ehr.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.fibroplan.ehr.DeliveryTargets;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * SMART Backend Services for one EHR target: a client_credentials request authenticated with a signed
 * assertion (iss = sub = client id, aud = the token URL, a unique jti, expiring within 5 minutes, RS384 or
 * ES384 with the configured PEM key), and the access token kept until a minute before it expires.
 */
final class BackendServicesTokens {

	static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(4);
	static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(60);

	private final DeliveryTargets.Auth auth;
	private final Clock clock;
	private final RestClient http;
	private final JWSSigner signer;
	private String token;
	private Instant expires = Instant.MIN;

	BackendServicesTokens(DeliveryTargets.Auth auth, Clock clock, RestClient http) {
		this.auth = auth;
		this.clock = clock;
		this.http = http;
		this.signer = signer(auth);
	}

	/** A valid access token, fetched only when the kept one is missing or about to expire. */
	synchronized String token() {
		Instant now = clock.instant();
		if (token == null || !now.isBefore(expires.minus(RENEW_BEFORE_EXPIRY))) {
			fetch(now);
		}
		return token;
	}

	/** The EHR no longer accepts the kept token: fetch a new one next time. */
	synchronized void forget() {
		token = null;
	}

	private void fetch(Instant now) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "client_credentials");
		form.add("scope", auth.scope());
		form.add("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
		form.add("client_assertion", assertion(now));
		JsonNode response;
		try {
			response = http.post().uri(auth.tokenUrl()).contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
					.retrieve().body(JsonNode.class);
		} catch (RestClientResponseException e) {
			throw new TokenRefused("The token endpoint " + auth.tokenUrl() + " refused client " + auth.clientId()
					+ ": HTTP " + e.getStatusCode().value() + " " + e.getResponseBodyAsString(), e.getStatusCode().value(), e);
		}
		if (response == null || !response.hasNonNull("access_token")) {
			throw new TokenRefused("The token endpoint " + auth.tokenUrl() + " answered without an access_token", 0, null);
		}
		token = response.get("access_token").asText();
		expires = now.plusSeconds(response.path("expires_in").asLong(300));
	}

	/** The signed client assertion. */
	String assertion(Instant now) {
		JWTClaimsSet claims = new JWTClaimsSet.Builder()
				.issuer(auth.clientId())
				.subject(auth.clientId())
				.audience(auth.tokenUrl().toString())
				.jwtID(UUID.randomUUID().toString())
				.issueTime(Date.from(now))
				.expirationTime(Date.from(now.plus(ASSERTION_LIFETIME)))
				.build();
		JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.parse(auth.algorithm())).type(JOSEObjectType.JWT);
		if (auth.keyId() != null && !auth.keyId().isBlank()) {
			header.keyID(auth.keyId());
		}
		SignedJWT jwt = new SignedJWT(header.build(), claims);
		try {
			jwt.sign(signer);
		} catch (JOSEException e) {
			throw new IllegalStateException("Could not sign the client assertion for " + auth.clientId(), e);
		}
		return jwt.serialize();
	}

	private static JWSSigner signer(DeliveryTargets.Auth auth) {
		PrivateKey key = privateKey(Path.of(auth.privateKey()), auth.algorithm().startsWith("ES") ? "EC" : "RSA");
		try {
			return key instanceof ECPrivateKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAPrivateKey) key);
		} catch (JOSEException e) {
			throw new IllegalArgumentException("The key in " + auth.privateKey() + " cannot sign " + auth.algorithm(), e);
		}
	}

	/** A PKCS#8 PEM file ("-----BEGIN PRIVATE KEY-----"). */
	static PrivateKey privateKey(Path pem, String keyType) {
		try {
			String base64 = Files.readAllLines(pem).stream().filter(line -> !line.startsWith("-----")).map(String::trim)
					.reduce("", String::concat);
			return KeyFactory.getInstance(keyType).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read the private key " + pem, e);
		} catch (GeneralSecurityException | IllegalArgumentException e) {
			throw new IllegalArgumentException(pem + " does not hold a PKCS#8 " + keyType + " private key", e);
		}
	}

	/** The EHR's authorization server said no: delivery fails with its answer, and is retried later. */
	static final class TokenRefused extends RuntimeException {
		private final int status;

		TokenRefused(String message, int status, Throwable cause) {
			super(message, cause);
			this.status = status;
		}

		/** The token endpoint's HTTP status, 0 when it answered 200 without a token. */
		int status() {
			return status;
		}
	}
}
