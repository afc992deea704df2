package org.fibroplan.fhir.internal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import org.fibroplan.fhir.Outcomes;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.stereotype.Component;

/**
 * FHIR says a write whose If-Match names an outdated version gets 412 Precondition Failed; HAPI answers
 * 409. Only that case is translated (HAPI-0989: "not the current version"), so other conflicts, such as
 * a delete that would break references, stay 409.
 */
@Component
@Interceptor
public class StaleVersionInterceptor {

	private static final String NOT_CURRENT_VERSION = "HAPI-0989";

	@Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
	public BaseServerResponseException translate(RequestDetails request, Throwable thrown) {
		if (!(thrown instanceof ResourceVersionConflictException conflict)
				|| conflict.getMessage() == null
				|| !conflict.getMessage().contains(NOT_CURRENT_VERSION)) {
			return null;
		}
		String diagnostics = request.getId() == null || !request.getId().hasVersionIdPart()
				// a transaction entry's ifMatch: the request itself names no resource version
				? conflict.getMessage() + " Read the current version, reapply your change and send it with the new If-Match."
				: "The resource was changed by someone else since version " + request.getId().getVersionIdPart()
						+ " was read. Read the current version, reapply your change and send it with the new If-Match.";
		return new PreconditionFailedException(conflict.getMessage(), Outcomes.error(OperationOutcome.IssueType.CONFLICT, diagnostics));
	}
}
