package org.fibroplan.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

class OperationOutcomeErrorsTest {

	final OperationOutcomeErrors errors = new OperationOutcomeErrors(FhirContext.forR4Cached());

	@Test
	void aTokenThatCannotBeCheckedBecauseTheIdentityProviderIsAwayIsA503ToRetryNotA401() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/Patient");
		request.addHeader("Authorization", "Bearer x.y.z");
		MockHttpServletResponse response = new MockHttpServletResponse();

		errors.commence(request, response, new AuthenticationServiceException("An error occurred while attempting to decode the Jwt"));

		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader("Retry-After")).isEqualTo(String.valueOf(OperationOutcomeErrors.RETRY_AFTER_SECONDS));
		assertThat(response.getContentAsString()).contains("OperationOutcome", "transient", "identity provider");
	}

	@Test
	void aBadTokenIsStillA401WithTheBearerChallenge() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/Patient");
		request.addHeader("Authorization", "Bearer x.y.z");
		MockHttpServletResponse response = new MockHttpServletResponse();

		errors.commence(request, response, new InvalidBearerTokenException("expired"));

		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
		assertThat(response.getContentAsString()).contains("OperationOutcome", "expired");
	}
}
