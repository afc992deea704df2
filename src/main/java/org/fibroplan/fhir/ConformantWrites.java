package org.fibroplan.fhir;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;

/**
 * Internal writes of resources the server builds itself (drafted care plans), whose conformance to the
 * project's profiles is established by tests over many generated cases rather than checked again on
 * every write: the profile validator is the most expensive step of a write, and on these hot paths it
 * could only repeat what the tests prove. Everything that arrives from outside is always validated.
 */
public final class ConformantWrites {

	private static final String KEY = ConformantWrites.class.getName();

	private ConformantWrites() {}

	/** Request details for such a write. */
	public static SystemRequestDetails request() {
		SystemRequestDetails request = new SystemRequestDetails();
		request.getUserData().put(KEY, Boolean.TRUE);
		return request;
	}

	public static boolean isConformantByConstruction(RequestDetails request) {
		return request != null && Boolean.TRUE.equals(request.getUserData().get(KEY));
	}
}
