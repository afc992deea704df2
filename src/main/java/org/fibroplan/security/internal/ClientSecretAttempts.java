package org.fibroplan.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * The token endpoint's handling of client authentication, as the authorization server's own (the client
 * in the security context; 401 invalid_client on failure), which also tells {@link LoginThrottle} of a
 * wrong client secret and of a success: its client authentication publishes no events to count.
 */
final class ClientSecretAttempts implements AuthenticationFailureHandler, AuthenticationSuccessHandler {

	private final LoginThrottle throttle;
	private final OAuth2ErrorHttpMessageConverter errors = new OAuth2ErrorHttpMessageConverter();

	ClientSecretAttempts(LoginThrottle throttle) {
		this.throttle = throttle;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication client) {
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(client);
		SecurityContextHolder.setContext(context);
		if (client instanceof OAuth2ClientAuthenticationToken token && token.getRegisteredClient() != null) {
			throttle.succeeded(LoginThrottleConfig.CLIENT + token.getRegisteredClient().getClientId());
		}
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException {
		String client = clientWithSecret(request);
		if (client != null && !LoginThrottle.refusedForLock()) {
			throttle.failed(LoginThrottleConfig.CLIENT + client, LoginThrottle.currentAddress());
		}
		SecurityContextHolder.clearContext();
		OAuth2Error error = failure instanceof OAuth2AuthenticationException oauth ? oauth.getError()
				: new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT);
		ServletServerHttpResponse answer = new ServletServerHttpResponse(response);
		answer.setStatusCode(OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode()) ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST);
		errors.write(error, null, answer);
	}

	/** The client id of a request that presents a client secret (HTTP Basic or client_secret_post); else null. */
	private static String clientWithSecret(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
			try {
				String credentials = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
				int colon = credentials.indexOf(':');
				return colon > 0 ? URLDecoder.decode(credentials.substring(0, colon), StandardCharsets.UTF_8) : null;
			} catch (IllegalArgumentException malformed) {
				return null;
			}
		}
		return request.getParameter("client_secret") != null ? request.getParameter("client_id") : null;
	}
}
