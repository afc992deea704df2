package org.fibroplan.fhir.internal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.util.Locale;
import org.fibroplan.fhir.Outcomes;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * When two writers race to give two Patients one identifier, the database's unique index refuses the
 * loser with the SQL it ran (table names, constraint, values). The caller gets the same 409 in words
 * instead: what clashed and how to retry, nothing about the database.
 */
@Interceptor
public class DuplicateIdentifierRefusals {

	@Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
	public BaseServerResponseException inWords(RequestDetails request, Throwable thrown) {
		if (!(thrown instanceof ResourceVersionConflictException conflict) || conflict.getMessage() == null
				|| !conflict.getMessage().toUpperCase(Locale.ROOT).contains("HFJ_IDX_CMP_STRING_UNIQ")) {
			return null;
		}
		String type = request == null || request.getResourceName() == null ? "resource" : request.getResourceName();
		String message = "Another " + type + " already holds this identifier, or was stored with it at the same moment: "
				+ "identifiers are unique. Search by the identifier and update that " + type
				+ ", or repeat the request (with X-Retry-On-Version-Conflict: retry; max-retries=3 the server repeats it for you).";
		return new ResourceVersionConflictException(message, Outcomes.error(OperationOutcome.IssueType.DUPLICATE, message));
	}
}
