package org.fibroplan.web.internal;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Who is using the pages, from the ID token of their login: the FHIR resource they are
 * ({@code fhirUser}: a Practitioner or a Patient) and which registration they logged in with.
 */
public record SignedInUser(String name, String fhirUser, String registration) {

	public static Optional<SignedInUser> of(Authentication authentication) {
		if (authentication instanceof OAuth2AuthenticationToken token && token.getPrincipal() instanceof OidcUser user) {
			return Optional.of(new SignedInUser(user.getName(), user.getClaimAsString("fhirUser"), token.getAuthorizedClientRegistrationId()));
		}
		return Optional.empty();
	}

	boolean isPractitioner() {
		return fhirUser != null && fhirUser.startsWith("Practitioner/");
	}

	boolean isPatient() {
		return fhirUser != null && fhirUser.startsWith("Patient/");
	}

	/** The Patient id, for a patient. */
	String patientId() {
		return isPatient() ? fhirUser.substring("Patient/".length()) : null;
	}
}
