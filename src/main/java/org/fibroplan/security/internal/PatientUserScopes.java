package org.fibroplan.security.internal;

import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.fibroplan.security.SecurityProperties;
import org.fibroplan.security.SecurityProperties.DemoUser;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * A patient who logs in gets patient scopes only: a client registered for clinician scopes as well
 * (the demo clinician app, FibroPlan's own pages) must not hand a patient {@code user/*} or
 * {@code system/*} access to everybody's records.
 */
final class PatientUserScopes implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	private final Set<String> patientUsers;

	PatientUserScopes(SecurityProperties properties) {
		this.patientUsers = properties.embedded().users().stream()
				.filter(DemoUser::isPatient).map(DemoUser::username).collect(Collectors.toUnmodifiableSet());
	}

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		Object principal = request.getPrincipal();
		String user = principal instanceof org.springframework.security.core.Authentication authentication ? authentication.getName() : null;
		if (user != null && patientUsers.contains(user)
				&& request.getScopes().stream().anyMatch(s -> s.startsWith("user/") || s.startsWith("system/"))) {
			throw new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_SCOPE,
					"A patient may not be given user/ or system/ scopes", null), request);
		}
	}
}
