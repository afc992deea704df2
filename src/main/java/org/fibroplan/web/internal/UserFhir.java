package org.fibroplan.web.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A FHIR client that acts as the signed-in user: it presents their access token to FibroPlan's own
 * FHIR API, so every page read and write passes the same SMART rules, validation and audit as an app's.
 */
@Component
public class UserFhir {

	private final OAuth2AuthorizedClientManager tokens;
	private final String configuredBase;
	private final FhirContext context;

	UserFhir(OAuth2AuthorizedClientManager tokens, @Value("${fibroplan.web.fhir-base-url:}") String configuredBase) {
		this.tokens = tokens;
		this.configuredBase = configuredBase;
		// The pages' own context: client settings here must not change the server's.
		this.context = FhirContext.forR4();
		this.context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		this.context.getRestfulClientFactory().setSocketTimeout(60_000);
	}

	/** A client for this request's user; their token is refreshed when it has expired. */
	public IGenericClient client() {
		if (!(SecurityContextHolder.getContext().getAuthentication() instanceof OAuth2AuthenticationToken login)) {
			throw new IllegalStateException("The pages call the FHIR API only for a signed-in user");
		}
		OAuth2AuthorizedClient authorized = tokens.authorize(OAuth2AuthorizeRequest
				.withClientRegistrationId(login.getAuthorizedClientRegistrationId()).principal(login).build());
		if (authorized == null) {
			throw new ClientAuthorizationRequiredException(login.getAuthorizedClientRegistrationId());
		}
		IGenericClient client = context.newRestfulGenericClient(base());
		client.registerInterceptor(new BearerTokenAuthInterceptor(authorized.getAccessToken().getTokenValue()));
		return client;
	}

	private String base() {
		if (!configuredBase.isBlank()) {
			return configuredBase;
		}
		return ServletUriComponentsBuilder.fromCurrentContextPath().replaceQuery(null).path("/fhir").build().toUriString();
	}
}
