package org.fibroplan.web.internal;

import org.fibroplan.web.internal.launch.EhrLaunchSignIn;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The pages' client registrations with the embedded authorization server. That server names itself by
 * the address a request came to (there is no fixed issuer in the embedded default), so the registration
 * is built per request from the same address: browser, issuer, token endpoint and FHIR API all agree.
 * With fibroplan.security.issuer set (instances behind one load balancer), it is that address.
 */
final class EmbeddedIssuerRegistrations implements ClientRegistrationRepository {

	static final String CLINICIAN = "clinician";
	static final String PATIENT = "patient";
	private static final String CLIENT_ID = "fibroplan-web";

	private final String secret;
	private final String configuredIssuer;

	/** {@code configuredIssuer}: fibroplan.security.issuer, the address every instance names itself by, or empty. */
	EmbeddedIssuerRegistrations(String secret, String configuredIssuer) {
		this.secret = secret;
		this.configuredIssuer = configuredIssuer == null ? "" : configuredIssuer;
	}

	@Override
	public ClientRegistration findByRegistrationId(String registrationId) {
		String[] scopes = switch (registrationId) {
			case CLINICIAN -> new String[] {"openid", "fhirUser", "user/*.cruds"};
			// the workspace opened from an EHR for a patient (SMART EHR launch): the clinician's scopes and launch
			case EhrLaunchSignIn.REGISTRATION -> new String[] {"openid", "fhirUser", "launch", "user/*.cruds"};
			case PATIENT -> new String[] {"openid", "fhirUser", "launch/patient", "patient/*.rs",
					"patient/QuestionnaireResponse.c", "patient/Observation.c"};
			default -> null;
		};
		if (scopes == null) {
			return null;
		}
		String issuer = !configuredIssuer.isBlank() ? configuredIssuer
				: ServletUriComponentsBuilder.fromCurrentContextPath().replaceQuery(null).build().toUriString();
		return ClientRegistration.withRegistrationId(registrationId)
				.clientId(CLIENT_ID)
				.clientSecret(secret)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
				.scope(scopes)
				.authorizationUri(issuer + "/oauth2/authorize")
				.tokenUri(issuer + "/oauth2/token")
				.jwkSetUri(issuer + "/oauth2/jwks")
				.issuerUri(issuer)
				.userNameAttributeName("sub")
				.clientName(registrationId)
				.build();
	}
}
