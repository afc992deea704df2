package org.fibroplan.web.internal;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.Objects;
import org.hl7.fhir.r4.model.OperationOutcome;

/** What the FHIR API said when it refused a request: its OperationOutcome's words, for a person to read. */
final class RefusalText {

	private RefusalText() {}

	static String of(BaseServerResponseException refusal) {
		if (refusal.getOperationOutcome() instanceof OperationOutcome outcome && outcome.hasIssue()) {
			return outcome.getIssue().stream().map(i -> i.getDiagnostics() != null ? i.getDiagnostics() : i.getDetails().getText())
					.filter(Objects::nonNull).reduce((a, b) -> a + "; " + b).orElse(refusal.getMessage());
		}
		return refusal.getMessage();
	}
}
