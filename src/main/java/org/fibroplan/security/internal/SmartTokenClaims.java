package org.fibroplan.security.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fibroplan.security.SecurityProperties;
import org.fibroplan.security.SmartAccess;
import org.fibroplan.security.SecurityProperties.DemoUser;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Makes the embedded server's tokens SMART tokens: the audience is the FHIR base URL, the client is
 * named, a logged-in user is named as {@code fhirUser}, and a patient launch carries {@code patient}: the
 * patient user's own record, or in an EHR launch the patient the launch names (so patient/ scopes, if any,
 * reach that patient only; a clinician's user/ scopes are unchanged, the patient is their context).
 */
class SmartTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

	private final SecurityProperties properties;
	private final Map<String, DemoUser> usersByName;

	private final LaunchContexts launches;

	SmartTokenClaims(SecurityProperties properties, LaunchContexts launches) {
		this.properties = properties;
		this.launches = launches;
		this.usersByName = properties.embedded().users().stream()
				.collect(Collectors.toMap(DemoUser::username, Function.identity()));
	}

	@Override
	public void customize(JwtEncodingContext context) {
		Set<String> scopes = context.getAuthorizedScopes();
		// a refresh is the same signed-in user as the code it continues; client credentials name nobody
		boolean userGrant = AuthorizationGrantType.AUTHORIZATION_CODE.equals(context.getAuthorizationGrantType())
				|| AuthorizationGrantType.REFRESH_TOKEN.equals(context.getAuthorizationGrantType());
		Optional<DemoUser> user = userGrant ? Optional.ofNullable(usersByName.get(context.getPrincipal().getName())) : Optional.empty();
		Optional<LaunchContexts.Launch> launch = userGrant ? launch(context) : Optional.empty();
		if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			String issuer = context.getAuthorizationServerContext().getIssuer();
			context.getClaims().audience(List.of(FhirAudience.of(properties, issuer)));
			context.getClaims().claim("client_id", context.getRegisteredClient().getClientId());
			user.ifPresent(u -> {
				if (u.fhirUser() != null && (scopes.contains("fhirUser") || scopes.contains("openid"))) {
					context.getClaims().claim("fhirUser", u.fhirUser());
				}
				if (!u.roles().isEmpty()) {
					context.getClaims().claim(SmartAccess.ROLES_CLAIM, u.roles());
				}
				if (u.isPatient() && scopes.stream().anyMatch(s -> s.startsWith("patient/") || s.equals("launch/patient"))) {
					context.getClaims().claim("patient", u.patient());
				}
			});
			launch.ifPresent(l -> context.getClaims().claim("patient", l.patient()));
		} else if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
			user.filter(u -> u.fhirUser() != null && scopes.contains("fhirUser")).ifPresent(u -> context.getClaims().claim("fhirUser", u.fhirUser()));
		}
	}

	/**
	 * The EHR launch this sign-in began with (its authorization request's {@code launch}), bound to this
	 * authorization; a launch that expired or went to another sign-in meanwhile gets no token at all.
	 */
	private Optional<LaunchContexts.Launch> launch(JwtEncodingContext context) {
		OAuth2Authorization authorization = context.getAuthorization();
		if (authorization == null || !context.getAuthorizedScopes().contains(EhrLaunchRequests.LAUNCH)) {
			return Optional.empty();
		}
		OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
		Object token = request == null ? null : request.getAdditionalParameters().get(EhrLaunchRequests.LAUNCH);
		if (!(token instanceof String launchToken)) {
			return Optional.empty();
		}
		return Optional.of(launches.bind(launchToken, authorization.getId()).orElseThrow(() -> new OAuth2AuthenticationException(
				new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, "The launch expired or was used by another sign-in", null))));
	}
}
