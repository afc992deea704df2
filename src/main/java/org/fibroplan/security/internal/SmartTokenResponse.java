package org.fibroplan.security.internal;

import com.nimbusds.jwt.JWTClaimsSet;
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
 * SMART apps learn their context from the token response: {@code "patient": "<id>"} next to the access
 * token, copied from the token's own {@code patient} claim, with {@code need_patient_banner} (FibroPlan
 * does not know whether the launching EHR shows whose record is open, so it asks the app to) and the
 * user as {@code fhirUser}.
 */
class SmartTokenResponse implements AuthenticationSuccessHandler {

	private final OAuth2AccessTokenResponseAuthenticationSuccessHandler standard =
			new OAuth2AccessTokenResponseAuthenticationSuccessHandler();

	SmartTokenResponse() {
		standard.setAccessTokenResponseCustomizer(context -> {
			OAuth2AccessTokenAuthenticationToken issued = context.getAuthentication();
			Map<String, Object> parameters = new HashMap<>(issued.getAdditionalParameters());
			JWTClaimsSet claims = claims(issued.getAccessToken().getTokenValue());
			String patient = claim(claims, "patient");
			if (patient != null) {
				parameters.put("patient", patient);
				parameters.put("need_patient_banner", true);
			}
			String fhirUser = claim(claims, "fhirUser");
			if (fhirUser != null) {
				parameters.put("fhirUser", fhirUser);
			}
			context.getAccessTokenResponse().additionalParameters(parameters);
		});
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
			throws IOException, jakarta.servlet.ServletException {
		standard.onAuthenticationSuccess(request, response, authentication);
	}

	/** The claims of a token this server has just signed; no verification needed for its own output. */
	private static JWTClaimsSet claims(String accessToken) {
		try {
			return SignedJWT.parse(accessToken).getJWTClaimsSet();
		} catch (ParseException e) {
			return null;
		}
	}

	private static String claim(JWTClaimsSet claims, String name) {
		try {
			return claims == null ? null : claims.getStringClaim(name);
		} catch (ParseException e) {
			return null;
		}
	}
}
