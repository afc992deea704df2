package org.fibroplan.fhir.internal;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.fibroplan.fhir.Outcomes;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Until the application is ready (the FHIR package installed, the demo identities in place) and again
 * while it shuts down, /fhir answers 503 with Retry-After and an OperationOutcome: Tomcat listens
 * before the ApplicationRunners finish, and a CapabilityStatement without the profiles, or a write
 * validated without them, would be wrong rather than late.
 */
public class NotReadyFilter extends OncePerRequestFilter {

	static final String RETRY_AFTER_SECONDS = "5";

	private final ApplicationAvailability availability;
	private final FhirContext fhirContext;

	public NotReadyFilter(ApplicationAvailability availability, FhirContext fhirContext) {
		this.availability = availability;
		this.fhirContext = fhirContext;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC) {
			chain.doFilter(request, response);
			return;
		}
		OperationOutcome outcome = Outcomes.error(OperationOutcome.IssueType.TRANSIENT,
				"FibroPlan is not ready: it is starting (installing its FHIR package) or stopping. Try again in a few seconds.");
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
		response.setContentType("application/fhir+json;charset=UTF-8");
		response.getWriter().write(fhirContext.newJsonParser().encodeResourceToString(outcome));
	}
}
