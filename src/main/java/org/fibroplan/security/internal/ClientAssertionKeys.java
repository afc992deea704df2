package org.fibroplan.security.internal;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.Resource;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionDecoderFactory;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Verifies SMART Backend Services client assertions (private_key_jwt, RS384 or ES384) against public
 * keys configured with the client rather than fetched from a URL, and refuses a replayed assertion
 * (the same {@code jti} before it expires).
 */
class ClientAssertionKeys implements JwtDecoderFactory<RegisteredClient> {

	private final String clientId;
	private final JWKSet publicKeys;
	private final Map<String, Instant> seenAssertionIds = new ConcurrentHashMap<>();

	ClientAssertionKeys(String clientId, Resource jwks) {
		this.clientId = clientId;
		try (InputStream in = jwks.getInputStream()) {
			this.publicKeys = JWKSet.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).toPublicJWKSet();
		} catch (IOException | ParseException e) {
			throw new IllegalStateException("Cannot read the public keys of " + clientId + " from " + jwks, e);
		}
	}

	@Override
	public JwtDecoder createDecoder(RegisteredClient client) {
		if (!clientId.equals(client.getClientId())) {
			throw new JwtException("No public keys are registered for client " + client.getClientId());
		}
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
				Set.of(JWSAlgorithm.RS384, JWSAlgorithm.ES384), new ImmutableJWKSet<>(publicKeys)));
		processor.setJWTClaimsSetVerifier((claims, context) -> {});
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
				JwtClientAssertionDecoderFactory.DEFAULT_JWT_VALIDATOR_FACTORY.apply(client), jwt -> {
					Instant now = Instant.now();
					seenAssertionIds.values().removeIf(expiry -> expiry.isBefore(now));
					if (jwt.getId() == null || jwt.getExpiresAt() == null || seenAssertionIds.putIfAbsent(jwt.getId(), jwt.getExpiresAt()) != null) {
						return OAuth2TokenValidatorResult.failure(new OAuth2Error(
								OAuth2ErrorCodes.INVALID_CLIENT, "The client assertion has no jti or exp, or was used before", null));
					}
					return OAuth2TokenValidatorResult.success();
				}));
		return decoder;
	}
}
