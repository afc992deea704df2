package org.fibroplan.fhir.internal;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.fibroplan.fhir.Outcomes;
import org.hl7.fhir.r4.model.OperationOutcome;

/** An OperationOutcome written straight to the response, for refusals made before HAPI's server has the request. */
final class OutcomeResponse {

	static final String FHIR_PATH = "/fhir";

	private OutcomeResponse() {}

	static boolean isFhirPath(String requestUri) {
		return requestUri != null && (requestUri.equals(FHIR_PATH) || requestUri.startsWith(FHIR_PATH + "/")
				|| requestUri.startsWith(FHIR_PATH + "?") || requestUri.startsWith(FHIR_PATH + ";"));
	}

	static void write(HttpServletResponse response, int status, OperationOutcome.IssueType type, String detail)
			throws IOException {
		byte[] body = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(Outcomes.error(type, detail))
				.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		response.resetBuffer();
		response.setStatus(status);
		response.setContentType("application/fhir+json;charset=UTF-8");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		response.flushBuffer();
	}
}
