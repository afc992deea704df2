package org.fibroplan.ehr.internal;

import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.web.client.ResourceAccessException;

/**
 * Why one delivery attempt did not land, and whether trying again can help: network errors, 5xx, 408 and
 * 429 are worth another attempt (after the EHR's Retry-After when it gives one); any other 4xx is the
 * EHR's final answer.
 */
abstract sealed class DeliveryFailure extends RuntimeException {

	DeliveryFailure(String reason, Throwable cause) {
		super(reason, cause);
	}

	/** The EHR (or its authorization server) refused: the Task fails with this reason and the EHR's answer. */
	static final class Refused extends DeliveryFailure {
		private final transient OperationOutcome ehrAnswer;

		Refused(String reason, OperationOutcome ehrAnswer, Throwable cause) {
			super(reason, cause);
			this.ehrAnswer = ehrAnswer;
		}

		OperationOutcome ehrAnswer() {
			return ehrAnswer;
		}
	}

	/** The EHR could not take it now: try again, not before {@link #retryAfter()} when the EHR said so. */
	static final class Unavailable extends DeliveryFailure {
		private final transient Duration retryAfter;

		Unavailable(String reason, Duration retryAfter, Throwable cause) {
			super(reason, cause);
			this.retryAfter = retryAfter;
		}

		Optional<Duration> retryAfter() {
			return Optional.ofNullable(retryAfter);
		}
	}

	/**
	 * What an exception from talking to the target means for the delivery.
	 *
	 * @param retryAfter the EHR's Retry-After as seen on the response (HAPI's exceptions drop headers), or null
	 */
	static DeliveryFailure of(Exception e, String target, Duration retryAfter) {
		if (e instanceof DeliveryFailure failure) {
			return failure;
		}
		// Before BaseServerResponseException: HAPI reports a refused connection as one, with status 500.
		if (e instanceof FhirClientConnectionException || e instanceof ResourceAccessException) {
			return new Unavailable(target + " could not be reached: " + firstLine(e.getMessage()), null, e);
		}
		if (e instanceof BaseServerResponseException answer) {
			int status = answer.getStatusCode();
			String reason = target + " answered HTTP " + status + ": " + firstLine(answer.getMessage());
			if (status == 408 || status == 429 || status >= 500) {
				Duration asked = retryAfter(answer.getResponseHeaders(), Instant.now());
				return new Unavailable(reason, asked != null ? asked : retryAfter, e);
			}
			return new Refused(reason, answer.getOperationOutcome() instanceof OperationOutcome outcome ? outcome : null, e);
		}
		if (e instanceof BackendServicesTokens.TokenRefused refused) {
			int status = refused.status();
			if (status >= 400 && status < 500 && status != 408 && status != 429) {
				return new Refused(refused.getMessage(), null, e);
			}
			return new Unavailable(refused.getMessage(), null, e);
		}
		return new Unavailable("Delivery to " + target + " failed: " + e, null, e);
	}

	/** Retry-After as seconds or as an HTTP date. */
	static Duration retryAfter(Map<String, List<String>> headers, Instant now) {
		if (headers == null) {
			return null;
		}
		String value = headers.entrySet().stream().filter(h -> "retry-after".equalsIgnoreCase(h.getKey()))
				.flatMap(h -> h.getValue().stream()).findFirst().map(String::trim).orElse(null);
		if (value == null || value.isEmpty()) {
			return null;
		}
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
		} catch (NumberFormatException notSeconds) {
			try {
				Duration until = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
				return until.isNegative() ? Duration.ZERO : until;
			} catch (DateTimeParseException neither) {
				return null;
			}
		}
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "(no message)";
		}
		int end = message.indexOf('\n');
		return end < 0 ? message : message.substring(0, end);
	}
}
