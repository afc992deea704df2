package org.fibroplan.security.internal;

import java.net.URI;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;

/**
 * Native and developer apps listen on a loopback port of their own choosing (RFC 8252 §7.3), so the
 * embedded server accepts any http loopback redirect for its public demo apps, besides the registered ones.
 */
final class LoopbackRedirectUris {

	private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

	static final Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> VALIDATOR = context -> {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		String requested = request.getRedirectUri();
		boolean registered = context.getRegisteredClient().getRedirectUris().contains(requested);
		if (registered || !isLoopback(requested)) {
			OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_REDIRECT_URI_VALIDATOR.accept(context);
		}
		SmartScopeRequests.AUTHORIZATION_CODE.accept(context);
	};

	private LoopbackRedirectUris() {}

	static boolean isLoopback(String redirectUri) {
		if (redirectUri == null) {
			return false;
		}
		try {
			URI uri = URI.create(redirectUri);
			return "http".equals(uri.getScheme()) && uri.getHost() != null
					&& LOOPBACK_HOSTS.contains(uri.getHost()) && uri.getFragment() == null;
		} catch (IllegalArgumentException e) {
			return false;
		}
	}
}
