package org.fibroplan.security.internal;

import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.HttpServletRequest;
import java.text.ParseException;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * SMART Backend Services clients send a signed assertion without a {@code client_id} parameter: the
 * client is the assertion's subject. Spring Authorization Server requires the parameter, so when it is
 * missing the client id is read from the assertion; the assertion is then verified as usual (signature
 * with the client's registered key, iss = sub = client id, audience, expiry, single use).
 */
class BackendServicesClientAssertion implements AuthenticationConverter {

	private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	@Override
	public Authentication convert(HttpServletRequest request) {
		String type = request.getParameter("client_assertion_type");
		String assertion = request.getParameter("client_assertion");
		if (!"POST".equals(request.getMethod()) || !JWT_BEARER.equals(type) || assertion == null
				|| request.getParameter("client_id") != null) {
			return null;
		}
		String clientId;
		try {
			clientId = SignedJWT.parse(assertion).getJWTClaimsSet().getSubject();
		} catch (ParseException e) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
		}
		if (clientId == null || clientId.isBlank()) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
		}
		// the same "method" Spring's own converter gives assertions, which its assertion provider looks for
		return new OAuth2ClientAuthenticationToken(clientId, new ClientAuthenticationMethod(JWT_BEARER), assertion, Map.of());
	}
}
