package org.fibroplan.security.internal;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.fibroplan.fhir.Outcomes;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * Refusals before a request reaches the FHIR server still speak FHIR: the status and WWW-Authenticate
 * header of RFC 6750, with an OperationOutcome body that says what was wrong.
 */
@Component
class OperationOutcomeErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final FhirContext fhirContext;
	private final BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
	private final BearerTokenAccessDeniedHandler bearerAccessDenied = new BearerTokenAccessDeniedHandler();

	OperationOutcomeErrors(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	/** Seconds a client should wait before trying again when the identity provider cannot be reached. */
	static final int RETRY_AFTER_SECONDS = 10;

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException reason)
			throws IOException {
		if (reason instanceof AuthenticationServiceException) {
			// the token could not be checked at all (the external issuer's keys are out of reach): not the caller's fault
			response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
			write(response, OperationOutcome.IssueType.TRANSIENT,
					"The token cannot be checked now: the identity provider's keys are out of reach. Try again shortly.");
			return;
		}
		bearerEntryPoint.commence(request, response, reason);
		String detail = request.getHeader("Authorization") == null
				? "This request needs a bearer token (Authorization: Bearer ...). See /fhir/.well-known/smart-configuration."
				: "The bearer token was refused: " + reason.getMessage();
		write(response, OperationOutcome.IssueType.LOGIN, detail);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException reason)
			throws IOException {
		bearerAccessDenied.handle(request, response, reason);
		write(response, OperationOutcome.IssueType.FORBIDDEN, "The token does not allow this request: " + reason.getMessage());
	}

	private void write(HttpServletResponse response, OperationOutcome.IssueType type, String detail) throws IOException {
		response.setContentType("application/fhir+json;charset=UTF-8");
		response.getWriter().write(fhirContext.newJsonParser().encodeResourceToString(Outcomes.error(type, detail)));
	}
}
