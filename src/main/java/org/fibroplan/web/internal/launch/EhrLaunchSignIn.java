package org.fibroplan.web.internal.launch;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The workspace as a SMART app opened by an EHR: the sign-in of registration {@value #REGISTRATION}
 * carries the EHR's {@code launch} (and {@code aud}, the FHIR base) to the authorization server, with
 * PKCE; the token response's {@code patient} is kept with the signed-in user; and the user lands on that
 * patient's page.
 */
public final class EhrLaunchSignIn {

	/** The pages' client registration for EHR launches (client fibroplan-web, scope launch). */
	public static final String REGISTRATION = "ehr-launch";
	static final String LAUNCH = "launch";
	/** Where the launch's patient is kept among the signed-in user's claims. */
	private static final String PATIENT_CLAIM = "smart_patient";
	private static final Pattern LAUNCH_SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,128}");

	private EhrLaunchSignIn() {}

	static boolean wellFormed(String launch) {
		return launch != null && LAUNCH_SHAPE.matcher(launch).matches();
	}

	/** The pages' authorization requests, with the launch and PKCE for EHR launches; others as before. */
	public static OAuth2AuthorizationRequestResolver authorizationRequests(ClientRegistrationRepository registrations, String fhirBase) {
		DefaultOAuth2AuthorizationRequestResolver standard = new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
		return new OAuth2AuthorizationRequestResolver() {
			@Override
			public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
				return withLaunch(request, standard.resolve(request));
			}

			@Override
			public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
				return withLaunch(request, standard.resolve(request, registrationId));
			}

			private OAuth2AuthorizationRequest withLaunch(HttpServletRequest request, OAuth2AuthorizationRequest resolved) {
				if (resolved == null || !REGISTRATION.equals(resolved.getAttribute(OAuth2ParameterNames.REGISTRATION_ID))) {
					return resolved;
				}
				String launch = request.getParameter(LAUNCH);
				if (!wellFormed(launch)) {
					return null; // not begun from /app/smart/launch: no sign-in to start (the page chain then decides)
				}
				OAuth2AuthorizationRequest.Builder builder = OAuth2AuthorizationRequest.from(resolved);
				OAuth2AuthorizationRequestCustomizers.withPkce().accept(builder);
				String aud = fhirBase.isBlank() ? SmartLaunchController.ownFhirBase() : fhirBase;
				builder.additionalParameters(parameters -> {
					parameters.put(LAUNCH, launch);
					parameters.put("aud", aud);
				});
				return builder.build();
			}
		};
	}

	/** OpenID users as usual; after an EHR launch, with the token response's patient among their claims. */
	public static OAuth2UserService<OidcUserRequest, OidcUser> users() {
		OidcUserService standard = new OidcUserService();
		return request -> {
			OidcUser user = standard.loadUser(request);
			Object patient = request.getAdditionalParameters().get("patient");
			if (!REGISTRATION.equals(request.getClientRegistration().getRegistrationId()) || !(patient instanceof String id)) {
				return user;
			}
			Map<String, Object> claims = new HashMap<>(user.getUserInfo() == null ? Map.of() : user.getUserInfo().getClaims());
			claims.put("sub", user.getSubject());
			claims.put(PATIENT_CLAIM, id);
			return new DefaultOidcUser(user.getAuthorities(), user.getIdToken(), new OidcUserInfo(claims), "sub");
		};
	}

	/** Where an EHR-launched sign-in lands: the launch's patient, when the sign-in was one. */
	public static Optional<String> landingPage(Authentication authentication) {
		if (authentication instanceof OAuth2AuthenticationToken token && REGISTRATION.equals(token.getAuthorizedClientRegistrationId())
				&& token.getPrincipal() instanceof OidcUser user && user.getClaimAsString(PATIENT_CLAIM) != null) {
			String patient = user.getClaimAsString(PATIENT_CLAIM);
			return patient.matches("[A-Za-z0-9\\-.]{1,64}") ? Optional.of("/app/patients/" + patient) : Optional.empty();
		}
		return Optional.empty();
	}
}
