package org.fibroplan.security.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.text.ParseException;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;

/**
 * The key the embedded authorization server signs tokens with. Instances that share one (setting
 * fibroplan.security.signing-key) sign and accept the same tokens; its key id is its RFC 7638 thumbprint,
 * so it is the same on every instance too. Without one, a key is made at start.
 */
final class SigningKeys {

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	private SigningKeys() {}

	/** The configured key, or (location empty) a new one. */
	static RSAKey of(String location, org.springframework.core.io.ResourceLoader resources) {
		if (location == null || location.isBlank()) {
			log.info("No fibroplan.security.signing-key: tokens are signed with a key made at start, valid on this instance "
					+ "until it stops. Instances behind one load balancer need a shared key.");
			return generated();
		}
		RSAKey key = read(resources.getResource(location));
		log.info("Tokens are signed with the key in {} (kid {})", location, key.getKeyID());
		return key;
	}

	static RSAKey read(Resource resource) {
		String text;
		try {
			text = resource.getContentAsString(StandardCharsets.UTF_8).strip();
		} catch (IOException e) {
			throw new IllegalStateException("fibroplan.security.signing-key: cannot read " + resource.getDescription(), e);
		}
		try {
			RSAKey key = text.startsWith("{") ? JWK.parse(text).toRSAKey() : fromPem(text);
			if (!key.isPrivate()) {
				throw new IllegalStateException("fibroplan.security.signing-key: " + resource.getDescription() + " holds no private key");
			}
			return new RSAKey.Builder(key).keyUse(KeyUse.SIGNATURE).keyIDFromThumbprint().build();
		} catch (ParseException | JOSEException | GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
			throw new IllegalStateException("fibroplan.security.signing-key: " + resource.getDescription()
					+ " is not an RSA private key (PEM PKCS#8 \"PRIVATE KEY\" or an RSA JWK with its private part): " + e.getMessage(), e);
		}
	}

	private static RSAKey fromPem(String pem) throws GeneralSecurityException {
		if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
			throw new IllegalArgumentException("expected a PEM block \"BEGIN PRIVATE KEY\" (PKCS#8)");
		}
		String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "").replaceAll("\\s", "");
		KeyFactory rsa = KeyFactory.getInstance("RSA");
		RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
		RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
		return new RSAKey.Builder(publicKey).privateKey(privateKey).build();
	}

	private static RSAKey generated() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			var keyPair = generator.generateKeyPair();
			return new RSAKey.Builder((RSAPublicKey) keyPair.getPublic())
					.privateKey(keyPair.getPrivate())
					.keyUse(KeyUse.SIGNATURE)
					.keyIDFromThumbprint()
					.build();
		} catch (GeneralSecurityException | JOSEException e) {
			throw new IllegalStateException(e);
		}
	}
}
