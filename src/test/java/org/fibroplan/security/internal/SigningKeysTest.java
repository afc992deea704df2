package org.fibroplan.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;

/**
 * Two instances given the same signing key (the demo's under docs/demo-keys) sign with the same key id,
 * and a token one signs is accepted by the other's published keys; without a key each makes its own,
 * and the other refuses its tokens.
 */
class SigningKeysTest {

	private static final String DEMO_KEY = "file:docs/demo-keys/demo-signing-key.pem";
	private final DefaultResourceLoader resources = new DefaultResourceLoader();

	@Test
	void instancesSharingTheKeyAcceptEachOthersTokens() {
		RSAKey a = SigningKeys.of(DEMO_KEY, resources);
		RSAKey b = SigningKeys.of(DEMO_KEY, resources);
		assertThat(a.getKeyID()).isEqualTo(b.getKeyID());

		Jwt decoded = decoderPublishedBy(b).decode(tokenSignedBy(a));
		assertThat(decoded.getSubject()).isEqualTo("clinician");
	}

	@Test
	void instancesWithoutASharedKeyRefuseEachOthersTokens() {
		RSAKey a = SigningKeys.of("", resources);
		RSAKey b = SigningKeys.of("", resources);
		assertThat(a.getKeyID()).isNotEqualTo(b.getKeyID());
		assertThatThrownBy(() -> decoderPublishedBy(b).decode(tokenSignedBy(a)))
				.isInstanceOf(org.springframework.security.oauth2.jwt.JwtException.class);
	}

	@Test
	void aKeyAsJwkReadsLikeThePemAndAPublicKeyAloneIsRefused() {
		RSAKey pem = SigningKeys.of(DEMO_KEY, resources);
		RSAKey jwk = SigningKeys.read(new ByteArrayResource(pem.toJSONString().getBytes()));
		assertThat(jwk.getKeyID()).isEqualTo(pem.getKeyID());
		assertThatThrownBy(() -> SigningKeys.read(new ByteArrayResource(pem.toPublicJWK().toJSONString().getBytes())))
				.hasMessageContaining("holds no private key");
		assertThatThrownBy(() -> SigningKeys.read(new ByteArrayResource("not a key".getBytes())))
				.hasMessageContaining("is not an RSA private key");
	}

	private static String tokenSignedBy(RSAKey key) {
		var encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
		JwtClaimsSet claims = JwtClaimsSet.builder().subject("clinician").issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
		return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims)).getTokenValue();
	}

	/** What another instance checks tokens with: the public keys it publishes at /oauth2/jwks. */
	private static NimbusJwtDecoder decoderPublishedBy(RSAKey key) {
		try {
			return NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey()).build();
		} catch (com.nimbusds.jose.JOSEException e) {
			throw new IllegalStateException(e);
		}
	}
}
