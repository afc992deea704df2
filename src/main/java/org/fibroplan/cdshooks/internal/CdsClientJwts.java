package org.fibroplan.cdshooks.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.core.io.ResourceLoader;

/**
 * The CDS Hooks 2.0 client JWT: {@code Authorization: Bearer <jwt>} signed (RS384 or ES384) by a
 * configured EHR, with {@code kid} in its header and {@code iss} (the EHR), {@code aud} (the service's
 * own URL), {@code exp} (at most five minutes ahead), {@code iat} and {@code jti} (not seen before on
 * this instance). Keys come only from configuration, never from a {@code jku} the token names.
 */
class CdsClientJwts {

	/** Why a call was not let in; said in the 401's JSON. */
	static final class Refused extends Exception {
		Refused(String why) {
			super(why);
		}
	}

	private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS384, JWSAlgorithm.ES384);
	private static final Duration LONGEST_LIFE = Duration.ofMinutes(5);
	private static final Duration SKEW = Duration.ofSeconds(60);

	private final Map<String, JWSKeySelector<SecurityContext>> keysByIssuer;
	private final Map<String, Instant> seenIds = new ConcurrentHashMap<>();

	CdsClientJwts(CdsHooksProperties properties, ResourceLoader resources) {
		this.keysByIssuer = properties.clients().stream().collect(Collectors.toUnmodifiableMap(
				CdsHooksProperties.Client::issuer, client -> keys(client, resources), (a, b) -> {
					throw new IllegalStateException("fibroplan.cds-hooks.clients names an issuer twice");
				}));
	}

	/**
	 * The verified claims of the call's JWT.
	 *
	 * @param audiences what {@code aud} may be: the service's URL (and, for feedback, the URL called)
	 */
	JWTClaimsSet verify(String authorization, Set<String> audiences) throws Refused {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			throw new Refused("A CDS Hooks call needs Authorization: Bearer <JWT signed by the EHR>");
		}
		SignedJWT jwt;
		String issuer;
		try {
			jwt = SignedJWT.parse(authorization.substring(7).trim());
			issuer = jwt.getJWTClaimsSet().getIssuer();
		} catch (ParseException e) {
			throw new Refused("The bearer token is not a signed JWT");
		}
		JWSKeySelector<SecurityContext> keys = issuer == null ? null : keysByIssuer.get(issuer);
		if (keys == null) {
			throw new Refused("Unknown issuer " + issuer + ": not a CDS client FibroPlan is configured to trust");
		}
		if (jwt.getHeader().getKeyID() == null) {
			throw new Refused("The JWT header names no kid");
		}
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(keys);
		DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
				new HashSet<>(audiences), new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("iss", "aud", "exp", "iat", "jti"), null);
		claims.setMaxClockSkew((int) SKEW.toSeconds());
		processor.setJWTClaimsSetVerifier(claims);
		JWTClaimsSet verified;
		try {
			verified = processor.process(jwt, null);
		} catch (BadJOSEException | JOSEException e) {
			throw new Refused("The JWT was refused: " + e.getMessage());
		}
		Instant now = Instant.now();
		if (verified.getExpirationTime().toInstant().isAfter(now.plus(LONGEST_LIFE).plus(SKEW))) {
			throw new Refused("The JWT lives longer than five minutes");
		}
		seenIds.values().removeIf(expiry -> expiry.isBefore(now.minus(SKEW)));
		if (seenIds.putIfAbsent(issuer + " " + verified.getJWTID(), verified.getExpirationTime().toInstant()) != null) {
			throw new Refused("The JWT was used before (same jti)");
		}
		return verified;
	}

	private static JWSKeySelector<SecurityContext> keys(CdsHooksProperties.Client client, ResourceLoader resources) {
		boolean jwks = client.jwksUrl() != null && !client.jwksUrl().isBlank();
		boolean pem = client.publicKey() != null && !client.publicKey().isBlank();
		if (client.issuer() == null || client.issuer().isBlank() || jwks == pem) {
			throw new IllegalStateException("Each fibroplan.cds-hooks.clients entry needs an issuer and either jwks-url or public-key");
		}
		if (jwks) {
			try {
				JWKSource<SecurityContext> source = JWKSourceBuilder.create(URI.create(client.jwksUrl()).toURL()).retrying(true).build();
				return new JWSVerificationKeySelector<>(ALGORITHMS, source);
			} catch (MalformedURLException | IllegalArgumentException e) {
				throw new IllegalStateException("Not a JWK Set URL for CDS client " + client.issuer() + ": " + client.jwksUrl(), e);
			}
		}
		PublicKey key = pemPublicKey(client, resources);
		Function<JWSAlgorithm, Boolean> fits = alg -> key.getAlgorithm().equals("RSA") ? alg.equals(JWSAlgorithm.RS384) : alg.equals(JWSAlgorithm.ES384);
		// one configured key: the header's kid is required (CDS Hooks) but there is nothing to choose between
		return (header, context) -> fits.apply(header.getAlgorithm()) ? List.of(key) : List.of();
	}

	private static PublicKey pemPublicKey(CdsHooksProperties.Client client, ResourceLoader resources) {
		String text = client.publicKey().strip();
		try {
			if (!text.startsWith("-----BEGIN")) {
				try (InputStream in = resources.getResource(text).getInputStream()) {
					text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
				}
			}
			byte[] der = Base64.getDecoder().decode(text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
			for (String algorithm : List.of("RSA", "EC")) {
				try {
					return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
				} catch (java.security.spec.InvalidKeySpecException notThisKind) {
					// try the next kind
				}
			}
			throw new IllegalStateException("Not an RSA or EC public key for CDS client " + client.issuer());
		} catch (IOException | java.security.NoSuchAlgorithmException | IllegalArgumentException e) {
			throw new IllegalStateException("Cannot read the public key of CDS client " + client.issuer() + " from " + client.publicKey(), e);
		}
	}
}
