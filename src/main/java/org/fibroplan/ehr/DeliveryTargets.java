package org.fibroplan.ehr;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The EHRs approved plans are delivered to ({@code fibroplan.ehr.targets[N].*}, names as in the contract).
 * None configured: approval delivers nothing.
 */
@ConfigurationProperties("fibroplan.ehr")
public record DeliveryTargets(List<Target> targets) {

	public DeliveryTargets {
		targets = targets == null ? List.of() : List.copyOf(targets);
		if (targets.stream().map(Target::name).distinct().count() != targets.size()) {
			throw new IllegalArgumentException("fibroplan.ehr.targets: each target needs its own name");
		}
	}

	/** How a target takes plans: a FHIR transaction, a document, or whichever its CapabilityStatement allows. */
	public enum Mode { FHIR, DOCUMENT, AUTO }

	/**
	 * @param name how people and Tasks name the target
	 * @param baseUrl the EHR's FHIR base
	 * @param mode fhir, document or auto
	 * @param patientIdentifierSystem the MRN system the EHR knows the patient by
	 * @param auth how FibroPlan authenticates to the EHR
	 */
	public record Target(
			String name,
			URI baseUrl,
			@DefaultValue("auto") Mode mode,
			String patientIdentifierSystem,
			@DefaultValue Auth auth) {

		/** A target that cannot work stops the server at start, saying which setting is missing. */
		public Target {
			require(name, "fibroplan.ehr.targets[].name");
			require(baseUrl, "fibroplan.ehr.targets[" + name + "].base-url");
			require(patientIdentifierSystem, "fibroplan.ehr.targets[" + name + "].patient-identifier-system");
			String prefix = "fibroplan.ehr.targets[" + name + "].auth.";
			if (auth.type() == AuthType.BASIC) {
				require(auth.username(), prefix + "username");
				require(auth.password(), prefix + "password");
			}
			if (auth.type() == AuthType.BACKEND_SERVICES) {
				require(auth.clientId(), prefix + "client-id");
				require(auth.tokenUrl(), prefix + "token-url");
				require(auth.privateKey(), prefix + "private-key");
				if (!List.of("RS384", "ES384").contains(auth.algorithm())) {
					throw new IllegalArgumentException(prefix + "algorithm must be RS384 or ES384, not " + auth.algorithm());
				}
			}
		}

		private static void require(Object value, String property) {
			if (value == null || value.toString().isBlank()) {
				throw new IllegalArgumentException(property + " is required");
			}
		}
	}

	/** What an EHR accepts: nothing, HTTP basic, or SMART Backend Services (client credentials + signed assertion). */
	public enum AuthType { NONE, BASIC, BACKEND_SERVICES }

	/**
	 * @param type none, basic or backend-services
	 * @param username for basic
	 * @param password for basic
	 * @param clientId for backend-services: iss and sub of the assertion
	 * @param tokenUrl for backend-services: the EHR's token endpoint (the assertion's aud)
	 * @param privateKey for backend-services: PEM file (PKCS#8) holding the RSA or EC private key
	 * @param keyId for backend-services: the key's kid in the JWK Set the EHR holds (optional)
	 * @param algorithm RS384 or ES384
	 * @param scope the scopes asked for
	 */
	public record Auth(
			@DefaultValue("none") AuthType type,
			String username,
			String password,
			String clientId,
			URI tokenUrl,
			String privateKey,
			String keyId,
			@DefaultValue("RS384") String algorithm,
			@DefaultValue("system/CarePlan.cu system/Goal.cu system/ServiceRequest.cu system/Provenance.c system/DocumentReference.cu system/Patient.rs")
			String scope) {}
}
