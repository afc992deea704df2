package org.fibroplan.fhir.internal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.springframework.stereotype.Component;

/**
 * A number in a search that cannot be read (value-quantity=1') is the client's mistake: HAPI lets the
 * NumberFormatException through as 500; this answers 400. Only reads and searches, which parse the
 * request's values and nothing stored, are translated.
 */
@Component
@Interceptor
public class UnreadableSearchValues {

	@Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
	public BaseServerResponseException translate(RequestDetails request, Throwable thrown) {
		boolean unexpected = thrown instanceof InternalErrorException || !(thrown instanceof BaseServerResponseException);
		if (!unexpected || request == null || request.getRequestType() != RequestTypeEnum.GET) {
			return null;
		}
		for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
			if (cause instanceof NumberFormatException) {
				return new InvalidRequestException("A number in the search could not be read: " + cause.getMessage());
			}
		}
		return null;
	}
}
