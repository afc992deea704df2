package org.fibroplan.fhir.internal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Refuses with 400, before HAPI acts on them, preconditions and paging controls it would misread:
 * If-Match / If-None-Match that are not one version ETag, and _count / _offset that are not whole
 * numbers of zero or more (a negative _offset reaches the database and fails there with 500).
 */
@Component
@Interceptor
public class RequestPreconditions {

	private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,9}");

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public void check(RequestDetails request) {
		VersionETags.check("If-Match", headers(request, "If-Match"), false);
		VersionETags.check("If-None-Match", headers(request, "If-None-Match"), true);
		Map<String, String[]> parameters = request.getParameters();
		for (String control : List.of("_count", "_offset")) {
			String[] values = parameters == null ? null : parameters.get(control);
			if (values == null) {
				continue;
			}
			for (String value : values) {
				if (!WHOLE_NUMBER.matcher(value.trim()).matches()) {
					throw new InvalidRequestException(control + " must be a whole number of zero or more, not '"
							+ (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'.");
				}
			}
		}
	}

	private static List<String> headers(RequestDetails request, String name) {
		List<String> values = request.getHeaders(name);
		return values == null ? List.of() : values;
	}
}
