package org.fibroplan.security.internal;

import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.text.ParseException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * SMART apps learn their patient context from the token response: {@code "patient": "<id>"} next to
 * the access token, copied from the token's own {@code patient} claim.
 */
class SmartTokenResponse implements AuthenticationSuccessHandler {

	private final OAuth2AccessTokenResponseAuthenticationSuccessHandler standard =
			new OAuth2AccessTokenResponseAuthenticationSuccessHandler();

	SmartTokenResponse() {
		standard.setAccessTokenResponseCustomizer(context -> {
			OAuth2AccessTokenAuthenticationToken issued = context.getAuthentication();
			Map<String, Object> parameters = new HashMap<>(issued.getAdditionalParameters());
			String patient = patientClaim(issued.getAccessToken().getTokenValue());
			if (patient != null) {
				parameters.put("patient", patient);
			}
			context.getAccessTokenResponse().additionalParameters(parameters);
		});
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
			throws IOException, jakarta.servlet.ServletException {
		standard.onAuthenticationSuccess(request, response, authentication);
	}

	/** Reads a claim of a token this server has just signed; no verification needed for its own output. */
	private static String patientClaim(String accessToken) {
		try {
			return SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim("patient");
		} catch (ParseException e) {
			return null;
		}
	}
}
