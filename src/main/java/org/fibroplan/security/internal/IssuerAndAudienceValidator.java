package org.fibroplan.security.internal;

import org.fibroplan.security.SecurityProperties;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A token must come from the trusted issuer and be meant for this FHIR server. With no issuer
 * configured, the trusted issuer is the embedded server at the address the request came to — the
 * same address the embedded server writes into the tokens it issues.
 */
class IssuerAndAudienceValidator implements OAuth2TokenValidator<Jwt> {

	private final String configuredIssuer;
	private final SecurityProperties properties;

	IssuerAndAudienceValidator(String configuredIssuer, SecurityProperties properties) {
		this.configuredIssuer = configuredIssuer == null ? "" : configuredIssuer;
		this.properties = properties;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		String issuer = configuredIssuer.isBlank() ? RequestBase.current() : configuredIssuer;
		String tokenIssuer = token.getIssuer() == null ? null : token.getIssuer().toString();
		if (!issuer.equals(tokenIssuer)) {
			return failure("The token was issued by " + tokenIssuer + ", not by the trusted issuer " + issuer);
		}
		String audience = FhirAudience.of(properties, issuer);
		if (token.getAudience() == null || !token.getAudience().contains(audience)) {
			return failure("The token is not meant for this server: its audience does not include " + audience);
		}
		return OAuth2TokenValidatorResult.success();
	}

	private static OAuth2TokenValidatorResult failure(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
	}
}
