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
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Makes the embedded server's tokens SMART tokens: the audience is the FHIR base URL, the client is
 * named, a logged-in user is named as {@code fhirUser}, and a patient launch carries {@code patient}.
 */
class SmartTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

	private final SecurityProperties properties;
	private final Map<String, DemoUser> usersByName;

	SmartTokenClaims(SecurityProperties properties) {
		this.properties = properties;
		this.usersByName = properties.embedded().users().stream()
				.collect(Collectors.toMap(DemoUser::username, Function.identity()));
	}

	@Override
	public void customize(JwtEncodingContext context) {
		Set<String> scopes = context.getAuthorizedScopes();
		Optional<DemoUser> user = AuthorizationGrantType.AUTHORIZATION_CODE.equals(context.getAuthorizationGrantType())
				? Optional.ofNullable(usersByName.get(context.getPrincipal().getName()))
				: Optional.empty();
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
		} else if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
			user.filter(u -> u.fhirUser() != null && scopes.contains("fhirUser")).ifPresent(u -> context.getClaims().claim("fhirUser", u.fhirUser()));
		}
	}
}
