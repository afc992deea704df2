package org.fibroplan.security.internal;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Consumer;
import org.fibroplan.security.SmartScope;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * SMART clients ask for what they need, often less than they are registered for: {@code system/*.rs}
 * or {@code patient/Observation.rs} under a registered {@code system/*.cruds} or {@code patient/*.rs}.
 * A requested scope is allowed when it is registered as is, or when a registered SMART scope of the
 * same context covers its resource type and every one of its permissions.
 */
final class SmartScopeRequests {

	private SmartScopeRequests() {}

	static boolean allowed(Collection<String> registered, String requested) {
		if (registered.contains(requested)) {
			return true;
		}
		Optional<SmartScope> wanted = SmartScope.parse(requested);
		return wanted.isPresent() && registered.stream()
				.map(SmartScope::parse)
				.flatMap(Optional::stream)
				.anyMatch(granted -> granted.context() == wanted.get().context()
						&& (granted.isWildcard() || granted.resourceType().equals(wanted.get().resourceType()))
						&& granted.permissions().containsAll(wanted.get().permissions()));
	}

	static final Consumer<OAuth2ClientCredentialsAuthenticationContext> CLIENT_CREDENTIALS = context -> {
		Collection<String> registered = context.getRegisteredClient().getScopes();
		OAuth2ClientCredentialsAuthenticationToken request = context.getAuthentication();
		if (!request.getScopes().stream().allMatch(s -> allowed(registered, s))) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_SCOPE);
		}
	};

	static final Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> AUTHORIZATION_CODE = context -> {
		Collection<String> registered = context.getRegisteredClient().getScopes();
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		if (!request.getScopes().stream().allMatch(s -> allowed(registered, s))) {
			throw new OAuth2AuthorizationCodeRequestAuthenticationException(
					new OAuth2Error(OAuth2ErrorCodes.INVALID_SCOPE, "A requested scope is not allowed for this client", null),
					request);
		}
	};
}
