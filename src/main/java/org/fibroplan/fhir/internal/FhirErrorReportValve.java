package org.fibroplan.fhir.internal;

import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Tomcat's own refusals (an encoded slash or NUL in the path, a control character in a header) are
 * reported as OperationOutcomes on /fhir instead of Tomcat's HTML page. Public with a no-argument
 * constructor: Tomcat creates it by class name.
 */
public class FhirErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		if (!OutcomeResponse.isFhirPath(request.getRequestURI())) {
			super.report(request, response, throwable);
			return;
		}
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		String message = response.getMessage();
		try {
			OutcomeResponse.write(response.getResponse(), status, status == 404 ? IssueType.NOTFOUND : IssueType.INVALID,
					"The request was refused by the web server" + (message == null || message.isBlank() ? "." : ": " + message));
		} catch (IOException | IllegalStateException e) {
			// the client went away or the response is gone: nothing more to tell it
		}
	}
}
