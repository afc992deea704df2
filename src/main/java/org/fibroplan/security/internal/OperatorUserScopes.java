package org.fibroplan.security.internal;

import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.fibroplan.security.SecurityProperties;
import org.fibroplan.security.SecurityProperties.DemoUser;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/** An operator watches the server, not patients: logging in through an app never gives them FHIR scopes. */
final class OperatorUserScopes implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	private final Set<String> operators;

	OperatorUserScopes(SecurityProperties properties) {
		this.operators = properties.embedded().users().stream()
				.filter(DemoUser::isOperator).map(DemoUser::username).collect(Collectors.toUnmodifiableSet());
	}

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		String user = request.getPrincipal() instanceof Authentication authentication ? authentication.getName() : null;
		if (user != null && operators.contains(user) && request.getScopes().stream()
				.anyMatch(s -> s.startsWith("patient/") || s.startsWith("user/") || s.startsWith("system/") || s.startsWith("launch"))) {
			throw new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_SCOPE,
					"An operator may not be given FHIR scopes", null), request);
		}
	}
}
