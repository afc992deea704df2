package org.fibroplan.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code fibroplan.security}.
 *
 * @param issuer the token issuer FibroPlan trusts and (when embedded) announces; empty = the embedded
 *     server's own address as the request sees it (http://localhost:8080 by default)
 * @param audience the audience a token must name; empty = the FHIR base URL, {@code <issuer>/fhir}
 * @param embedded the embedded authorization server with its demo clients and users
 * @param signingKey the embedded server's token signing key (a PEM PKCS#8 RSA private key or an RSA JWK with
 *     its private part; a Spring resource location such as {@code file:/run/secrets/signing-key.pem}),
 *     shared by every instance behind one load balancer; empty = a key made at start, valid on this
 *     instance until it stops
 */
@ConfigurationProperties("fibroplan.security")
public record SecurityProperties(
		@DefaultValue("") String issuer, @DefaultValue("") String audience, @DefaultValue Embedded embedded,
		@DefaultValue("") String signingKey) {

	/**
	 * @param enabled run the embedded authorization server (off in the prod profile)
	 * @param users demo users who log in with a form; each may be bound to a FHIR Patient or Practitioner
	 * @param systemClientSecret secret of the confidential client {@code demo-system}
	 * @param systemClientJwks public JWK Set (JSON) {@code demo-system} signs private_key_jwt assertions with
	 * @param webClientSecret secret of {@code fibroplan-web}, the client FibroPlan's own pages (/app) log in with
	 */
	public record Embedded(
			@DefaultValue("true") boolean enabled,
			@DefaultValue List<DemoUser> users,
			@DefaultValue("demo-secret") String systemClientSecret,
			@DefaultValue("classpath:demo/demo-system-jwks.json") String systemClientJwks,
			@DefaultValue("web-secret") String webClientSecret) {}

	/**
	 * A demo login. With neither {@code patient} nor {@code practitioner} the user is an operator: the
	 * actuator's metrics and the like, no FHIR self and no FHIR scopes.
	 *
	 * @param username login name
	 * @param password login password (demo only)
	 * @param patient the id of the FHIR Patient this user is, if a patient
	 * @param practitioner the id of the FHIR Practitioner this user is, if a clinician
	 * @param name display name, used for the demo Patient or Practitioner resource
	 * @param roles FibroPlan roles the user's tokens carry in claim {@code roles} (e.g. knowledge-author)
	 */
	public record DemoUser(String username, String password, String patient, String practitioner, String name,
			List<String> roles) {

		public DemoUser {
			roles = roles == null ? List.of() : List.copyOf(roles);
		}

		/** The FHIR resource this user is; null for an operator. */
		public String fhirUser() {
			return isPatient() ? "Patient/" + patient : isOperator() ? null : "Practitioner/" + practitioner;
		}

		public boolean isOperator() {
			return !isPatient() && (practitioner == null || practitioner.isBlank());
		}

		public boolean isPatient() {
			return patient != null && !patient.isBlank();
		}
	}
}
