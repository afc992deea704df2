package org.fibroplan.web.internal;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * What the FHIR API said when it refused a request: its OperationOutcome's words, for a person to read,
 * without the server's message codes (HAPI-2001: ...), which stay in the details for support.
 */
final class RefusalText {

	private static final Pattern MESSAGE_CODE = Pattern.compile("HAPI-\\d+:\\s*");
	private static final Pattern NOT_KNOWN = Pattern.compile("Resource (\\w+)/([^\\s/]+)(/_history/\\S+)? is not known");

	private RefusalText() {}

	/** The API's words, for the page: "FibroPlan holds no patient with the id “x”." for a resource it does not hold. */
	static String of(BaseServerResponseException refusal) {
		String words = details(refusal);
		Matcher notKnown = NOT_KNOWN.matcher(words);
		if (notKnown.find()) {
			return "FibroPlan holds no " + spaced(notKnown.group(1)) + " with the id “" + notKnown.group(2) + "”.";
		}
		return MESSAGE_CODE.matcher(words).replaceAll("");
	}

	/** The API's words as it gave them, message codes included: the details line a support desk asks for. */
	static String details(BaseServerResponseException refusal) {
		if (refusal.getOperationOutcome() instanceof OperationOutcome outcome && outcome.hasIssue()) {
			return outcome.getIssue().stream().map(i -> i.getDiagnostics() != null ? i.getDiagnostics() : i.getDetails().getText())
					.filter(Objects::nonNull).reduce((a, b) -> a + "; " + b).orElse(refusal.getMessage());
		}
		return refusal.getMessage();
	}

	/** CarePlan → "care plan": a resource type as words. */
	private static String spaced(String type) {
		return type.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
	}
}
