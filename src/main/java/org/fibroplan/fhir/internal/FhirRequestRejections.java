package org.fibroplan.fhir.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Requests Spring Security's firewall refuses (encoded dots or slashes, ;, //, unusual methods, control
 * characters) get 400; on /fhir with an OperationOutcome, elsewhere as before.
 */
public final class FhirRequestRejections implements RequestRejectedHandler {

	private final RequestRejectedHandler elsewhere = new HttpStatusRequestRejectedHandler();

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
			throws IOException, jakarta.servlet.ServletException {
		if (!OutcomeResponse.isFhirPath(request.getRequestURI())) {
			elsewhere.handle(request, response, rejected);
			return;
		}
		OutcomeResponse.write(response, 400, IssueType.INVALID, "The request was refused: " + rejected.getMessage());
	}
}
