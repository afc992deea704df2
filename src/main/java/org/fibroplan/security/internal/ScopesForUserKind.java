package org.fibroplan.security.internal;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.fibroplan.security.SecurityProperties;
import org.fibroplan.security.SecurityProperties.DemoUser;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * Scopes a kind of user never gets, whichever client they log in through: a client registered for
 * clinician scopes too (the demo clinician app, FibroPlan's own pages) must not hand a patient
 * {@code user/*} or {@code system/*} access to everybody's records, and an operator, who watches the
 * server and not patients, gets no FHIR or launch scopes at all.
 */
final class ScopesForUserKind implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	private final Set<String> users;
	private final List<String> refusedPrefixes;
	private final String refusal;

	private ScopesForUserKind(SecurityProperties properties, Predicate<DemoUser> kind, List<String> refusedPrefixes, String refusal) {
		this.users = properties.embedded().users().stream().filter(kind).map(DemoUser::username).collect(Collectors.toUnmodifiableSet());
		this.refusedPrefixes = refusedPrefixes;
		this.refusal = refusal;
	}

	static ScopesForUserKind patients(SecurityProperties properties) {
		return new ScopesForUserKind(properties, DemoUser::isPatient, List.of("user/", "system/"),
				"A patient may not be given user/ or system/ scopes");
	}

	static ScopesForUserKind operators(SecurityProperties properties) {
		return new ScopesForUserKind(properties, DemoUser::isOperator, List.of("patient/", "user/", "system/", "launch"),
				"An operator may not be given FHIR scopes");
	}

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		String user = request.getPrincipal() instanceof Authentication authentication ? authentication.getName() : null;
		if (user != null && users.contains(user)
				&& request.getScopes().stream().anyMatch(scope -> refusedPrefixes.stream().anyMatch(scope::startsWith))) {
			throw new OAuth2AuthorizationCodeRequestAuthenticationException(
					new OAuth2Error(OAuth2ErrorCodes.INVALID_SCOPE, refusal, null), request);
		}
	}
}
