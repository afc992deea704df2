package org.fibroplan.security.internal;

import org.fibroplan.security.SecurityProperties;

/** The audience FibroPlan's tokens are for: the configured one, or the FHIR base under the issuer. */
final class FhirAudience {

	private FhirAudience() {}

	static String of(SecurityProperties properties, String issuer) {
		return properties.audience().isBlank() ? issuer + "/fhir" : properties.audience();
	}
}
