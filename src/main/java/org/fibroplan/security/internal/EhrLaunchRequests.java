package org.fibroplan.security.internal;

import java.util.function.Consumer;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * The authorization endpoint's side of a SMART EHR launch: scope {@code launch} comes with a
 * {@code launch} parameter and the other way round; the launch must be one this server issued, unused and
 * unexpired, and (once the user has signed in) issued to that user. Anything else is answered to the
 * app's redirect URI as {@code invalid_request}, as OAuth answers a bad authorization request.
 */
final class EhrLaunchRequests implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	static final String LAUNCH = "launch";

	private final LaunchContexts launches;

	EhrLaunchRequests(LaunchContexts launches) {
		this.launches = launches;
	}

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		Object launch = request.getAdditionalParameters().get(LAUNCH);
		boolean launchScope = request.getScopes().contains(LAUNCH);
		if (launch == null && !launchScope) {
			return;
		}
		if (!(launch instanceof String token) || token.isBlank()) {
			throw refused(request, "Scope launch needs the launch parameter the EHR gave the app");
		}
		if (!launchScope) {
			throw refused(request, "A launch parameter needs scope launch");
		}
		LaunchContexts.Launch found = launches.pending(token)
				.orElseThrow(() -> refused(request, "Unknown, used or expired launch: ask the EHR to launch the app again"));
		if (request.getPrincipal() instanceof Authentication user && user.isAuthenticated()
				&& !(user instanceof AnonymousAuthenticationToken) && !found.user().equals(user.getName())) {
			throw refused(request, "This launch was issued to another user");
		}
	}

	private static OAuth2AuthorizationCodeRequestAuthenticationException refused(
			OAuth2AuthorizationCodeRequestAuthenticationToken request, String why) {
		return new OAuth2AuthorizationCodeRequestAuthenticationException(
				new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, why, null), request);
	}
}
