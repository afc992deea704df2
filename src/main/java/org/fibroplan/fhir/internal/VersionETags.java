package org.fibroplan.fhir.internal;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The only ETags this server issues or accepts in preconditions: one resource version, W/"3" or "3".
 * HAPI reads anything else as a number and fails with 500, or (W/"") as no precondition at all.
 */
final class VersionETags {

	private static final Pattern VERSION = Pattern.compile("(W/)?\"[0-9]{1,18}\"");

	private VersionETags() {}

	/** Refuses (400) a precondition header that is present but not exactly one version ETag; * only where allowed. */
	static void check(String name, List<String> values, boolean starAllowed) {
		if (values.isEmpty()) {
			return;
		}
		if (values.size() > 1) {
			throw new InvalidRequestException(name + " must be sent once, with one version (for example W/\"3\").");
		}
		check(name, values.get(0), starAllowed);
	}

	static void check(String name, String value, boolean starAllowed) {
		if (value == null) {
			return;
		}
		String trimmed = value.trim();
		if (starAllowed && trimmed.equals("*")) {
			return;
		}
		if (!VERSION.matcher(trimmed).matches()) {
			throw new InvalidRequestException(name + " must be one resource version as an ETag, for example W/\"3\"; '"
					+ printable(value) + "' is not one.");
		}
	}

	private static String printable(String value) {
		String shown = value.length() > 60 ? value.substring(0, 60) + "…" : value;
		return shown.replaceAll("[^\\x20-\\x7E]", "?");
	}
}
